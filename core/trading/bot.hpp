#pragma once
// The bot: decisions and risk rails, nothing else. It asks the strategy on a decision point,
// checks the order against the rails, and keeps the state the session rails need (realised P&L,
// the loss streak). It never fills anything: the session sends what it decides to an executor.
#include "core/trading/account.hpp"
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

  void begin_game() { orders_this_game_ = 0; }
  /// The strategy's order on this decision point, already checked against the order rails.
  std::optional<decision> decide(const tick& t, const account& wallet);
  /// An order was filled (counts toward max_orders_per_game).
  void filled() { ++orders_this_game_; }
  /// Learns from a closed trade or a resolved sidebet (loss streak, realised P&L).
  void learn(const trade_event& e);
  /// Trips a session rail (loss limit, consecutive losses) once its limit is reached.
  void check_session_rails(const tick& t, const account& wallet);
  const std::optional<halt>& halted() const { return halted_; }

private:
  std::optional<reject_reason> check_rails(const order& o, const account& wallet) const;

  const trading_settings& settings_;
  strategy& strategy_;
  std::int64_t orders_this_game_ = 0;
  std::int64_t consecutive_losses_ = 0;
  decimal realised_pnl_;  // closed trades and resolved sidebets, over the session
  std::optional<halt> halted_;
};

}  // namespace replayer
