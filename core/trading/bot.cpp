#include "core/trading/bot.hpp"

namespace replayer {

bot::bot(const trading_settings& settings, strategy& s) : settings_(settings), strategy_(s), account_(settings) {}

void bot::begin_game() {
  account_.begin_game();
  pending_.reset();
  orders_this_game_ = 0;
}

void bot::on_tick(const tick& t) {
  std::size_t first_new = events_.size();
  account_.observe(t, events_);
  account_for(first_new);

  if (pending_ && --pending_->ticks_left <= 0) {
    const order o = pending_->order;
    pending_.reset();
    execute(o, t);
  }
  check_session_rails(t);
  if (halted_ || pending_) return;

  const decision_view view{t, account_, account_.offered(t)};
  const auto decision = strategy_.decide(view);
  if (!decision) return;
  if (auto why = check_rails(*decision)) {
    reject(*decision, t, *why);
    return;
  }
  if (settings_.latency_ticks > 0) {
    pending_ = pending_order{*decision, settings_.latency_ticks};
    return;
  }
  execute(*decision, t);
}

void bot::end_game(const tick* last) {
  if (pending_ && last) reject(pending_->order, *last, account_.rugged() ? reject_reason::rugged : reject_reason::phase);
  pending_.reset();
  const std::size_t first_new = events_.size();
  account_.end_game(last, events_);
  account_for(first_new);
}

std::optional<reject_reason> bot::check_rails(const order& o) const {
  if (settings_.max_orders_per_game && orders_this_game_ >= *settings_.max_orders_per_game)
    return reject_reason::risk_orders_per_game;
  if (o.action == action::sell) return std::nullopt;  // selling only lowers risk
  if (settings_.max_stake_per_order && o.amount > *settings_.max_stake_per_order) return reject_reason::risk_max_stake;
  if (settings_.max_exposure) {
    decimal exposure = o.amount;
    if (account_.position()) exposure += account_.position()->invested;
    if (account_.sidebet()) exposure += account_.sidebet()->stake;
    if (exposure > *settings_.max_exposure) return reject_reason::risk_max_exposure;
  }
  return std::nullopt;
}

void bot::execute(const order& o, const tick& t) {
  if (auto why = account_.check(o, t)) {
    reject(o, t, *why);
    return;
  }
  ++orders_this_game_;
  const std::size_t first_new = events_.size();
  account_.fill(o, t, events_);
  account_for(first_new);
}

void bot::reject(const order& o, const tick& t, reject_reason why) {
  trade_event e;
  e.kind = event_kind::rejected;
  e.tick = t.index;
  e.price = t.price.value();
  e.amount = o.amount;
  e.balance = account_.balance();
  e.action = o.action;
  e.reason = why;
  events_.push_back(e);
}

void bot::account_for(std::size_t first_new_event) {
  for (std::size_t i = first_new_event; i < events_.size(); ++i) {
    const trade_event& e = events_[i];
    switch (e.kind) {
      case event_kind::sell:
      case event_kind::liquidation:
      case event_kind::close_incomplete:
        if (e.pnl.is_negative()) ++consecutive_losses_;
        else if (!e.pnl.is_zero()) consecutive_losses_ = 0;
        realised_pnl_ += e.pnl;
        break;
      case event_kind::sidebet_won:
      case event_kind::sidebet_lost:
        realised_pnl_ += e.pnl;
        break;
      default:
        break;
    }
  }
}

void bot::check_session_rails(const tick& t) {
  if (halted_) return;
  if (settings_.max_consecutive_losses && consecutive_losses_ >= *settings_.max_consecutive_losses) {
    halted_ = reject_reason::risk_consecutive_losses;
    return;
  }
  if (settings_.session_loss_limit) {
    decimal pnl = realised_pnl_;
    if (const auto& p = account_.position()) pnl += account_.position_value(t.price.value()) - p->invested;
    if (-pnl >= *settings_.session_loss_limit) halted_ = reject_reason::risk_loss_limit;
  }
}

}  // namespace replayer
