// <immintrin.h> for the AVX-512 kernels (x86-64 only). Include it in place
// of <immintrin.h>, and only from .cc files: it silences two warnings for
// the rest of the file. GCC 12's AVX-512 intrinsics fill unused lanes from
// _mm512_undefined_*, which it then warns about as uninitialised (a known
// false positive).
#pragma once

#if defined(__x86_64__)
#include <immintrin.h>

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#endif
