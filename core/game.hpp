#pragma once
// A game as read from a recording: its tick lines in order, and the facts derived from them.
#include "core/phase_tracker.hpp"
#include "core/tick.hpp"

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace replayer {

struct game {
  std::string file;  // as given by the user
  std::string id;
  std::vector<tick> ticks;
  std::size_t first_line = 0;
  std::size_t last_line = 0;
  std::size_t bad_lines = 0;  // bad lines met while this game was being read
  bool has_start = false;     // a game_start record was seen
  bool has_end = false;       // a game_end or game_complete record was seen
  std::string end_status;     // game_end's "status" ("complete", "incomplete", ...) when present
};

struct tick_gap {
  std::int64_t after = 0;   // last tick index before the gap
  std::int64_t missing = 0; // indices skipped
};

struct game_facts {
  static constexpr std::size_t max_listed = 8;  // anomalies and gaps listed; all are counted

  std::size_t ticks = 0;  // tick lines
  std::int64_t first_tick = 0;
  std::int64_t last_tick = 0;
  std::optional<price> peak;
  std::optional<std::int64_t> rug_tick;  // index of the first tick with rugged=true
  std::optional<price> rug_price;
  std::chrono::microseconds duration{0};
  std::array<std::size_t, phase_count> ticks_per_phase{};
  std::size_t gaps = 0;            // jumps of more than one index in active play
  std::int64_t missing_ticks = 0;  // indices those jumps skipped
  std::vector<tick_gap> listed_gaps;
  std::size_t phase_anomalies = 0;
  std::vector<phase_anomaly> listed_anomalies;
  bool started_mid_game = false;  // the first tick line is already in play (no cooldown/presale)

  bool complete() const { return rug_tick.has_value(); }
};

game_facts analyse(const game& g);

}  // namespace replayer
