#pragma once
// Runs a strategy through recorded games and summarises the result. Games are played in their
// order; with a per-game wallet they are independent and may run on several threads, each with
// its own bot. Results merge in game order, so the report and its digest never depend on the
// number of threads.
#include "core/game.hpp"
#include "core/trading/bot.hpp"

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace replayer {

/// Makes a fresh strategy for one worker (strategies may keep state).
using strategy_factory = std::function<std::unique_ptr<strategy>()>;

struct game_outcome {
  std::size_t ticks = 0;
  bool complete = false;  // the recording reaches the rug
  decimal start_equity;
  decimal end_equity;
  // The game's equity relative to its start: lowest and highest, and the deepest fall from a
  // high within the game, with the ticks where they happen.
  decimal lowest, highest, deepest_fall, deepest_fall_from;
  std::int64_t lowest_tick = 0, deepest_fall_tick = 0;
  std::size_t ticks_with_position = 0;
  std::vector<trade_event> events;
  std::vector<decimal> equity;  // per tick, only when asked for
  std::optional<reject_reason> halted;

  decimal pnl() const { return end_equity - start_equity; }
};

struct backtest_options {
  std::size_t jobs = 1;
  bool keep_equity = false;  // fill game_outcome::equity (for --equity and --report)
};

/// Plays every game; one outcome per game, in order.
std::vector<game_outcome> run_backtest(const std::vector<game>& games, const trading_settings& settings,
                                       const strategy_factory& make_strategy, const backtest_options& options);

struct backtest_summary {
  std::size_t games = 0, incomplete_games = 0, ticks = 0;
  std::size_t orders = 0;  // filled buys, sells and sidebets
  std::array<std::size_t, reject_reason_count> rejected{};
  std::size_t trades = 0, wins = 0, losses = 0, breakeven = 0;  // closed positions
  std::size_t sidebets = 0, sidebets_won = 0, sidebets_lost = 0, sidebets_refunded = 0;
  decimal pnl, incomplete_pnl, final_balance, gross_profit, gross_loss;
  decimal max_drawdown;  // SOL, on equity
  double max_drawdown_pct = 0;
  std::string drawdown_game;  // where the deepest drawdown bottoms out
  std::int64_t drawdown_tick = 0;
  double win_rate = 0, roi = 0, sharpe = 0, sortino = 0, profit_factor = 0, exposure = 0;
  std::optional<reject_reason> halted;
  std::string digest;  // SHA-256 of the canonical trade log

  std::size_t rejected_total() const;
};

backtest_summary summarise(const std::vector<game>& games, const std::vector<game_outcome>& outcomes,
                           const trading_settings& settings);

/// The canonical trade log (one JSON line per event, in game order); the digest is over it.
std::string trade_log_text(const std::vector<game>& games, const std::vector<game_outcome>& outcomes);

}  // namespace replayer
