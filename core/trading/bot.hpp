#pragma once
// The bot: decisions and risk rails, nothing else. It asks the strategy on a decision point,
// checks the order against the rails, and keeps the state the session rails need (realised P&L,
// the loss streak) and what the strategy's decisions read (decision_history). Rails limit new
// risk only: a sell is never refused, and once a session rail trips the bot's one order is the
// sell that closes the open position. It never fills anything: the session sends what it
// decides to an executor.
#include "core/trading/account.hpp"
#include "core/trading/decision_history.hpp"
#include "core/trading/settings.hpp"
#include "core/trading/strategy.hpp"

#include <optional>

namespace replayer {

/// Where and why a session rail stopped all trading.
struct halt {
  reject_reason rail = reject_reason::risk_loss_limit;
  std::int64_t tick = 0;
  decimal balance;
};

class bot {
public:
  struct decision {
    replayer::order order;
    std::optional<reject_reason> refused;  // a rail said no
  };

  bot(const trading_settings& settings, strategy& s) : settings_(settings), strategy_(s) {}

  void begin_game() {
    entries_this_game_ = 0;
    history_.begin_game();
  }
  /// Every tick of the game, backfilled ones included (the game's peak so far).
  void observe(const tick& t) { history_.observe(t); }
  /// The strategy's order on this decision point, already checked against the order rails.
  std::optional<decision> decide(const tick& t, const account& wallet);
  /// An order was filled (a buy or sidebet counts toward max_orders_per_game; a sell never).
  void filled(action a);
  /// Learns from every trade event (streaks, the last fill, realised P&L).
  void learn(const trade_event& e);
  /// Trips a session rail (loss limit, consecutive losses) once its limit is reached.
  void check_session_rails(const tick& t, const account& wallet);
  const std::optional<halt>& halted() const { return halted_; }
  /// Once halted: the sell of the whole open position, on a tick where a sell is allowed.
  std::optional<order> exit_order(const tick& t, const account& wallet) const;

private:
  std::optional<reject_reason> check_rails(const order& o, const account& wallet) const;

  const trading_settings& settings_;
  strategy& strategy_;
  std::int64_t entries_this_game_ = 0;  // filled buys and sidebets
  decision_history history_;
  decimal realised_pnl_;  // closed trades and resolved sidebets, over the session
  std::optional<halt> halted_;
};

}  // namespace replayer
