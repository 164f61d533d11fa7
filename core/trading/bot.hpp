#pragma once
// The bot loop, the same in backtests and live paper trading:
//   tick -> wallet (rug, sidebet window) -> pending fill -> strategy (this tick only)
//        -> risk rails -> paper fill now, or `latency_ticks` decision points later.
// Single-threaded and synchronous: the caller owns the tick source (a recording or the feed).
#include "core/trading/account.hpp"
#include "core/trading/settings.hpp"
#include "core/trading/strategy.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace replayer {

class bot {
public:
  bot(const trading_settings& settings, strategy& s);

  void begin_game();
  /// One decision point.
  void on_tick(const tick& t);
  /// The game's ticks are over; `last` is its last tick (nullptr if it had none).
  void end_game(const tick* last);

  const account& wallet() const { return account_; }
  /// Events appended since the caller last cleared them.
  std::vector<trade_event>& events() { return events_; }
  /// Set once a session rail (loss limit, consecutive losses) has stopped all trading.
  std::optional<reject_reason> halted() const { return halted_; }

private:
  std::optional<reject_reason> check_rails(const order& o) const;
  void execute(const order& o, const tick& t);
  void reject(const order& o, const tick& t, reject_reason why);
  void account_for(std::size_t first_new_event);
  void check_session_rails(const tick& t);

  struct pending_order {
    replayer::order order;
    std::int64_t ticks_left = 0;
  };

  const trading_settings& settings_;
  strategy& strategy_;
  account account_;
  std::vector<trade_event> events_;
  std::optional<pending_order> pending_;
  std::int64_t orders_this_game_ = 0;
  std::int64_t consecutive_losses_ = 0;
  decimal realised_pnl_;  // closed trades and resolved sidebets, over the session
  std::optional<reject_reason> halted_;
};

}  // namespace replayer
