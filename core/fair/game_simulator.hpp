#pragma once
// Synthetic games from the provably-fair model, in the recording format, each with a server
// seed derived from a user seed so that `replayer verify` accepts them. Deterministic: the same
// settings give the same games, timestamps and bytes (the clock is virtual).
//
// Game n (1-based) of seed S: serverSeed = sha256_hex(S + ":" + n), serverSeedHash =
// sha256_hex(serverSeed), id = "YYYYMMDD-" + first 16 hex of sha256_hex(S + ":id:" + n) (the
// date of the game's start on the virtual clock), rug price = (0.002 + 0.018 u) * min(1, last
// price), with u in [0, 1) from the first 13 hex digits of serverSeedHash (the real rug prices
// are all below 0.02 and below 0.02 times the last price).
#include "core/fair/price_path.hpp"
#include "core/timestamp.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace replayer {

struct simulation_settings {
  std::string seed = "replayer";
  fair_version version = fair_version::v3;
  /// The virtual clock's start: 2025-01-01T00:00:00 (UTC).
  timestamp start = timestamp{std::chrono::sys_days{std::chrono::year{2025} / 1 / 1}};
  int cooldown_lines = 10;  // phase UNKNOWN, cooldown_timer 15000 down to 10100
  int presale_lines = 10;   // phase PRESALE, cooldown_timer 10000 down to 100
};

struct simulated_game {
  std::uint64_t number = 0;  // 1-based
  std::string id;
  std::string server_seed;
  std::string server_seed_hash;
  fair_version version = fair_version::v3;
  std::vector<double> path;  // path[0] == 1.0; the game rugs at tick path.size()
  double rug_price = 0;
  timestamp start{};         // time of the game_start line
};

class game_simulator {
public:
  static constexpr auto line_step = std::chrono::milliseconds(100);  // cooldown and presale lines
  static constexpr auto tick_step = std::chrono::milliseconds(250);  // game ticks

  explicit game_simulator(simulation_settings settings);

  /// Generates the next game into `game` (its buffers are reused) and moves the clock past it.
  void next(simulated_game& game);

  /// Appends the game's recording: game_start, the tick lines, game_end; each line ends in '\n'.
  /// False (and `out` partly written) when a price is outside what a recording can hold
  /// (above about 1.7e11, which only v1's uncapped volatility could reach).
  bool append_recording(std::string& out, const simulated_game& game) const;

  /// Appends the revealed game object line (with '\n') for revealed.seeds.jsonl:
  /// {"id", "serverSeed", "serverSeedHash", "version", "prices" (path + rug price), "peakMultiplier"}.
  static void append_revealed(std::string& out, const simulated_game& game);

  const simulation_settings& settings() const { return settings_; }

private:
  simulation_settings settings_;
  std::uint64_t number_ = 0;
  timestamp clock_;
};

}  // namespace replayer
