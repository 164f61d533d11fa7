#pragma once
// Checks one revealed game against its seed: the hash commits to the seed, and the seed gives
// the recorded prices bit for bit. Pure: no I/O; the caller says where the game came from.
#include "core/fair/revealed_game.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace replayer {

enum class fair_problem_kind : unsigned char {
  malformed,         // a field is missing or of the wrong type
  not_revealed,      // no serverSeed
  unknown_version,   // no version, or not v1/v2/v3
  hash_mismatch,     // sha256(serverSeed) != serverSeedHash
  price_mismatch,    // first tick whose recorded price differs from the seed's
  wrong_length,      // same prices, but the game rugs at another tick
  peak_mismatch,     // peakMultiplier differs from the path's maximum
};

std::string_view fair_problem_name(fair_problem_kind k);  // "hash_mismatch", ...

struct fair_problem {
  fair_problem_kind kind = fair_problem_kind::malformed;
  std::string message;  // one sentence, says what differs and the values
  // price_mismatch: the tick; wrong_length: the counts of prices (path + rug price).
  std::size_t tick = 0;
  std::size_t expected_count = 0;
  std::size_t recorded_count = 0;
  // hash_mismatch: hex digests; price_mismatch, peak_mismatch: number texts (expected in
  // Python repr, recorded exactly as written).
  std::string expected;
  std::string recorded;
};

struct fair_verdict {
  std::string game_id;
  std::string version;
  std::size_t path_length = 0;  // prices the seed gives (the game rugs at this tick)
  double peak = 0;              // the path's maximum
  std::vector<fair_problem> problems;

  bool verified() const { return problems.empty(); }
};

/// Verifies games; holds a scratch path so repeated calls do not allocate.
class game_verifier {
public:
  fair_verdict verify(const revealed_game& game);

private:
  std::vector<double> path_;
};

}  // namespace replayer
