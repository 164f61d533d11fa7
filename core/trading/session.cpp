#include "core/trading/session.hpp"

#include <optional>
#include <stdexcept>

namespace replayer {
namespace {

// Pre-game lines count as tick 0 for the rules, whatever tickCount they carry: presale lines can
// repeat the previous game's count, and a stale count must not place, cover or settle anything.
bool counts_as_tick_zero(const tick& t, bool started) {
  return t.index != 0 && (t.phase == phase::presale || (t.phase == phase::unknown && !started));
}

}  // namespace

session::session(trading_settings settings, std::unique_ptr<strategy> s, std::unique_ptr<executor> x, options o)
    : settings_(std::move(settings)),
      strategy_(std::move(s)),
      executor_(std::move(x)),
      options_(o),
      account_(settings_),
      bot_(settings_, *strategy_) {}

void session::begin_game(std::string_view id, std::string_view file) {
  if (in_game_) throw std::logic_error("session::begin_game: the previous game was not ended");
  account_.begin_game();
  bot_.begin_game();
  executor_->end_game();
  in_flight_.reset();
  outcome_ = game_outcome{};
  outcome_.id = std::string(id);
  outcome_.file = std::string(file);
  outcome_.start_equity = account_.equity(decimal{});
  last_game_id_ = outcome_.id;
  in_game_ = true;
  started_ = has_tick_ = false;
  running_high_ = decimal{};
}

void session::on_tick(const tick& observed) {
  if (!in_game_) throw std::logic_error("session::on_tick outside a game");
  std::optional<tick> normalised;  // built only for the rare line that needs it
  const tick* current = &observed;
  if (counts_as_tick_zero(observed, started_)) {
    normalised = observed;
    normalised->index = 0;
    current = &*normalised;
  }
  const tick& t = *current;
  if (is_in_play(t.phase)) started_ = true;
  ++outcome_.ticks;
  if (t.rugged) outcome_.complete = true;
  has_tick_ = true;
  last_index_ = t.index;
  last_price_ = t.price.value();

  const std::size_t first_new = outcome_.events.size();
  account_.observe(t, outcome_.events);
  bot_.observe(t);
  publish(first_new);
  if (!t.backfilled) {
    if (in_flight_)
      if (auto report = executor_->poll(t, account_)) apply(*report);
    bot_.check_session_rails(t, account_);
    if (!in_flight_) decide(t);
  }

  if (!outcome_.ruined_tick && !in_flight_ && !account_.position() && !account_.sidebet() &&
      account_.balance() < settings_.min_amount)
    outcome_.ruined_tick = t.index;
  const decimal equity = account_.equity(t.price.value());
  mark(equity, t.index);
  if (account_.position()) ++outcome_.ticks_with_position;
  if (options_.keep_trace) outcome_.trace.push_back({t.index, t.price, equity});
}

void session::decide(const tick& t) {
  if (const auto& halted = bot_.halted()) {
    if (auto exit = bot_.exit_order(t, account_)) send(*exit, t, halted->rail);
    return;
  }
  auto d = bot_.decide(t, account_);
  if (!d) return;
  if (d->refused) {
    const std::size_t first_new = outcome_.events.size();
    log_order_event(event_kind::rejected, d->order, d->refused, t.index, t.price.value());
    publish(first_new);
    return;
  }
  send(d->order, t, std::nullopt);
}

void session::send(const order& o, const tick& t, std::optional<reject_reason> rail) {
  if (auto why = account_.check(o, t)) {
    const std::size_t first_new = outcome_.events.size();
    log_order_event(event_kind::rejected, o, why, t.index, t.price.value());
    publish(first_new);
    return;
  }
  in_flight_ = order_request{next_id_++, o, t.index};
  in_flight_rail_ = rail;
  if (auto report = executor_->submit(*in_flight_, t, account_)) apply(*report);
}

void session::on_report(const execution_report& r) {
  if (!in_game_) {
    ++reports_between_games_;
    if (options_.sink) {
      trade_event e;
      e.kind = event_kind::report_ignored;
      e.balance = account_.balance();
      options_.sink->on_event(last_game_id_, e);
    }
    return;
  }
  apply(r);
}

void session::apply(const execution_report& r) {
  const std::size_t first_new = outcome_.events.size();
  if (!in_flight_ || report_id(r) != in_flight_->id) {
    log_order_event(event_kind::report_ignored, {}, std::nullopt, last_index_, last_price_);
    publish(first_new);
    return;
  }
  const order_request request = *in_flight_;
  const std::optional<reject_reason> rail = in_flight_rail_;
  in_flight_.reset();
  if (const auto* f = std::get_if<fill>(&r)) {
    if (f->action == request.order.action && !account_.apply(request, *f, outcome_.events)) {
      bot_.filled(f->action);
      outcome_.events.back().rail = rail;
    } else
      log_order_event(event_kind::report_ignored, request.order, std::nullopt, f->tick, f->price);
  } else if (const auto* no = std::get_if<rejection>(&r)) {
    log_order_event(event_kind::rejected, request.order, no->reason, no->tick, last_price_);
  } else {
    const auto& failed = std::get<failure>(r);
    log_order_event(failed.timed_out ? event_kind::order_timed_out : event_kind::order_failed, request.order,
                    std::nullopt, failed.tick, last_price_);
  }
  publish(first_new);
}

game_outcome session::end_game() {
  if (!in_game_) throw std::logic_error("session::end_game outside a game");
  const std::size_t first_new = outcome_.events.size();
  if (in_flight_ && has_tick_)
    log_order_event(event_kind::rejected, in_flight_->order,
                    account_.rugged() ? reject_reason::rugged : reject_reason::phase, last_index_, last_price_);
  in_flight_.reset();
  executor_->end_game();
  if (has_tick_) account_.end_game(last_index_, last_price_, outcome_.events);
  publish(first_new);
  outcome_.end_equity = account_.equity(decimal{});
  if (has_tick_) mark(outcome_.end_equity, last_index_);
  outcome_.halted = bot_.halted();
  in_game_ = false;
  return std::move(outcome_);
}

void session::log_order_event(event_kind kind, const order& o, std::optional<reject_reason> why, std::int64_t tick,
                              decimal price) {
  trade_event e;
  e.kind = kind;
  e.tick = tick;
  e.price = price;
  e.amount = o.amount;
  e.balance = account_.balance();
  if (kind != event_kind::report_ignored) e.action = o.action;
  e.reason = why;
  outcome_.events.push_back(e);
}

void session::publish(std::size_t first_new_event) {
  for (std::size_t i = first_new_event; i < outcome_.events.size(); ++i) {
    bot_.learn(outcome_.events[i]);
    if (options_.sink) options_.sink->on_event(outcome_.id, outcome_.events[i]);
  }
}

void session::mark(decimal equity, std::int64_t tick) {
  const decimal v = equity - outcome_.start_equity;
  if (v < outcome_.lowest) {
    outcome_.lowest = v;
    outcome_.lowest_tick = tick;
  }
  if (v > outcome_.highest) outcome_.highest = v;
  if (v > running_high_) running_high_ = v;
  if (running_high_ - v > outcome_.deepest_fall) {
    outcome_.deepest_fall = running_high_ - v;
    outcome_.deepest_fall_from = running_high_;
    outcome_.deepest_fall_tick = tick;
  }
}

}  // namespace replayer
