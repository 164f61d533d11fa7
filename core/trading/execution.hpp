#pragma once
// What crosses the execution seam: an order request going out, and the report that comes back.
// The paper executor answers in the same call or some ticks later; the browser executor answers
// whenever the page does. Either way the wallet changes only from what a fill report says.
#include "core/decimal.hpp"
#include "core/trading/order.hpp"

#include <cstdint>
#include <string>
#include <variant>

namespace replayer {

/// Orders are numbered 1, 2, 3, ... per session, in the order they were decided.
using order_id = std::uint64_t;

struct order_request {
  order_id id = 0;
  replayer::order order;
  std::int64_t decision_tick = 0;
};

/// The order went through at `price` on `tick` (which may be later than the decision tick).
/// `amount` is SOL: spent for a buy or sidebet, received for a sell; `qty` is tokens.
struct fill {
  order_id id = 0;
  replayer::action action = action::buy;
  decimal amount;
  decimal qty;
  decimal price;
  std::int64_t tick = 0;
};

/// The game refused the order, for a reason the rules name.
struct rejection {
  order_id id = 0;
  reject_reason reason = reject_reason::phase;
  std::int64_t tick = 0;
};

/// The order's fate is unknown or it could not be sent: a browser gone, a click not confirmed
/// in time. `timed_out` tells the two apart; `what` says what happened for the log.
struct failure {
  order_id id = 0;
  bool timed_out = false;
  std::string what;
  std::int64_t tick = 0;
};

using execution_report = std::variant<fill, rejection, failure>;

inline order_id report_id(const execution_report& r) {
  return std::visit([](const auto& x) { return x.id; }, r);
}

}  // namespace replayer
