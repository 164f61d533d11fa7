#pragma once
// The report's trade table: every closed trade (a sell, a liquidation at the rug, a close at the
// end of data: what the summary counts as closed trades) and every resolved sidebet, each with
// where it was opened and closed.
#include "core/trading/trade_event.hpp"

#include <string>
#include <vector>

namespace replayer::app {

struct round_trip {
  bool sidebet = false;
  std::int64_t open_tick = 0, close_tick = 0;
  decimal open_price;   // a position: its average cost per token; a sidebet: the price it was placed at
  decimal close_price;  // the price of the closing tick
  decimal quantity;     // tokens sold, or the sidebet's stake (SOL)
  decimal pnl;
  std::string how;  // "rule", "rail risk_loss_limit", "liquidated at the rug", "end of data", "sidebet won", ...
};

/// One game's events (in order) as round trips, in the order they closed. A position opens at the
/// first buy after it was flat; partial sells are one row each, at the same average cost.
std::vector<round_trip> round_trips(const std::vector<trade_event>& events);

}  // namespace replayer::app
