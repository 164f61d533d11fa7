#include "core/trading/trade_event.hpp"

#include "core/csv_field.hpp"
#include "core/json_writer.hpp"

#include <array>

namespace replayer {

std::string_view event_kind_name(event_kind k) {
  constexpr std::array<std::string_view, event_kind_count> names = {
      "buy",         "sell",         "liquidation",     "close_incomplete", "sidebet_placed", "sidebet_won",
      "sidebet_lost", "sidebet_refunded", "rejected", "order_failed",     "order_timed_out", "report_ignored",
  };
  return names[static_cast<std::size_t>(k)];
}

std::string trade_event_json(std::string_view game_id, const trade_event& e) {
  json_object_writer w;
  w.string("game", game_id).integer("tick", e.tick).string("event", event_kind_name(e.kind));
  if (e.action) w.string("action", action_name(*e.action));
  if (e.reason) w.string("reason", reject_reason_name(*e.reason));
  if (e.rail) w.string("rail", reject_reason_name(*e.rail));
  w.string("price", e.price.str()).string("amount", e.amount.str()).string("qty", e.qty.str());
  w.string("pnl", e.pnl.str()).string("balance", e.balance.str());
  return w.finish();
}

std::string_view trade_event_csv_header() { return "game,tick,event,action,reason,price,amount,qty,pnl,balance"; }

std::string trade_event_csv(std::string_view game_id, const trade_event& e) {
  std::string row;
  append_csv_field(row, game_id);
  row += ',' + std::to_string(e.tick) + ',' + std::string(event_kind_name(e.kind)) + ',';
  if (e.action) row += action_name(*e.action);
  row += ',';
  if (e.reason) row += reject_reason_name(*e.reason);
  else if (e.rail) row += reject_reason_name(*e.rail);  // the rail that made this sell
  row += ',' + e.price.str() + ',' + e.amount.str() + ',' + e.qty.str() + ',' + e.pnl.str() + ',' + e.balance.str();
  return row;
}

}  // namespace replayer
