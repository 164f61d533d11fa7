#include "core/trading/bot.hpp"

namespace replayer {

std::optional<bot::decision> bot::decide(const tick& t, const account& wallet) {
  const decision_view view{t, wallet, wallet.offered(t), history_.inputs()};
  auto o = strategy_.decide(view);
  history_.asked(t.index);
  if (!o) return std::nullopt;
  return decision{*o, check_rails(*o, wallet)};
}

std::optional<reject_reason> bot::check_rails(const order& o, const account& wallet) const {
  if (o.action == action::sell) return std::nullopt;  // selling only lowers risk
  if (settings_.max_orders_per_game && entries_this_game_ >= *settings_.max_orders_per_game)
    return reject_reason::risk_orders_per_game;
  if (settings_.max_stake_per_order && o.amount > *settings_.max_stake_per_order) return reject_reason::risk_max_stake;
  if (settings_.max_exposure) {
    decimal exposure = o.amount;
    if (wallet.position()) exposure += wallet.position()->invested;
    if (wallet.sidebet()) exposure += wallet.sidebet()->stake;
    if (exposure > *settings_.max_exposure) return reject_reason::risk_max_exposure;
  }
  return std::nullopt;
}

void bot::filled(action a) {
  if (a != action::sell) ++entries_this_game_;
}

std::optional<order> bot::exit_order(const tick& t, const account& wallet) const {
  if (!halted_ || !wallet.offered(t).contains(action::sell)) return std::nullopt;
  return order{action::sell, decimal::from_int(1)};
}

void bot::learn(const trade_event& e) {
  history_.learn(e);
  switch (e.kind) {
    case event_kind::sell:
    case event_kind::liquidation:
    case event_kind::close_incomplete:
    case event_kind::sidebet_won:
    case event_kind::sidebet_lost:
      realised_pnl_ += e.pnl;
      break;
    default:
      break;
  }
}

void bot::check_session_rails(const tick& t, const account& wallet) {
  if (halted_) return;
  if (settings_.max_consecutive_losses && history_.losses_in_a_row() >= *settings_.max_consecutive_losses) {
    halted_ = halt{reject_reason::risk_consecutive_losses, t.index, wallet.balance()};
    return;
  }
  if (settings_.session_loss_limit) {
    decimal pnl = realised_pnl_;
    if (const auto& p = wallet.position()) pnl += wallet.position_value(t.price.value()) - p->invested;
    if (-pnl >= *settings_.session_loss_limit) halted_ = halt{reject_reason::risk_loss_limit, t.index, wallet.balance()};
  }
}

}  // namespace replayer
