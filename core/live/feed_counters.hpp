#pragma once
// What the live tick converter saw, counted. Plain data; lists are bounded, counts are not.
#include "core/inline_text.hpp"
#include "core/live/backfill.hpp"
#include "core/live/game_state_payload.hpp"
#include "core/phase_tracker.hpp"
#include "core/tick.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace replayer::live {

using game_id_text = inline_text<tick::max_game_id>;

/// Ticks of a game that could not be filled.
struct live_gap {
  game_id_text game_id;
  tick_range missing;
};

/// A step the transition table does not allow, in a game.
struct live_anomaly {
  game_id_text game_id;
  phase_anomaly anomaly;

  /// "game 20251207-e8...: tick 12: ACTIVE_GAMEPLAY -> PRESALE (transition not allowed)"
  std::string describe() const { return "game " + game_id.str() + ": " + anomaly.describe(); }
};

struct feed_counters {
  static constexpr std::size_t max_listed = 8;  // gaps and anomalies listed; all are counted

  std::size_t updates = 0;           // payloads given
  std::size_t games = 0;             // game ids met
  std::size_t ticks = 0;             // ticks handed out, backfilled ones included
  std::size_t backfilled_ticks = 0;  // filled from partialPrices
  std::size_t jumps = 0;             // tickCount moved on by more than one within a game, before its rug
  std::size_t gaps = 0;              // runs of skipped ticks partialPrices did not hold
  std::int64_t missing_ticks = 0;    // ticks in those runs
  std::size_t duplicates = 0;        // same tickCount, same content: dropped
  std::size_t out_of_order = 0;      // tickCount went back within a game: dropped
  std::size_t repeats_in_play = 0;   // same tickCount in active play with other content: dropped
  std::size_t phase_anomalies = 0;
  std::size_t partial_prices_ignored = 0;
  std::size_t revealed_games = 0;    // gameHistory entries with a seed handed out (each id once)
  std::size_t unrevealed_history = 0;  // gameHistory entries without a server seed: not handed out
  std::size_t malformed = 0;         // payloads refused; nothing of them is used
  std::array<std::size_t, payload_problem_kinds> malformed_by_kind{};
  std::string last_malformed_reason;
  std::vector<live_gap> listed_gaps;
  std::vector<live_anomaly> listed_anomalies;
};

}  // namespace replayer::live
