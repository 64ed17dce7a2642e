#!/usr/bin/env python3
# Independent .nlic decoder written from spec/format.md, spec/model.md and
# spec/neural.md alone, without reading the C++ code: evidence that the spec
# is complete. It checks every stripe's pixel CRC; slow (pure Python), meant
# for the small golden files. Neural files (predictor 1) need the model files
# of ../predictor/models/ (relative to this script), found by model_id.
# Usage: reference_decoder.py FILE.nlic...  (exit 0 = all OK)
import glob, os, sys, zlib
from operator import mul

def bitlen(v): return v.bit_length()
def clamp(v, lo, hi): return lo if v < lo else hi if v > hi else v
def tdiv(a, b):  # truncate toward zero, b>0
    return a // b if a >= 0 else -((-a) // b)
def sign3(v): return 2 if v > 0 else (1 if v == 0 else 0)

# ---- tables
K = [1,2,4,6,10,17,27,45,74,120,194,311,488,747,1102,1546,2048,2550,2994,3349,3608,3785,
     3902,3976,4022,4051,4069,4079,4086,4090,4092,4094,4095]
SQUASH = []
for i in range(4096):
    q = i >> 7; f = i & 127
    SQUASH.append(clamp((K[q]*(128-f) + K[q+1]*f + 64) >> 7, 1, 4095))
STRETCH = [0]*4096
nxt = 0
for d in range(-2047, 2048):
    v = SQUASH[d+2048]
    for p in range(nxt, v+1): STRETCH[p] = d
    nxt = v+1
for p in range(nxt, 4096): STRETCH[p] = 2047
CR = [(1 << 17) // (2*n+3) for n in range(1024)]
# model.md 4.10: the distribution logits, read from the committed table file
# (part of the specification, like the neural model files).
def load_dist_table():
    here = os.path.dirname(os.path.abspath(__file__))
    text = open(os.path.join(here, '..', 'codec', 'dist_prior_table.h')).read()
    body = text[text.index('int16_t kDistLogit['):]
    body = body[body.index('{')+1:body.index('};')]
    vals = []
    for line in body.splitlines():
        line = line.split('//')[0].strip()
        vals += [int(v) for v in line.split(',') if v.strip()]
    assert len(vals) == 144*8*37
    return vals
DIST = load_dist_table()
TOP_PRIOR = [2013266, 1887437, 1593835]      # model.md 4.6
def DistBucket(scale):
    u = (scale*2731) >> 13
    if u < 16: return u
    L = bitlen(u)
    return min(16 + 8*(L - 5) + ((u >> (L - 4)) & 7), 143)
APM_INIT = [16*k for k in K]
# model.md 5.2: initial p22 of the mixed decisions' counters, by slot (n = 4)
SLOT_PRIOR = [
    1814487, 1785429, 1765039, 1595550, 1436774, 1239449, 818042, 293914,
    2097152, 2097152, 2097152, 2097152, 2097152, 2097152, 2097152, 2097152,
    2097152, 2097152, 1172017, 1609742, 1880241, 2045922, 2154461, 2350068,
    2965704, 3725952, 2097152, 2097152, 2097152, 2097152, 2097152, 2097152,
    2097152, 2097152, 2103801, 2139536, 2183720,
]
# model.md 5.3: initial weights of profile 0's mixer sets of coding position 0, [sb >> 3][slot]
MIX_PRIOR = [
  [
    (35419, 25157, 2566), (34506, 26854, -6141), (39992, 35787, 1852), (33212, 31605, 1633), (27734, 30558, 2827), (25523, 26997, 11346),
    (26697, 25106, 16384), (27893, 26803, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384),
    (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384),
    (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384),
    (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384),
    (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (22633, 33118, 34427), (25548, 28145, 27479),
    (26242, 24609, 7400),
  ],
  [
    (31924, 20437, 27014), (35833, 1787, 38103), (27702, 5893, 18082), (21476, 15957, 22581), (25760, 32315, 16336), (37065, 34220, 7382),
    (26738, 26473, 7837), (23375, 23347, 9839), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384),
    (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384),
    (8247, 3327, 53118), (5337, 2577, 53364), (17013, 6146, 37632), (36624, 23827, 23282), (24576, 24576, 16384), (24576, 24576, 16384),
    (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384),
    (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (15840, 17536, 35710), (20516, 19210, 36756),
    (34467, 17889, 31301),
  ],
  [
    (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (27401, 12476, 24134), (24277, 19408, 34897),
    (29416, 30070, 16761), (29287, 29692, 12001), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384),
    (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384),
    (21458, 21366, 14076), (18687, 18122, 14073), (16449, 14722, 14850), (16892, 18360, 31279), (32498, 29081, 35246), (31942, 29488, 20285),
    (27399, 27468, 17014), (27715, 27295, 16618), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384),
    (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (23836, 22768, 16378), (23096, 21915, 16355),
    (45202, 23199, 16299),
  ],
  [
    (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384),
    (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384),
    (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384),
    (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24624, 23154, 16312),
    (25619, 25449, 16393), (28988, 28615, 15885), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384),
    (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384), (24576, 24576, 16384),
    (25764, 24702, 16402),
  ],
]
_COUNTER_PRIOR = None
def counter_prior():   # model.md 5.2: codec/counter_prior_table.inc, T1 then T2, P(1) x 2^22
    global _COUNTER_PRIOR
    if _COUNTER_PRIOR is None:
        here = os.path.dirname(os.path.abspath(__file__))
        text = open(os.path.join(here, '..', 'codec', 'counter_prior_table.inc')).read()
        _COUNTER_PRIOR = [int(v) for line in text.splitlines() if not line.startswith('//')
                          for v in line.split(',') if v.strip()]
        assert len(_COUNTER_PRIOR) == 7400 + 9472, "counter prior table size"
    return _COUNTER_PRIOR
_APM_PRIOR = None
def apm_prior():   # model.md 5.4: codec/apm_prior_table.inc, 32*37 rows of 33 entries
    global _APM_PRIOR
    if _APM_PRIOR is None:
        here = os.path.dirname(os.path.abspath(__file__))
        text = open(os.path.join(here, '..', 'codec', 'apm_prior_table.inc')).read()
        _APM_PRIOR = [int(v) for line in text.splitlines() if not line.startswith('//')
                      for v in line.split(',') if v.strip()]
        assert len(_APM_PRIOR) == 32*37*33, "APM prior table size"
    return _APM_PRIOR
def BucketValue(i):
    if i == 0: return 1
    if i < 16: return i
    L = (i-16)//8 + 5; f = (i-16) % 8
    return (17+2*f) << (L-5)
WT = [max(1, (1 << 30)//(BucketValue(i)**2)) for i in range(240)]
RECIP = [0] + [65536//i for i in range(1, 65)]
def Bucket(v):
    if v < 16: return v
    sh = bitlen(v) - 4
    return 8*sh + (v >> sh)
def ScaleBucket(s):
    if s < 2: return s
    L = bitlen(s); return min(2*L-2 + ((s >> (L-2)) & 1), 31)
def Level5(q, t):
    if q == 0: return 2
    if q > 0: return 4 if q > t else 3
    return 0 if -q > t else 1
def Level9(q, t):
    if q == 0: return 4
    a = abs(q)
    m = 1 if a <= (t >> 1) else 2 if a <= t else 3 if a <= 2*t else 4
    return 4+m if q > 0 else 4-m

# ---- neural model files (neural.md section 2)
N_ABOVE = [12, 13, 13]; N_LEFT = [6, 7, 9]

def fnv1a64(data):
    h = 0xCBF29CE484222325
    for b in data: h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h

def parse_model(data):
    assert len(data) <= 1 << 20, "model file too large"
    r = R(data)
    assert r.bytes(4) == b'NLMD', "model file: bad magic"
    assert r.u8() == 1, "model file: unsupported version"
    assert r.u8() == 3, "model file: set count"
    def s8():
        v = r.u8(); v = v - 256 if v >= 128 else v
        assert -63 <= v <= 63, "model file: weight range"; return v
    def s32(lo, hi):
        v = r.u32(); v = v - (1 << 32) if v >= 1 << 31 else v
        assert lo <= v <= hi, "model file: bias/mul range"; return v
    sets = []
    for s in range(3):
        A, L = N_ABOVE[s], N_LEFT[s]; I = A + L
        assert list(r.bytes(5)) == [A, L, 32, 16, 2], "model file: shape"
        w1 = [[s8() for _ in range(I)] for _ in range(32)]
        b1 = [s32(-(1 << 20), 1 << 20) for _ in range(32)]
        m1 = [s32(0, 1 << 24) for _ in range(32)]
        w2 = [[s8() for _ in range(32)] for _ in range(16)]
        b2 = [s32(-(1 << 20), 1 << 20) for _ in range(16)]
        m2 = [s32(0, 1 << 24) for _ in range(16)]
        w3 = [[s8() for _ in range(16)] for _ in range(2)]
        b3 = [s32(-(1 << 20), 1 << 20) for _ in range(2)]
        m3 = [s32(0, 1 << 24) for _ in range(2)]
        sets.append(dict(A=A, w1a=[row[:A] for row in w1], w1l=[row[A:] for row in w1],
                         b1=b1, m1=m1, w2=w2, b2=b2, m2=m2, w3=w3, b3=b3, m3=m3))
    assert r.p == len(data), "model file: trailing bytes"
    return sets

_MODELS = None
def find_model(model_id):
    global _MODELS
    if _MODELS is None:
        _MODELS = {}
        here = os.path.dirname(os.path.abspath(__file__))
        for f in sorted(glob.glob(os.path.join(here, '..', 'predictor', 'models', '*.nlm'))):
            d = open(f, 'rb').read()
            _MODELS[fnv1a64(d) & 0xFFFFFFFF] = parse_model(d)  # neural.md 2.2
    if model_id not in _MODELS:
        raise Exception(f"unknown neural model_id {model_id} (0x{model_id:08X})")
    return _MODELS[model_id]

E2 = [1048576, 1095000, 1143480, 1194106, 1246974, 1302182, 1359835, 1420040,
      1482910, 1548564, 1617125, 1688722, 1763488, 1841564, 1923097, 2008240]
ST = [(v*4259 + (1 << 19)) >> 20 for v in E2]
def ScaleFromLog(e):
    e = clamp(e, 0, 416)
    return (ST[e & 15] << (e >> 4)) >> 10
def Rq(acc, m): return (acc*m + (1 << 15)) >> 16

class Arith:
    def __init__(s, data):
        s.d = data; s.pos = 0; s.overrun = 0; s.lo = 0; s.hi = 0xFFFFFFFF; s.x = 0
        for _ in range(4): s.x = ((s.x << 8) | s.nb()) & 0xFFFFFFFF
    def nb(s):
        if s.pos < len(s.d):
            b = s.d[s.pos]; s.pos += 1; return b
        s.overrun += 1; return 0
    def decode(s, p):
        mid = s.lo + (((s.hi - s.lo) * p) >> 16)
        bit = 1 if s.x <= mid else 0
        if bit: s.hi = mid
        else: s.lo = mid + 1
        while ((s.lo ^ s.hi) & 0xFF000000) == 0:
            s.lo = (s.lo << 8) & 0xFFFFFFFF
            s.hi = ((s.hi << 8) | 0xFF) & 0xFFFFFFFF
            s.x = ((s.x << 8) | s.nb()) & 0xFFFFFFFF
        return bit

LAST_MATCH = None                            # the last sample-coded stripe's match bit (for the report)

def trial_rows(rows, width):                 # neural.md 7.2
    min_rows = 1 if width >= 12288 else (12288 + width - 1) // width
    return min(max(rows // 16, min_rows), rows)

def match_table_bits(width):                 # model.md 4.11
    b = 8
    while b < 20 and (1 << (b - 8)) < width: b += 1
    return max(b, 12)

def decode_stripe(payload, rows, width, C, B, order, hasref, model=None, rich=False, refine=True):
    maxval = (1 << B) - 1; max8 = 8*maxval; mid = 1 << (B-1)
    S = [4 if hasref[k] else 8 for k in range(C)]
    samp = [dict() for _ in range(C)]        # (x,y)->v
    E = [dict() for _ in range(C)]           # (x,y)->list
    F = [dict() for _ in range(C)]
    res = [dict() for _ in range(C)]
    biasSum = [[0]*432 for _ in range(C)]; biasCnt = [[0]*432 for _ in range(C)]
    refRes8 = 0; refRes = 0
    # counters as [p22, n]
    T1 = {}; T2 = {}; T3 = {}; T4 = {}; MANT = {}; MANTTOP = {}; MIX = {}; APM = {}
    # profile 2 (model.md 4.9): four mixer inputs, initial weight 16384, rate 1
    NIN, WINIT, MRATE = (4, 16384, 1) if rich else (2, 24576, 2)
    NIN += 1                                 # model.md 4.10: + the distribution's logit, weight 16384
    def ctr(tab, i, mixed=True):             # mixed: T1..T4, start at the slot's prior
        c = tab.get(i)
        if c is None:
            # model.md 5.2: T1 and T2 of position 0 start at their context's prior
            if mixed and tab is T1 and i < 7400: c = [counter_prior()[i], 8]
            elif mixed and tab is T2 and i < 9472: c = [counter_prior()[7400 + i], 8]
            else: c = [SLOT_PRIOR[i % 37], 4] if mixed else [1 << 21, 0]
            tab[i] = c
        return c
    def cupd(c, bit, limit):
        target = (1 << 22) - 1 if bit else 0
        c[0] += ((target - c[0]) * CR[c[1]]) >> 16
        if c[1] < limit: c[1] += 1
    ac = Arith(payload)
    # model.md 4.11: the stripe's first bit turns the match model on
    match = ac.decode(4096) == 1
    global LAST_MATCH; LAST_MATCH = match
    if match:
        NIN += 1                             # + the match's input, weight 32768
        MBITS = match_table_bits(width); MTAB = {}; MCTR = {}
    def sget(k, x, y):                       # coded value, 0 outside the stripe
        if y < 0 or x < 0 or x >= width: return 0
        return samp[k][(x, y)]
    out_rows = [[0]*(width*C) for _ in range(rows)]
    # ---- neural predictor state (neural.md): classical residuals, sets
    cres = [dict() for _ in range(C)]        # (x,y) -> 8v - classical mean
    def cr(k, x, y):
        if x < 0 or x >= width: return 0
        return cres[k][(x, y)]
    nset = [None]*C
    if model is not None:
        for k in range(C):
            if k == 0: nset[k] = 0
            elif k in (1, 2) and hasref[k]: nset[k] = k
    rowcache = [None]*C                      # per row: (ns[], acc1[]) for positions with a set
    lmsW = [[0]*9 for _ in range(C)]         # neural.md 7.1 / model.md 3.10: refiner weights and counts
    lmsN = [0]*C
    def cl(xx): return clamp(xx, 0, width-1)
    def Eget(k, x, y):
        if y < 0 or x < 0 or x >= width: return None
        return E[k].get((x, y))
    def Fget(k, x, y):
        if y < 0 or x < 0 or x >= width: return 0
        return F[k][(x, y)]
    def rget(k, x, y):
        if y < 0 or x < 0 or x >= width: return 0
        return res[k][(x, y)]
    def neigh(k, x, y):
        s = samp[k]
        if y == 0:
            W = s[(x-1, 0)] if x > 0 else mid
            return W, W, W, W, W
        N = s[(x, y-1)]
        W = s[(x-1, y)] if x > 0 else N
        NW = s[(x-1, y-1)] if x > 0 else N
        NE = s[(x+1, y-1)] if x < width-1 else N
        NN = s[(x, y-2)] if y >= 2 else N
        return W, N, NW, NE, NN
    # neural.md 7.2: the refiner bit, at the start of row T when rows remain
    lmsOn = True
    T = trial_rows(rows, width) if model is not None else rows
    for y in range(rows):
        if y == T: lmsOn = ac.decode(32768) == 1
        if ac.overrun > 8: raise Exception("overrun")
        if y >= 1:
            # neural.md sections 4 and 5.2: per column, ns and layer 1's above part
            for k in range(C):
                if nset[k] is None: continue
                ns_row = []; acc_row = []
                net = model[nset[k]]
                s = samp[k]
                y2 = y-2 if y >= 2 else y-1
                for x in range(width):
                    N = s[(x, y-1)]; NW = s[(cl(x-1), y-1)]; NE = s[(cl(x+1), y-1)]
                    act = ((Fget(k, x-1, y-1) + 2*Fget(k, x, y-1) + Fget(k, x+1, y-1)) >> 2) \
                          + 4*(abs(N-NW) + abs(NE-N)) + 8
                    ns = bitlen(act)
                    def Fe(d): return clamp((32*d) >> ns, -127, 127)
                    up = lambda d: s[(cl(x+d), y-1)]
                    up2 = lambda d: s[(cl(x+d), y2)]
                    a = [Fe(8*(up(-1)-N)), Fe(8*(up(1)-N)), Fe(8*(up2(0)-N)), Fe(8*(up2(-1)-N)),
                         Fe(8*(up2(1)-N)), Fe(8*(up(-2)-N)), Fe(8*(up(2)-N)),
                         Fe(cr(k, x-1, y-1)), Fe(cr(k, x, y-1)), Fe(cr(k, x+1, y-1))]
                    if nset[k] == 0:
                        if C >= 3: a += [Fe(cr(1, x, y-1)), Fe(cr(2, x, y-1))]
                        else: a += [0, 0]
                    else:
                        g = samp[0]; gN = g[(x, y-1)]
                        a += [Fe(8*(g[(cl(x-1), y-1)]-gN)), Fe(8*(g[(cl(x+1), y-1)]-gN)),
                              Fe(8*(g[(x, y2)]-gN))]
                    ns_row.append(ns)
                    acc_row.append([b + sum(map(mul, w, a)) for b, w in zip(net['b1'], net['w1a'])])
                rowcache[k] = (ns_row, acc_row)
        for x in range(width):
            for k in range(C):
                # ---- Predict
                W, N, NW, NE, NN = neigh(k, x, y)
                if hasref[k]:
                    rW, rN, rNW, rNE, _ = neigh(0, x, y)
                    R = samp[0][(x, y)]
                    if y == 0:
                        dN = dW = dNW = dNE = W - rW
                    else:
                        dN = N - rN; dW = W - rW; dNW = NW - rNW; dNE = NE - rNE
                    P = [8*(R+dN+dW-dNW), 8*(R+dW+dNE-dN), 8*(R+dN), 8*(R+dW)]
                else:
                    P = [8*(N+W-NW), 8*(W+NE-N), 8*N, 8*W, 4*(W+NE)+2*(N-NN), 8*NE, 4*(N+W), 8*NW]
                num = 0; den = 0
                z = [0]*S[k]
                eNW = Eget(k, x-1, y-1) or z; eN = Eget(k, x, y-1) or z
                eNE = Eget(k, x+1, y-1) or z; eW = Eget(k, x-1, y) or z
                for j in range(S[k]):
                    e = eNW[j] + 2*eN[j] + eNE[j] + 2*eW[j]
                    w = WT[Bucket(e+1)]
                    num += w*P[j]; den += w
                rawMean = tdiv(num + den//2, den)
                scale = Fget(k, x, y-1) + Fget(k, x-1, y) + ((Fget(k, x-1, y-1) + Fget(k, x+1, y-1)) >> 1)
                if hasref[k]: scale += (3*abs(refRes8))//2
                act = 0 if scale < 16 else 1 if scale < 64 else 2 if scale < 256 else 3
                ctx = sign3(8*N - rawMean) + 3*sign3(8*W - rawMean)
                ctx = 2*ctx + (1 if 8*NW > rawMean else 0)
                ctx = 2*ctx + (1 if 8*NE > rawMean else 0)
                ctx = 4*ctx + act
                if hasref[k]: ctx = 3*ctx + sign3(refRes8)
                corrected = rawMean
                cnt = biasCnt[k][ctx]
                if cnt > 0: corrected = rawMean + ((biasSum[k][ctx]*RECIP[cnt]) >> 16)
                mean = clamp(corrected, 0, max8)
                # ---- neural predictor (neural.md sections 3 to 7)
                pmean, pscale = mean, scale
                refined = False
                if model is None and y >= 1 and refine:
                    # model.md 3.10: the classical predictor alone refines its mean (model_id 1)
                    if hasref[k]: lmsD = [p - mean for p in P] + [8*W - mean, 8*N - mean, 8*NW - mean, 8*NE - mean]
                    else: lmsD = [p - mean for p in P]
                    lmsD.append(rawMean - mean)
                    pmean = clamp(mean + ((sum(map(mul, lmsW[k], lmsD)) + (1 << 15)) >> 16), 0, max8)
                    refined = True
                if y >= 1 and nset[k] is not None:
                    st = nset[k]; net = model[st]
                    ns_row, acc_row = rowcache[k]
                    ns = ns_row[x]
                    def Fe(d): return clamp((32*d) >> ns, -127, 127)
                    s = samp[k]; Nk = s[(x, y-1)]
                    def Wof(j): return samp[j][(x-1, y)] if x >= 1 else samp[j][(0, y-1)]
                    WW = s[(x-2, y)] if x >= 2 else s[(0, y-1)]
                    l = [Fe(8*(Wof(k)-Nk)), Fe(8*(WW-Nk)), Fe(mean - 8*Nk), Fe(cr(k, x-1, y))]
                    if st == 0:
                        if C >= 3: l += [Fe(cr(1, x-1, y)), Fe(cr(2, x-1, y))]
                        else: l += [0, 0]
                    else:
                        gN = samp[0][(x, y-1)]
                        l += [Fe(8*(samp[0][(x, y)]-gN)), Fe(8*(Wof(0)-gN)), Fe(cr(0, x, y))]
                        if st == 2:
                            l += [Fe(8*(samp[1][(x, y)]-samp[1][(x, y-1)])), Fe(cr(1, x, y))]
                    acc1 = acc_row[x]
                    h1 = [clamp(Rq(a1 + sum(map(mul, w, l)), m), 0, 127)
                          for a1, w, m in zip(acc1, net['w1l'], net['m1'])]
                    h2 = [clamp(Rq(b + sum(map(mul, w, h1)), m), 0, 127)
                          for b, w, m in zip(net['b2'], net['w2'], net['m2'])]
                    o0, o1 = [Rq(b + sum(map(mul, w, h2)), m)
                              for b, w, m in zip(net['b3'], net['w3'], net['m3'])]
                    c = clamp(o0, -16384, 16384)
                    m0 = clamp(mean + ((c << ns) >> 8), 0, max8)
                    # neural.md 7.1: the LMS refiner, unless the refiner bit turned it off
                    if lmsOn:
                        if hasref[k]: lmsD = [p - m0 for p in P] + [8*W - m0, 8*N - m0, 8*NW - m0, 8*NE - m0]
                        else: lmsD = [p - m0 for p in P]
                        lmsD.append(mean - m0)
                        pmean = clamp(m0 + ((sum(map(mul, lmsW[k], lmsD)) + (1 << 15)) >> 16), 0, max8)
                        refined = True
                    else: pmean = m0
                    ls = clamp(o1 >> 4, -160, 160)
                    pscale = ScaleFromLog(16*ns + ls)
                # ---- CodeSample (receives pmean, pscale)
                base = (pmean + 4) >> 3
                frac = (pmean + 4) & 7
                t = ((pscale*2731) >> 16) + 1
                sb = ScaleBucket(pscale)
                amax = max(base, maxval - base)
                cmax = bitlen(amax)
                c0 = min(bitlen(t-1), cmax)
                tex = 5*Level5(rget(k, x-1, y), t) + Level5(rget(k, x, y-1), t)
                if k == 0: cross = 5*Level5(rget(k, x-1, y-1), t) + Level5(rget(k, x+1, y-1), t)
                else: cross = Level9(refRes, t)
                scaleCtx = (32*k + sb)*37
                texCtx = ((8*k + (sb >> 2))*25 + tex)*37
                crossCtx = ((8*k + frac)*32 + cross)*37
                mixCtx = (4*k + (sb >> 3))*37
                distRow = (DistBucket(pscale)*8 + frac)*37
                if rich:
                    rW = rget(k, x-1, y); rN = rget(k, x, y-1)
                    energy = abs(rW) + abs(rN) + ((abs(rget(k, x-1, y-1)) + abs(rget(k, x+1, y-1))) >> 1)
                    eq = 0 if energy == 0 else clamp(bitlen(energy) - bitlen(t) + 6, 1, 11)
                    if k == 0: fine = 9*Level9(rW, t) + Level9(rN, t)
                    elif k == 1: fine = 9*Level9(refRes, t) + Level9(rW, t)
                    else: fine = 9*Level9(res[k-1][(x, y)], t) + Level9(refRes, t)
                    energyCtx = ((16*k + (sb >> 1))*12 + eq)*37
                    fineCtx = ((4*k + (sb >> 3))*81 + fine)*37
                # model.md 4.11: the match model's candidate
                alive = False
                if match:
                    M16 = 0xFFFF; M64 = (1 << 64) - 1; HM = 0x9E3779B97F4A7C15
                    diff = C >= 3 and k in (1, 2)      # R, B against G
                    off = samp[0][(x, y)] if diff else 0
                    w0 = sget(0, x-1, y) if diff else 0; n0 = sget(0, x, y-1) if diff else 0
                    h = k + 1
                    h = ((h ^ ((sget(k, x-1, y) - w0) & M16)) * HM) & M64
                    h = ((h ^ ((sget(k, x, y-1) - n0) & M16)) * HM) & M64
                    hb = h
                    for kk in range(1, k): hb = ((hb ^ ((samp[kk][(x, y)] - off) & M16)) * HM) & M64
                    for kk in range(k): h = ((h ^ ((samp[kk][(x, y)] - (off if kk else 0)) & M16)) * HM) & M64
                    hb = ((hb ^ 0xB5) * HM) & M64
                    cands = [(h >> (64 - MBITS), (h >> (56 - MBITS)) & 255)]
                    if diff: cands.append((hb >> (64 - MBITS), (hb >> (56 - MBITS)) & 255))
                    ents = [MTAB.get(sl) for sl, _ in cands]
                    holds = [e is not None and e[1] == ck for e, (_, ck) in zip(ents, cands)]
                    which = 0 if holds[0] else 1 if len(holds) > 1 and holds[1] else None
                    if which is not None:
                        alive = True
                        ent = ents[which]
                        mres = ((ent[0] + off) & M16) - base; mmag = abs(mres); mcls = bitlen(mmag)
                        mcx = ((((4*which + k)*32) + ent[2])*2 + (1 if mres == 0 else 0))*3
                        trust = 0 if ent[2] == 0 else 1 if ent[2] < 4 else 2 if ent[2] < 16 else 3
                        for kind in range(3):
                            if mcx + kind not in MCTR: MCTR[mcx + kind] = [3 << 20, 2]
                def Decide(slot, expected=0, kind=0):
                    nonlocal alive
                    cs = [ctr(T1, texCtx+slot), ctr(T2, crossCtx+slot)]
                    if rich: cs += [ctr(T3, energyCtx+slot), ctr(T4, fineCtx+slot)]
                    xs = [STRETCH[c[0] >> 10] for c in cs] + [DIST[distRow + slot]]
                    mixKey = mixCtx + slot
                    if match:
                        st = 0
                        if alive:
                            st = STRETCH[MCTR[mcx + kind][0] >> 10]
                            if not expected: st = -st
                            mixKey += C*37*4*(1 + trust)   # the weight sets used while the match lives
                        xs.append(st)
                    m = MIX.get(mixKey)
                    if m is None:
                        if not rich and (mixKey // (37*4)) % C == 0:   # model.md 5.3: position 0 starts trained
                            m = list(MIX_PRIOR[(mixKey // 37) % 4][slot]) + ([65536] if match else [])
                        else:
                            m = [WINIT]*(NIN-1-match) + [16384] + ([65536] if match else [])
                        MIX[mixKey] = m
                    dot = sum(xi*wi for xi, wi in zip(xs, m))
                    logit = clamp(dot >> 16, -2047, 2047)
                    pm = SQUASH[logit+2048]
                    a = APM.get(scaleCtx+slot)
                    if a is None:   # model.md 5.4: profile 0's position 0 starts at APM_PRIOR
                        ai = scaleCtx + slot
                        a = list(apm_prior()[33*ai:33*ai + 33]) if not rich and ai < 32*37 else list(APM_INIT)
                        APM[ai] = a
                    u = logit + 2048; lo = u >> 7; wt = u & 127
                    pa = (a[lo]*(128-wt) + a[lo+1]*wt) >> 7
                    ub = lo + (wt >> 6)
                    p16 = clamp((16*pm + 3*pa) >> 2, 32, 65504)
                    bit = ac.decode(p16)
                    for c in cs: cupd(c, bit, 255)
                    err = ((bit << 12) - pm)*MRATE
                    for i in range(NIN):
                        m[i] = clamp(m[i] + ((xs[i]*err + 512) >> 10), -(1 << 22), 1 << 22)
                    a[ub] = a[ub] + (((65535 if bit else 0) - a[ub]) >> 7)
                    if alive:
                        cupd(MCTR[mcx + kind], 1 if bit == expected else 0, 255)
                        alive = bit == expected
                    return bit
                if c0 > 0 and Decide(17 + c0, alive and mcls < c0) == 1:
                    j = c0 - 1
                    while j > 0 and Decide(17 + j, alive and mcls < j) == 1: j -= 1
                else:
                    j = c0
                    while j < cmax and Decide(j, alive and mcls > j) == 1: j += 1
                alive = alive and mcls == j
                if j == 0:
                    out = base
                else:
                    mm = 1
                    side = 0 if j < c0 else 1 if j == c0 else 2
                    for i in range(j-2, -1, -1):
                        mctx = 17*k + j
                        if rich: mctx = 3*mctx + side
                        if not rich and i == j - 2:      # model.md 4.6: MANTTOP
                            c = MANTTOP.get(3*mctx + side)
                            if c is None: c = [TOP_PRIOR[side], 4]; MANTTOP[3*mctx + side] = c
                        else:
                            c = ctr(MANT, mctx*16 + i, False)
                        p16 = c[0] >> 6
                        if alive:                        # model.md 4.11: the match names the bit
                            e = (mmag >> i) & 1; q = MCTR[mcx + 2][0] >> 6
                            p16 = q if e else 65536 - q
                        bit = ac.decode(clamp(p16, 32, 65504))
                        cupd(c, bit, 255 if rich else 1023)
                        if alive:
                            cupd(MCTR[mcx + 2], 1 if bit == e else 0, 255)
                            alive = bit == e
                        mm = 2*mm + bit
                    mm = min(mm, amax)
                    if mm > base: neg = 0
                    elif mm > maxval - base: neg = 1
                    else: neg = Decide(34 + min(j, 3) - 1, alive and mres < 0, 1)
                    out = base - mm if neg else base + mm
                if match:                                # model.md 4.11: the table learns the value
                    stored = (out - off) & M16
                    for i, (sl, ck) in enumerate(cands):
                        conf = min(ents[i][2] + 1, 31) if holds[i] and ents[i][0] == stored else 0
                        MTAB[sl] = (stored, ck, conf)
                res[k][(x, y)] = out - base
                if k == 0: refRes = out - base
                v = out
                out_rows[y][x*C + order[k]] = v
                # ---- Update (classical state from the classical mean)
                samp[k][(x, y)] = v
                v8 = 8*v
                cres[k][(x, y)] = v8 - mean
                E[k][(x, y)] = [min(abs(v8 - P[j]), 65535) for j in range(S[k])]
                F[k][(x, y)] = abs(v8 - mean)
                biasSum[k][ctx] += v8 - rawMean
                biasCnt[k][ctx] += 1
                if biasCnt[k][ctx] > 64:
                    biasSum[k][ctx] = tdiv(biasSum[k][ctx], 2)
                    biasCnt[k][ctx] = 33
                if k == 0: refRes8 = v8 - mean
                if refined:
                    e = v8 - pmean
                    if e != 0:
                        sh = bitlen(64 + sum(abs(d) for d in lmsD)) + 6 + min(3, lmsN[k] >> 12)
                        sg = 1 if e > 0 else -1
                        lmsW[k] = [clamp(w + ((sg*d*65536 + (1 << (sh-1))) >> sh), -(1 << 18), 1 << 18)
                                   for w, d in zip(lmsW[k], lmsD)]
                    lmsN[k] = min(lmsN[k] + 1, 12288)
    if ac.overrun > 8: raise Exception("overrun")
    return out_rows

# ---- profile 1 (format.md section 9)
RECIP24 = [0] + [(1 << 24) // q for q in range(1, 512)]
WEIGHT = [(1 << 24) // ((e+1)*(e+1)) + 1 for e in range(2048)]

def token_count(B):
    u = (1 << B) - 1
    if u < 16: return u + 1
    n = bitlen(u) - 1
    return 16 + 2*(n-4) + ((u >> (n-1)) & 1) + 1

def activity_bucket(a):
    t = a + 2; L = bitlen(t)
    return min(2*L - 4 + ((t >> (L-2)) & 1), 23)

def decode_stripe_fast(payload, rows, width, C, B, order, hasref):
    r = R(payload)
    T = token_count(B)
    tables = []
    for ctx in range(24*C):
        n = r.varint(); assert n <= T
        f = [r.varint() for _ in range(n)]
        if n == 0: f = [4096]
        assert sum(f) == 4096
        cum = [0]
        for v in f: cum.append(cum[-1] + v)
        tables.append((f, cum))
    d = payload[r.p:]; pos = 4; overrun = max(0, 4 - len(d))
    x = int.from_bytes((d[:4] + bytes(4))[:4], 'big')
    def refill():
        nonlocal x, pos, overrun
        while x < (1 << 23):
            if pos < len(d): b = d[pos]
            else: b = 0; overrun += 1
            pos += 1
            x = ((x << 8) | b) & 0xFFFFFFFF
    def read_token(ctx):
        nonlocal x
        f, cum = tables[ctx]
        slot = x & 4095
        t = 0
        while cum[t+1] <= slot: t += 1
        x = f[t]*(x >> 12) + slot - cum[t]
        refill()
        return t
    def read_raw(n):
        nonlocal x
        v = x & ((1 << n) - 1); x >>= n; refill(); return v
    mask = (1 << B) - 1; half = 1 << (B-1); shift = max(0, B-8)
    # Cells (val, err[4], mag) of the row above and the current row, per
    # position, with a padding column each side (index 0 and width+1).
    def blank(): return [[0, [0]*4, 0] for _ in range(width+2)]
    cur = [blank() for _ in range(C)]
    out = []
    for y in range(rows):
        assert overrun <= 8, "overrun"
        up = []
        for k in range(C):
            c = cur[k]; u = blank()
            for i in range(1, width+1):
                u[i][0] = c[i][0]
                u[i][1] = [2*c[i][1][j] + c[i-1][1][j] + c[i+1][1][j] for j in range(4)]
                u[i][2] = c[i][2] + ((c[i-1][2] + c[i+1][2]) >> 1)
            u[0][0] = u[1][0]; u[width+1][0] = u[width][0]
            nc = blank(); nc[0][0] = u[1][0]
            up.append(u); cur[k] = nc
        row = [0]*(width*C)
        for xx in range(width):
            i = xx + 1
            g = 0; gmag = 0
            for k in range(C):
                cw = cur[k][i-1]; cn = up[k][i]
                if y == 0:
                    W = (0 if hasref[k] else half) if xx == 0 else cw[0]
                    N = NW = NE = W
                else:
                    W = cw[0]; N = cn[0]; NW = up[k][i-1][0]; NE = up[k][i+1][0]
                sub = [N + W - NW, N, W, W + NE - N]
                num = 0; den = 0
                for j in range(4):
                    e = min((cn[1][j] + 2*cw[1][j]) >> shift, 2047)
                    num += WEIGHT[e]*(sub[j] - N); den += WEIGHT[e]
                sh = 0 if den < 512 else bitlen(den) - 9
                pred = N + (((num >> sh)*RECIP24[den >> sh] + (1 << 23)) >> 24)
                full = clamp(pred + g if hasref[k] else pred, 0, mask)
                act = cw[2] + cn[2] + (gmag if hasref[k] else 0)
                ctx = 24*k + activity_bucket(act)
                t = read_token(ctx)
                if t < 16: u = t
                else:
                    nb = (t - 16)//2 + 3
                    u = ((2 + ((t - 16) & 1)) << nb) | read_raw(nb)
                res = -(u >> 1) - 1 if u & 1 else u >> 1
                v = (full + res) & mask
                row[xx*C + order[k]] = v
                p = v - g if hasref[k] else v
                cell = cur[k][i]
                cell[0] = p; cell[1] = [abs(p - s_) for s_ in sub]; cell[2] = abs(res)
                if k == 0: g = v; gmag = abs(res)
        out.append(row)
    assert overrun <= 8, "overrun"
    assert pos == len(d) and overrun == 0 and x == (1 << 23), "stream does not end cleanly"
    return out

# ---- palette images in profile 0 (palette.md); kept apart from the rest
def decode_stripe_palette(payload, rows, width, B, E):
    V = 1 << B
    K = 7; KK = K + 1; ESC = K  # candidates, kinds, the escape kind
    ac = Arith(payload)
    def new_ctrs(n): return [[1 << 21, 0] for _ in range(n)]
    EQ = new_ctrs(K*64); HIST = new_ctrs(K*KK**3); CVAL = new_ctrs(K*V)
    NODE0 = new_ctrs(V); NODEW = new_ctrs(V*V); NODEN = new_ctrs(V*V)
    CMIX = [[49152]*3 for _ in range(K*KK)]; TMIX = [[49152]*3 for _ in range(B)]
    CAPM = [list(APM_INIT) for _ in range(K*64)]; TAPM = [list(APM_INIT) for _ in range(V)]
    SB = 2
    while SB < 20 and (1 << (SB - 2)) < width*rows: SB += 1
    SB = max(SB, 12)
    SEEN = [[0]*(1 << SB) for _ in range(3)]
    M32 = 0xFFFFFFFF
    def mix(h): h &= M32; return ((h ^ (h >> 15)) * 0x2C1B3C6D) & M32
    def cupd(c, bit):
        target = (1 << 22) - 1 if bit else 0
        c[0] += ((target - c[0]) * CR[c[1]]) >> 16
        if c[1] < 255: c[1] += 1
    def decide(cs, m, a):
        xs = [STRETCH[c[0] >> 10] for c in cs]
        logit = clamp((xs[0]*m[0] + xs[1]*m[1] + xs[2]*m[2]) >> 16, -2047, 2047)
        pm = SQUASH[logit + 2048]
        u = logit + 2048; lo = u >> 7; wt = u & 127
        pa = (a[lo]*(128-wt) + a[lo+1]*wt) >> 7
        ub = lo + (wt >> 6)
        bit = ac.decode(clamp((16*pm + 3*pa) >> 2, 32, 65504))
        for c in cs: cupd(c, bit)
        err = ((bit << 12) - pm)*2
        for i in range(3): m[i] = clamp(m[i] + ((xs[i]*err + 512) >> 10), -(1 << 22), 1 << 22)
        a[ub] = a[ub] + (((65535 if bit else 0) - a[ub]) >> 7)
        return bit
    out = []
    kup = [ESC]*width
    for y in range(rows):
        if ac.overrun > 8: raise Exception("overrun")
        row = [0]*width; kcur = [ESC]*width
        for x in range(width):
            if y == 0:
                W = row[x-1] if x > 0 else 0
                N = NE = NW = W
            else:
                up = out[y-1]
                N = up[x]
                W = row[x-1] if x > 0 else N
                NW = up[x-1] if x > 0 else N
                NE = up[x+1] if x < width-1 else N
            WW = row[x-2] if x > 1 else W
            eq = (W == N) + 2*(W == NW) + 4*(N == NW) + 8*(N == NE) + 16*(W == WW) + 32*(W == NE)
            kW = kcur[x-1] if x > 0 else ESC
            kNE = kup[x+1] if x < width-1 else ESC
            hist = KK*KK*kW + KK*kup[x] + kNE
            # neighbourhood tables (palette.md 2.2)
            NN = out[y-2][x] if y > 1 else N
            NWW = out[y-1][x-2] if y > 0 and x > 1 else NW
            NNE = out[y-2][x+1] if y > 1 and x + 1 < width else NE
            h5 = mix(W*0x9E3779B1 ^ N*0x85EBCA77 ^ NW*0xC2B2AE3D ^ NE*0x27D4EB2F ^ WW*0x165667B1)
            h3 = mix(W*0x9E3779B1 ^ N*0x85EBCA77 ^ NE*0x27D4EB2F)
            h8 = mix(h5 ^ NN*0x7FEB352D ^ NWW*0x846CA68B ^ NNE*0x6C8E9CF5)
            slots = [h5 >> (32 - SB), h3 >> (32 - SB), h8 >> (32 - SB)]
            sv = [SEEN[t][slots[t]] for t in range(3)]
            cand = [W, N, NE, NW] + [((s_ & 511) - 1 if s_ else W) for s_ in sv]
            eqs = [eq]*4 + [((s_ >> 9) << 4) | (eq & 15) for s_ in sv]
            R = []; left = E; v = None
            for j in range(K):
                c = cand[j]
                if c in cand[:j]: continue
                if left == 1: hit = 1
                else:
                    hit = decide([EQ[64*j + eqs[j]], HIST[KK**3*j + hist], CVAL[V*j + c]],
                                 CMIX[KK*j + hist//(KK*KK)], CAPM[64*j + eqs[j]])
                if hit:
                    kcur[x] = j; v = c; break
                R.append(c); left -= 1
            if v is None:
                kcur[x] = ESC
                def possible(a0, size):
                    return max(0, min(a0 + size, E) - a0) - sum(1 for r_ in R if a0 <= r_ < a0 + size)
                node = 1
                for d in range(B-1, -1, -1):
                    lo1 = ((2*node + 1) << d) - V; lo0 = lo1 - (1 << d)
                    n1 = possible(lo1, 1 << d); n0 = possible(lo0, 1 << d)
                    if n1 == 0: bit = 0
                    elif n0 == 0: bit = 1
                    else:
                        bit = decide([NODE0[node], NODEW[V*W + node], NODEN[V*N + node]],
                                     TMIX[B-1-d], TAPM[node])
                    node = 2*node + bit
                v = node - V
            for t in range(3):
                s_ = sv[t]; streak = s_ >> 9
                SEEN[t][slots[t]] = ((min(streak + 1, 3) << 9) | (v + 1)) if (s_ & 511) == v + 1 else v + 1
            row[x] = v
        out.append(row); kup = kcur
    if ac.overrun > 8: raise Exception("overrun")
    return out
# ---- end of palette section

def unpack_color_table(data, n, C, B):
    # format.md 2.1: differences from the entry before, arithmetic-coded
    ac = Arith(data); mask = (1 << B) - 1
    LEN = [[[1 << 21, 0] for _ in range(16)] for _ in range(4)]
    BITS = [[[[1 << 21, 0] for _ in range(16)] for _ in range(17)] for _ in range(4)]
    def bit(c):
        b = ac.decode(clamp(c[0] >> 6, 32, 65504))
        c[0] += ((((1 << 22) - 1 if b else 0) - c[0]) * CR[c[1]]) >> 16
        if c[1] < 30: c[1] += 1
        return b
    prev = [0]*4; table = []
    for _ in range(n):
        e = []
        for c in range(C):
            ln = 0
            while ln < B and bit(LEN[c][ln]): ln += 1
            v = 1 if ln else 0
            for k in range(ln - 2, -1, -1): v = (v << 1) | bit(BITS[c][ln][k])
            d = v if c == 0 else ((1 << B) - (v + 1)//2 if v & 1 else v//2)
            prev[c] = (prev[c] + d) & mask; e.append(prev[c])
        table.append(e)
    assert ac.overrun <= 8, 'colour table truncated'
    assert all(table[i-1] < table[i] for i in range(1, n)), 'colour table not increasing'
    return table

class R:
    def __init__(s, d): s.d = d; s.p = 0
    def u8(s): b = s.d[s.p]; s.p += 1; return b
    def bytes(s, n): b = s.d[s.p:s.p+n]; s.p += n; return b
    def u32(s): return int.from_bytes(s.bytes(4), 'little')
    def varint(s):
        v = 0; sh = 0
        while True:
            b = s.u8(); v |= (b & 127) << sh; sh += 7
            if not b & 128: return v

def decode_file(path):
    d = open(path, 'rb').read()
    r = R(d)
    assert r.bytes(6) == bytes([0x8E, 0x4E, 0x4C, 0x0D, 0x0A, 0x1A])
    assert r.u8() == 7, "format version"
    flags = r.u8(); fmt = r.u8(); ct = fmt >> 4; B = (fmt & 15) + 1  # format.md 2
    pred = (flags >> 5) & 1; prof = flags >> 6; flags &= 31
    width = r.varint() + 1; height = r.varint() + 1
    mid = r.u32() if pred == 1 else r.varint(); srows = r.varint()
    assert pred in (0, 1) and prof in (0, 1, 2) and not (prof == 1 and pred != 0)
    assert not (prof == 2 and ct == 3), 'profile 2 is not used for palette images'
    assert not (pred == 1 and (ct == 3 or B < 8)), 'predictor 1 needs 8/16-bit, non-palette'
    if pred == 0: assert mid in (1, 2), f"unknown classical model_id {mid}"
    model = find_model(mid) if pred == 1 else None
    entries = 0
    if ct == 3 or flags & 8:
        n = r.varint(); r.bytes(3*n); entries = n
    C = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ct]
    table = None
    if flags & 16:  # colour table (format.md 2.1): pixels coded as its indices
        assert ct != 3 and prof == 0 and pred == 0, 'colour table needs a non-palette image, profile 0, predictor 0'
        n = r.varint(); assert 1 <= n <= 256
        table = unpack_color_table(r.bytes(r.varint()), n, C, B)
    if flags & 2:
        n = r.varint(); r.bytes(n)
    if flags & 4:
        cc = r.varint()
        for _ in range(cc):
            r.bytes(4); r.u8(); n = r.varint(); r.bytes(n)
    if flags & 2: r.varint()
    hcrc = r.u32()
    assert zlib.crc32(d[:r.p-4]) == hcrc, "header crc"
    if ct in (2, 6):
        order = [1, 0, 2, 3][:C]; hasref = [False, True, True, False][:C]
    else:
        order = list(range(C)); hasref = [False]*C
    tiles = (height + srows - 1)//srows
    ok = True
    global LAST_MATCH
    for i in range(tiles):
        LAST_MATCH = None
        plen = r.varint(); pcrc = r.u32(); payload = r.bytes(plen)
        rows = min((i+1)*srows, height) - i*srows
        if prof == 1: out = decode_stripe_fast(payload, rows, width, C, B, order, hasref)
        elif ct == 3: out = decode_stripe_palette(payload, rows, width, B, entries)
        elif table is not None:
            IB = max(1, (len(table) - 1).bit_length())  # index bits (palette.md)
            idx = decode_stripe_palette(payload, rows, width, IB, len(table))
            out = [[s_ for i in row for s_ in table[i]] for row in idx]
        else: out = decode_stripe(payload, rows, width, C, B, order, hasref, model, prof == 2, mid != 2)
        raw = bytearray()
        for row in out:
            for v in row:
                if B <= 8: raw.append(v)
                else: raw += bytes([v & 255, v >> 8])
        good = zlib.crc32(bytes(raw), zlib.crc32(i.to_bytes(4, 'little'))) == pcrc
        ok &= good
        mflag = f" match={int(LAST_MATCH)}" if out is not None and LAST_MATCH is not None else ""
        print(f"  stripe {i}: {width}x{rows} C={C} B={B} pred={pred} prof={prof}{mflag} crc {'OK' if good else 'MISMATCH'}")
    assert r.p == len(d)
    return ok

if __name__ == '__main__':
    allok = True
    for p in sys.argv[1:]:
        print(p); allok &= decode_file(p)
    print("ALL OK" if allok else "FAIL")
    sys.exit(0 if allok else 1)
