// The damaged .nlic files of the stress run, made deterministically from an
// index: truncations, bit flips, overwritten byte runs, swapped, duplicated
// and dropped stripe records, header fields changed behind a recomputed CRC,
// and forged headers of extreme size (up to 2^24 x 2^24, 2^28 pixels) with
// payloads of a few bytes.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace nlic::stress {

struct Seed {
  std::string name;
  std::vector<uint8_t> bytes;
  size_t header_end = 0;                          // first byte after the header CRC
  std::vector<std::pair<size_t, size_t>> records;  // [begin, end) of each stripe record
};

struct Mutation {
  std::string kind;  // "truncate", "bitflip", ... (for the counts)
  std::string what;  // human-readable detail, for failure reports
  std::vector<uint8_t> bytes;
  int seed = -1;  // index of the seed it came from, -1 if forged from nothing
  // True when a header CRC was recomputed: the result may be a valid file
  // that decodes to something else, which is then not a decoder failure.
  bool forged_crc = false;
  // Peak RSS allowed in KiB, 0 = the run's bound. See HugeHeader().
  long rss_bound_kib = 0;
};

// Splits an .nlic file into header and records; false if it does not parse.
bool DescribeSeed(const std::string& name, std::vector<uint8_t> bytes, Seed* out);

// Mutation number `index` (0, 1, 2, ...); every index gives a new case.
Mutation MakeMutation(const std::vector<Seed>& seeds, uint64_t index);

}  // namespace nlic::stress
