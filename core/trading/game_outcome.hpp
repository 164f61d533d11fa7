#pragma once
// What one game did to a session: its events, its equity path in brief, and (when a report or
// an equity file asks for it) the equity at every tick.
#include "core/price.hpp"
#include "core/trading/bot.hpp"
#include "core/trading/trade_event.hpp"

#include <optional>
#include <string>
#include <vector>

namespace replayer {

/// One tick of a game as charts and the equity file need it.
struct trace_point {
  std::int64_t tick = 0;
  replayer::price price;
  decimal equity;
};

struct game_outcome {
  std::string id;
  std::string file;  // where the game was read from; empty for the live feed
  std::size_t ticks = 0;
  bool complete = false;  // the game reached its rug
  decimal start_equity;
  decimal end_equity;
  // The game's equity relative to its start: lowest and highest, and the deepest fall from a
  // high within the game, with the ticks where they happen.
  decimal lowest, highest, deepest_fall, deepest_fall_from;
  std::int64_t lowest_tick = 0, deepest_fall_tick = 0;
  std::size_t ticks_with_position = 0;
  std::vector<trade_event> events;
  std::vector<trace_point> trace;  // per tick, only when asked for
  std::optional<halt> halted;
  std::optional<std::int64_t> ruined_tick;  // cash fell below min_amount with nothing open
  std::string stopped;  // why play stopped before the game's last tick ("tick N: decimal overflow")

  decimal pnl() const { return end_equity - start_equity; }
};

}  // namespace replayer
