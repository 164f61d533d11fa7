#pragma once
// One line of the trade log: every fill, liquidation, sidebet outcome and rejection, with exact
// amounts. The canonical text of the log is what the backtest's digest is taken over.
#include "core/decimal.hpp"
#include "core/trading/order.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace replayer {

enum class event_kind : std::uint8_t {
  buy,               // amount = SOL spent, qty = tokens bought
  sell,              // amount = SOL received, qty = tokens sold, pnl = realised
  liquidation,       // the rug: the position is sold at the rug price
  close_incomplete,  // the recording ended without a rug: closed at the last price
  sidebet_placed,    // amount = stake
  sidebet_won,       // amount = payout credited
  sidebet_lost,      // amount = stake lost
  sidebet_refunded,  // the recording ended inside the window: stake returned
  rejected,          // reason says why; amount = what was asked
  order_failed,      // the executor could not place the order; amount = what was asked
  order_timed_out,   // no confirmation within the executor's deadline; amount = what was asked
  report_ignored,    // a report for no order in flight, or one the wallet cannot take
};
inline constexpr std::size_t event_kind_count = 12;

struct trade_event {
  event_kind kind = event_kind::buy;
  std::int64_t tick = 0;
  decimal price;   // the tick's price (exact value)
  decimal amount;  // SOL (or the sell fraction for a rejected sell)
  decimal qty;
  decimal pnl;
  decimal balance;  // after the event
  std::optional<replayer::action> action;         // for rejected
  std::optional<reject_reason> reason;            // for rejected
  std::optional<reject_reason> rail;              // a sell made by a session rail, not the strategy
};

std::string_view event_kind_name(event_kind k);

/// One canonical JSON line for the event (no newline); `game_id` names the game.
std::string trade_event_json(std::string_view game_id, const trade_event& e);
/// The CSV header and one CSV row with the same fields (a rail's sell names its rail under reason).
std::string_view trade_event_csv_header();
std::string trade_event_csv(std::string_view game_id, const trade_event& e);

}  // namespace replayer
