#include "core/dashboard/session_json.hpp"

namespace replayer::dashboard {
namespace {

template <class T>
boost::json::value optional_json(const std::optional<T>& v) {
  if (!v) return nullptr;
  if constexpr (std::is_same_v<T, decimal>) return boost::json::value(v->str());
  else return boost::json::value(*v);
}

}  // namespace

boost::json::object session_json(const session& s, const tick* last) {
  const account& w = s.wallet();
  const trading_settings& settings = s.settings();
  const decimal price = last ? last->price.value() : decimal();
  const decimal equity = w.equity(price);
  boost::json::object o{{"balance", w.balance().str()},
                        {"equity", equity.str()},
                        {"pnl", (equity - settings.starting_balance).str()},
                        {"start", settings.starting_balance.str()},
                        {"orderInFlight", s.order_in_flight()}};
  if (const auto& p = w.position()) {
    o["position"] = boost::json::object{
        {"qty", p->qty.str()}, {"invested", p->invested.str()}, {"opened", p->opened_tick}, {"value", w.position_value(price).str()}};
  } else {
    o["position"] = nullptr;
  }
  if (const auto& b = w.sidebet()) {
    const std::int64_t left = last ? b->last_covered_tick - last->index : b->last_covered_tick - b->placed_tick;
    o["sidebet"] = boost::json::object{
        {"stake", b->stake.str()}, {"placed", b->placed_tick}, {"until", b->last_covered_tick}, {"ticksLeft", left}};
  } else {
    o["sidebet"] = nullptr;
  }
  o["rails"] = boost::json::object{{"maxStakePerOrder", optional_json(settings.max_stake_per_order)},
                                   {"maxExposure", optional_json(settings.max_exposure)},
                                   {"sessionLossLimit", optional_json(settings.session_loss_limit)},
                                   {"maxOrdersPerGame", optional_json(settings.max_orders_per_game)},
                                   {"maxConsecutiveLosses", optional_json(settings.max_consecutive_losses)}};
  if (const auto& h = s.halted()) {
    o["halt"] = boost::json::object{{"rail", reject_reason_name(h->rail)}, {"tick", h->tick}, {"balance", h->balance.str()}};
  } else {
    o["halt"] = nullptr;
  }
  return o;
}

}  // namespace replayer::dashboard
