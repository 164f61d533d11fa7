#include "core/trading/server_fill.hpp"

#include "core/concat.hpp"

#include <algorithm>

namespace replayer {

std::optional<fill> server_fill(const order_request& r, const cdp::server_account& before, const cdp::server_account& after,
                                decimal held, std::int64_t tick, decimal tick_price) {
  fill f{r.id, r.order.action, {}, {}, tick_price, tick};
  switch (r.order.action) {
    case action::buy: {
      const decimal got = after.position_qty - before.position_qty;
      if (!(got.raw() > 0)) return std::nullopt;
      f.qty = got;
      f.amount = before.cash - after.cash;
      // The cash may be reported after the position; what was invested says the same.
      if (!(f.amount.raw() > 0)) f.amount = after.total_invested - before.total_invested;
      if (!(f.amount.raw() > 0)) return std::nullopt;
      f.price = f.amount / f.qty;
      return f;
    }
    case action::sell: {
      const decimal sold = before.position_qty - after.position_qty;
      if (!(sold.raw() > 0) || !(held.raw() > 0)) return std::nullopt;
      const decimal received = after.cash - before.cash;
      if (received.is_negative()) return std::nullopt;
      f.qty = after.position_qty.is_zero() ? held : std::min(sold, held);
      f.amount = received;
      f.price = received / sold;
      return f;
    }
    case action::sidebet: {
      if (!after.sidebet_open || before.sidebet_open) return std::nullopt;
      const decimal paid = before.cash - after.cash;
      f.amount = paid.raw() > 0 ? paid : after.sidebet_stake.raw() > 0 ? after.sidebet_stake : r.order.amount;
      return f;
    }
  }
  return std::nullopt;
}

std::string fill_drift(const order_request& r, const fill& f, decimal held, decimal expected_price) {
  const decimal expected_amount = r.order.action == action::sell ? held * r.order.amount * expected_price : r.order.amount;
  std::string drift;
  if (f.amount != expected_amount) drift = concat({"amount ", f.amount.str(), " SOL, expected ", expected_amount.str()});
  if (r.order.action != action::sidebet && f.price != expected_price)
    drift += concat({drift.empty() ? "" : "; ", "price ", f.price.str(), ", expected ", expected_price.str()});
  return drift;
}

}  // namespace replayer
