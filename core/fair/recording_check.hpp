#pragma once
// A recorded game against its revealed seed: the seed must hash to the committed serverSeedHash
// (when one is known), and every in-play tick the recorder wrote must carry the price the seed's
// path gives at that tick, bit for bit. Pure: no I/O; the caller says where things came from.
//
// The ticks compared: phase GAME_ACTIVATION or ACTIVE_GAMEPLAY, rugged false, tick index i with
// 0 <= i < path size; their `price.approx()` (the correctly rounded double of the recorded text)
// must have the bits of path[i]. Cooldown, presale and rug frames carry no path price. Partial
// recordings (started mid-game, split over files) are compared on the ticks they hold.
//
// Also here: `recorded_seed_tap`, which picks the seeds a recording carries itself out of its
// `game_end` / `game_complete` lines while the recording is read.
#include "core/fair/revealed_game.hpp"
#include "core/game.hpp"
#include "core/json_flat.hpp"
#include "core/line_source.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace replayer {

enum class seed_check_kind : unsigned char {
  truncated_seed,   // the seed is a shortened copy: nothing can be checked (not a failure)
  hash_mismatch,    // sha256(seed) != serverSeedHash
  unknown_version,  // no version, or not v1/v2/v3: no path to compare with
  price_mismatch,   // a recorded tick price differs from the seed's path
};

std::string_view seed_check_kind_name(seed_check_kind k);  // "price_mismatch", ...

struct seed_check_problem {
  seed_check_kind kind = seed_check_kind::price_mismatch;
  /// One sentence without file or game: "tick 5: recorded 0.97, the seed gives 0.9700000000000001".
  std::string message;
  std::int64_t tick = -1;  // price_mismatch: the tick index
  // price_mismatch: the price texts (recorded exactly as written, expected as Python repr);
  // hash_mismatch: hex digests (expected = sha256 of the seed, recorded = the committed hash).
  std::string recorded;
  std::string expected;
};

struct seed_check_result {
  std::vector<seed_check_problem> problems;
  std::size_t ticks_compared = 0;  // in-play ticks compared with the path
  std::size_t path_length = 0;     // prices the seed gives (the game rugs at this tick); 0 if none
  bool unverifiable = false;       // the seed is truncated: `problems` holds only that notice

  bool verified() const { return !unverifiable && problems.empty(); }
  bool failed() const { return !unverifiable && !problems.empty(); }
};

/// Real server seeds are 64 hex digits. An all-hex seed of fewer digits is a truncated copy (the
/// original recorder's session files keep 20): it cannot reproduce the path.
bool is_truncated_seed(std::string_view seed);

/// Compares recorded games with revealed seeds; holds a scratch path so repeated calls do not
/// allocate. `revealed` must be the same game as `recorded` (the caller matches them by id); its
/// prices are not used, only its seed, hash and version. The path is computed from the recorded
/// game's id. Every mismatching tick is listed, in recording order.
class recording_seed_checker {
public:
  seed_check_result check(const game& recorded, const revealed_game& revealed);

private:
  std::vector<double> path_;
};

/// A seed found in a recording line.
struct recorded_seed {
  revealed_game game;     // id, server_seed, server_seed_hash (when given), version
  std::size_t line = 0;   // the line of the record in its file
};

/// A line source that hands its lines on unchanged and keeps the seeds carried by `game_end` and
/// `game_complete` records: a string member `server_seed` (any length: a truncated one is kept,
/// is_truncated_seed tells), `server_seed_hash` when present, the version from `version`,
/// `game_version` or `gameVersion` when present, else `assumed_version`. Lines without the text
/// "server_seed" are not parsed, so tapping costs little.
class recorded_seed_tap final : public line_source {
public:
  /// Used when the record names no version (the original recorder writes none): v3 is the model of
  /// every revealed game captured so far.
  static constexpr std::string_view assumed_version = "v3";

  /// `lines` must outlive the tap.
  explicit recorded_seed_tap(line_source& lines) : lines_(lines) {}
  std::optional<text_line> next() override;
  std::size_t max_line() const override { return lines_.max_line(); }

  /// The seeds seen so far, in file order.
  const std::vector<recorded_seed>& seeds() const { return seeds_; }

private:
  void inspect(const text_line& line);

  line_source& lines_;
  json_flat_parser parser_;
  std::vector<recorded_seed> seeds_;
};

}  // namespace replayer
