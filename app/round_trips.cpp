#include "app/round_trips.hpp"

#include <optional>

namespace replayer::app {

std::vector<round_trip> round_trips(const std::vector<trade_event>& events) {
  std::vector<round_trip> out;
  std::int64_t opened = 0;
  decimal cost, qty, held;  // of the buys since the position was last flat; the tokens still held
  std::optional<trade_event> bet;
  for (const trade_event& e : events) {
    switch (e.kind) {
      case event_kind::buy:
        if (held.is_zero()) {
          opened = e.tick;
          cost = qty = decimal{};
        }
        cost += e.amount;
        qty += e.qty;
        held += e.qty;
        break;
      case event_kind::sell:
      case event_kind::liquidation:
      case event_kind::close_incomplete: {
        round_trip r;
        r.open_tick = opened;
        r.close_tick = e.tick;
        r.open_price = qty.is_zero() ? decimal{} : cost / qty;
        r.close_price = e.price;
        r.quantity = e.qty;
        r.pnl = e.pnl;
        r.how = e.kind == event_kind::liquidation        ? "liquidated at the rug"
                : e.kind == event_kind::close_incomplete ? "end of data"
                : e.rail                                 ? "rail " + std::string(reject_reason_name(*e.rail))
                                                         : "rule";
        out.push_back(std::move(r));
        held = e.kind == event_kind::sell && e.qty < held ? held - e.qty : decimal{};
        break;
      }
      case event_kind::sidebet_placed: bet = e; break;
      case event_kind::sidebet_won:
      case event_kind::sidebet_lost:
      case event_kind::sidebet_refunded:
        if (bet) {
          out.push_back({true, bet->tick, e.tick, bet->price, e.price, bet->amount, e.pnl,
                         std::string(event_kind_name(e.kind)).replace(0, 8, "sidebet ")});
          bet.reset();
        }
        break;
      default: break;
    }
  }
  return out;
}

}  // namespace replayer::app
