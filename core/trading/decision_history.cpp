#include "core/trading/decision_history.hpp"

namespace replayer {
namespace {

// A win extends a run of wins or starts one; a loss the same for losses; an even result leaves
// the run as it was (as the consecutive-loss rail always counted).
void extend(std::int64_t& streak, decimal pnl) {
  if (pnl.is_negative()) streak = streak < 0 ? streak - 1 : -1;
  else if (!pnl.is_zero()) streak = streak > 0 ? streak + 1 : 1;
}

}  // namespace

void decision_history::begin_game() {
  inputs_.peak = decimal{};
  inputs_.last_fill_tick.reset();
  inputs_.previous_decision_tick.reset();
}

void decision_history::observe(const tick& t) {
  if (t.price.value() > inputs_.peak) inputs_.peak = t.price.value();
}

void decision_history::learn(const trade_event& e) {
  switch (e.kind) {
    case event_kind::buy:
    case event_kind::sidebet_placed:
      inputs_.last_fill_tick = e.tick;
      break;
    case event_kind::sell:
      inputs_.last_fill_tick = e.tick;
      extend(inputs_.streak, e.pnl);
      break;
    case event_kind::liquidation:
    case event_kind::close_incomplete:
      extend(inputs_.streak, e.pnl);
      break;
    case event_kind::sidebet_won:
    case event_kind::sidebet_lost:
      extend(inputs_.sidebet_streak, e.pnl);
      break;
    default:
      break;
  }
}

}  // namespace replayer
