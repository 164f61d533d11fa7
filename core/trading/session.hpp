#pragma once
// The trading session: the one loop that backtest, sweep, live trading and the replay viewer
// all run. It owns the settings, the strategy, the bot, the wallet, the executor and the outcome
// of the game being played. Per live tick:
//   wallet sees the tick (rug, sidebet window) -> executor reports due -> session rails
//   -> (no order in flight) strategy -> order rails -> wallet check -> executor
// Once a session rail has tripped the strategy is not asked again: the open position is sold
// on the first tick where a sell is allowed, and nothing else is ordered.
// Backfilled ticks reach the wallet only: they are never decision points. Reports from an
// executor that answers later come in through on_report. Nothing here waits, reads a clock or
// does I/O; events go to the game's outcome and, as they happen, to an optional sink.
#include "core/trading/account.hpp"
#include "core/trading/bot.hpp"
#include "core/trading/executor.hpp"
#include "core/trading/game_outcome.hpp"
#include "core/trading/settings.hpp"
#include "core/trading/strategy.hpp"

#include <memory>
#include <optional>
#include <string_view>

namespace replayer {

class trade_sink {
public:
  virtual ~trade_sink() = default;
  virtual void on_event(std::string_view game_id, const trade_event& e) = 0;
};

class session {
public:
  struct options {
    bool keep_trace = false;      // fill game_outcome::trace
    trade_sink* sink = nullptr;   // told of every event as it happens
  };

  session(trading_settings settings, std::unique_ptr<strategy> s, std::unique_ptr<executor> x, options o);
  session(const session&) = delete;
  session& operator=(const session&) = delete;

  void begin_game(std::string_view id, std::string_view file = {});
  void on_tick(const tick& t);
  /// A report from an executor that answers outside on_tick. A report for no order in flight
  /// (late, duplicated, after its game) changes nothing and is logged as report_ignored.
  void on_report(const execution_report& r);
  /// The server's account replaces the wallet's (see account::adopt); the browser executor
  /// calls it after reading the page's playerUpdate.
  void adopt(decimal balance, std::optional<open_position> position) { account_.adopt(balance, std::move(position)); }
  /// Ends the game (an order still in flight is given up) and hands over its outcome.
  game_outcome end_game();

  const trading_settings& settings() const { return settings_; }
  const account& wallet() const { return account_; }
  const std::optional<halt>& halted() const { return bot_.halted(); }
  bool order_in_flight() const { return in_flight_.has_value(); }
  /// Reports that arrived between games (logged to the sink only).
  std::size_t reports_between_games() const { return reports_between_games_; }

private:
  void decide(const tick& t);
  void send(const order& o, const tick& t, std::optional<reject_reason> rail);
  void apply(const execution_report& r);
  void log_order_event(event_kind kind, const order& o, std::optional<reject_reason> why, std::int64_t tick,
                       decimal price);
  void publish(std::size_t first_new_event);
  void mark(decimal equity, std::int64_t tick);

  trading_settings settings_;
  std::unique_ptr<strategy> strategy_;
  std::unique_ptr<executor> executor_;
  options options_;
  account account_;
  bot bot_;

  game_outcome outcome_;
  std::string last_game_id_;
  bool in_game_ = false;
  bool started_ = false;  // an in-play tick was seen in this game
  bool has_tick_ = false;
  std::int64_t last_index_ = 0;
  decimal last_price_;
  decimal running_high_;
  std::optional<order_request> in_flight_;
  std::optional<reject_reason> in_flight_rail_;  // the rail whose exit is in flight, if it is one
  order_id next_id_ = 1;
  std::size_t reports_between_games_ = 0;
};

}  // namespace replayer
