#pragma once
// Backtests: games played through sessions, and what the run adds up to. A run takes its games
// one at a time, in order (from a file being read, or from memory), so nothing holds the whole
// corpus. With a session wallet one session plays every game in order; with per-game wallets
// every game gets a fresh session (its own wallet and risk rails), so games can be played on any
// thread and added to the run in order: the summary and the digest never depend on the threads.
#include "core/game.hpp"
#include "core/trading/game_outcome.hpp"
#include "core/trading/session.hpp"
#include "core/trading/trade_log.hpp"

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace replayer {

/// Makes a fresh strategy for one session (strategies may keep state).
using strategy_factory = std::function<std::unique_ptr<strategy>()>;

/// A session with the paper executor: what backtests and live paper trading run.
std::unique_ptr<session> make_paper_session(const trading_settings& settings, const strategy_factory& make_strategy,
                                            session::options options);

/// Plays one game through a session: begin, every tick line, end.
game_outcome play_game(session& s, const game& g);

/// Plays tick lines [from, to) of `g` through a session that has begun it. An arithmetic
/// overflow ends the game where it happens: the wallet sees the last tick it could carry once
/// more (as a backfilled tick: no decision), and the reason ("tick N: ...") is returned; the
/// caller ends the game then.
std::optional<std::string> play_ticks(session& s, const game& g, std::size_t from, std::size_t to);

/// Where a session wallet could no longer place the smallest order (cash below min_amount,
/// nothing open), and how many games came after it untraded.
struct ruin {
  std::string game;
  std::int64_t tick = 0;
  decimal balance;
  std::size_t games_after = 0;
};

struct backtest_summary {
  std::size_t games = 0, incomplete_games = 0;
  std::size_t tick_lines = 0;  // lines played (every tick line of every game; not price ticks)
  std::size_t orders = 0;  // filled buys, sells and sidebets
  std::array<std::size_t, reject_reason_count> rejected{};
  std::size_t failed_orders = 0, ignored_reports = 0;
  std::size_t trades = 0, wins = 0, losses = 0, breakeven = 0;  // closed positions
  std::size_t sidebets = 0, sidebets_won = 0, sidebets_lost = 0, sidebets_refunded = 0;
  // How closed trades closed: a sell of the strategy, a sell of a rail, the rug, the end of data.
  std::size_t closed_by_rule = 0, closed_by_rail = 0, liquidated = 0, closed_at_end = 0;
  decimal capital;  // the start balance; with per-game wallets, games x the start balance
  decimal pnl, incomplete_pnl, final_balance, gross_profit, gross_loss;
  decimal position_pnl, sidebet_pnl;   // pnl split: closed trades, resolved sidebets
  decimal largest_win, largest_loss;   // one closed trade (largest_loss <= 0)
  decimal average_win, average_loss;   // per winning / losing closed trade
  decimal expectancy;                  // position_pnl per closed trade
  decimal peak_equity;                 // the run's highest equity (session: balance and marks)
  decimal max_drawdown;  // SOL, on equity
  double max_drawdown_pct = 0;
  std::string drawdown_game;  // where the deepest drawdown bottoms out
  std::int64_t drawdown_tick = 0;
  double win_rate = 0, roi = 0, sharpe = 0, sortino = 0, profit_factor = 0, exposure = 0;
  std::optional<halt> halted;
  std::string halted_game;
  std::optional<ruin> ruined;  // session wallets only
  std::string digest;  // SHA-256 of the canonical trade log

  std::size_t rejected_total() const;
};

/// Adds game outcomes up, in game order, into a summary.
class summary_builder {
public:
  explicit summary_builder(const trading_settings& settings);
  void add(const game_outcome& g);
  backtest_summary finish(std::string digest) const;

private:
  const trading_settings& settings_;
  backtest_summary s_;
  decimal peak_, offset_;  // the run's highest equity so far, and its equity when a game starts
  decimal win_sum_, loss_sum_;  // of winning and losing closed trades
  std::size_t ticks_with_position_ = 0;
  std::vector<double> returns_;  // per game, for Sharpe and Sortino
};

/// One backtest run. Feed it games (play) or outcomes played elsewhere (add), in game order.
class backtest_run {
public:
  struct options {
    bool keep_outcomes = false;  // keep every outcome (reports)
    bool keep_trace = false;     // and every tick's equity in them
    trade_log::writer trades;    // receives every trade-log line
    std::function<void(const game_outcome&)> on_game;  // told of every game, in order
  };

  backtest_run(const trading_settings& settings, strategy_factory make_strategy, options o);

  const trading_settings& settings() const { return settings_; }
  /// Plays `g`: with a session wallet on the run's session, else on a fresh one.
  void play(const game& g);
  /// Plays `g` alone on a fresh session, as a per-game wallet does; safe on any thread.
  game_outcome play_alone(const game& g) const;
  /// Adds an outcome of play_alone, in game order.
  void add(game_outcome&& g);

  backtest_summary summary() const;
  const std::vector<game_outcome>& outcomes() const { return outcomes_; }
  /// Hands the kept outcomes over (the run keeps none after).
  std::vector<game_outcome> take_outcomes() { return std::move(outcomes_); }

private:
  trading_settings settings_;
  strategy_factory make_strategy_;
  options options_;
  std::unique_ptr<session> session_;  // the session wallet's one session
  trade_log log_;
  summary_builder summary_;
  std::vector<game_outcome> outcomes_;
};

struct in_memory_options {
  std::size_t jobs = 1;
  bool keep_trace = false;
};

struct backtest_result {
  std::vector<game_outcome> outcomes;
  backtest_summary summary;
};

/// A whole run over games in memory (tests, sweeps): per-game wallets on `jobs` threads.
backtest_result run_backtest(const std::vector<game>& games, const trading_settings& settings,
                             const strategy_factory& make_strategy, const in_memory_options& options,
                             const std::atomic<bool>& stop);
backtest_result run_backtest(const std::vector<game>& games, const trading_settings& settings,
                             const strategy_factory& make_strategy, const in_memory_options& options = {});

/// The canonical trade log of outcomes, as one text (what the digest is taken over).
std::string trade_log_text(const std::vector<game_outcome>& outcomes);

}  // namespace replayer
