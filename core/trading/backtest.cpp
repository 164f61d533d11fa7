#include "core/trading/backtest.hpp"

#include "core/concat.hpp"
#include "core/ordered_pool.hpp"
#include "core/trading/paper_executor.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace replayer {

std::unique_ptr<session> make_paper_session(const trading_settings& settings, const strategy_factory& make_strategy,
                                            session::options options) {
  return std::make_unique<session>(settings, make_strategy(), std::make_unique<paper_executor>(settings.latency_ticks),
                                   options);
}

std::optional<std::string> play_ticks(session& s, const game& g, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    try {
      s.on_tick(g.ticks[i]);
    } catch (const std::overflow_error& e) {
      if (i > 0) {
        tick last_good = g.ticks[i - 1];
        last_good.backfilled = true;
        s.on_tick(last_good);
      }
      return concat({"tick ", std::to_string(g.ticks[i].index), ": ", e.what()});
    }
  }
  return std::nullopt;
}

game_outcome play_game(session& s, const game& g) {
  try {
    s.begin_game(g.id, g.file);
    auto stopped = play_ticks(s, g, 0, g.ticks.size());
    game_outcome outcome = s.end_game();
    if (stopped) outcome.stopped = std::move(*stopped);
    return outcome;
  } catch (const std::exception& e) {
    // Names the game for whoever reports it (a sweep adds its point).
    throw std::runtime_error(concat({"game ", g.id, " of ", g.file, ": ", e.what()}));
  }
}

std::size_t backtest_summary::rejected_total() const {
  std::size_t n = 0;
  for (auto r : rejected) n += r;
  return n;
}

summary_builder::summary_builder(const trading_settings& settings)
    : settings_(settings), peak_(settings.starting_balance), offset_(settings.starting_balance) {}

void summary_builder::add(const game_outcome& g) {
  backtest_summary& s = s_;
  if (s.ruined) ++s.ruined->games_after;
  if (g.ruined_tick && !s.ruined && settings_.wallet == wallet_mode::session)
    s.ruined = ruin{g.id, *g.ruined_tick, g.end_equity, 0};
  ++s.games;
  s.tick_lines += g.ticks;
  ticks_with_position_ += g.ticks_with_position;
  if (!g.complete) {
    ++s.incomplete_games;
    s.incomplete_pnl += g.pnl();
  }
  if (g.halted && !s.halted) {
    s.halted = g.halted;
    s.halted_game = g.id;
  }
  // Deepest drawdown of the run's equity curve, joined game after game.
  if (peak_ - (offset_ + g.lowest) > s.max_drawdown) {
    s.max_drawdown = peak_ - (offset_ + g.lowest);
    s.max_drawdown_pct = s.max_drawdown.to_double() / peak_.to_double() * 100;
    s.drawdown_game = g.id;
    s.drawdown_tick = g.lowest_tick;
  }
  if (g.deepest_fall > s.max_drawdown) {
    s.max_drawdown = g.deepest_fall;
    s.max_drawdown_pct = s.max_drawdown.to_double() / std::max(offset_ + g.deepest_fall_from, peak_).to_double() * 100;
    s.drawdown_game = g.id;
    s.drawdown_tick = g.deepest_fall_tick;
  }
  if (offset_ + g.highest > peak_) peak_ = offset_ + g.highest;
  offset_ += g.pnl();
  s.pnl += g.pnl();
  if (!g.start_equity.is_zero()) returns_.push_back((g.pnl() / g.start_equity).to_double());

  for (const trade_event& e : g.events) {
    switch (e.kind) {
      case event_kind::buy:
        ++s.orders;
        break;
      case event_kind::sell:
      case event_kind::liquidation:
      case event_kind::close_incomplete:
        if (e.kind == event_kind::sell) {
          ++s.orders;
          ++(e.rail ? s.closed_by_rail : s.closed_by_rule);
        } else {
          ++(e.kind == event_kind::liquidation ? s.liquidated : s.closed_at_end);
        }
        ++s.trades;
        s.position_pnl += e.pnl;
        if (e.pnl.is_zero()) {
          ++s.breakeven;
        } else if (e.pnl.is_negative()) {
          ++s.losses;
          loss_sum_ += e.pnl;
          s.largest_loss = std::min(s.largest_loss, e.pnl);
        } else {
          ++s.wins;
          win_sum_ += e.pnl;
          s.largest_win = std::max(s.largest_win, e.pnl);
        }
        break;
      case event_kind::sidebet_placed:
        ++s.orders;
        ++s.sidebets;
        break;
      case event_kind::sidebet_won:
        ++s.sidebets_won;
        s.sidebet_pnl += e.pnl;
        break;
      case event_kind::sidebet_lost:
        ++s.sidebets_lost;
        s.sidebet_pnl += e.pnl;
        break;
      case event_kind::sidebet_refunded: ++s.sidebets_refunded; break;
      case event_kind::rejected: ++s.rejected[static_cast<std::size_t>(*e.reason)]; break;
      case event_kind::order_failed:
      case event_kind::order_timed_out: ++s.failed_orders; break;
      case event_kind::report_ignored: ++s.ignored_reports; break;
    }
    if (e.pnl.is_negative()) s.gross_loss -= e.pnl;
    else s.gross_profit += e.pnl;
  }
}

backtest_summary summary_builder::finish(std::string digest) const {
  backtest_summary s = s_;
  // Per-game wallets put up a fresh start balance for every game: that is the run's capital.
  s.capital = settings_.wallet == wallet_mode::session
                  ? settings_.starting_balance
                  : settings_.starting_balance * decimal::from_int(static_cast<std::int64_t>(std::max<std::size_t>(1, s.games)));
  s.final_balance = s.capital + s.pnl;
  if (settings_.wallet == wallet_mode::per_game) s.max_drawdown_pct = s.max_drawdown.to_double() / s.capital.to_double() * 100;
  // Ratios only ever reported as doubles are computed as doubles: a quotient of two exact
  // amounts can exceed the exact decimal's range (a profit over a tiny loss, as backtest_fuzz
  // found: "internal error: decimal overflow" for the whole run) and must not end the run.
  s.roi = s.pnl.to_double() / s.capital.to_double() * 100;
  s.peak_equity = peak_;
  auto per = [](decimal sum, std::size_t n) { return n ? sum / decimal::from_int(static_cast<std::int64_t>(n)) : decimal{}; };
  s.average_win = per(win_sum_, s.wins);
  s.average_loss = per(loss_sum_, s.losses);
  s.expectancy = per(s.position_pnl, s.trades);
  s.win_rate = s.trades ? 100.0 * static_cast<double>(s.wins) / static_cast<double>(s.trades) : 0;
  s.profit_factor = s.gross_loss.is_zero() ? 0 : s.gross_profit.to_double() / s.gross_loss.to_double();
  s.exposure = s.tick_lines ? 100.0 * static_cast<double>(ticks_with_position_) / static_cast<double>(s.tick_lines) : 0;
  if (returns_.size() > 1) {
    double mean = 0;
    for (double r : returns_) mean += r;
    mean /= static_cast<double>(returns_.size());
    double var = 0, down = 0;
    for (double r : returns_) {
      var += (r - mean) * (r - mean);
      if (r < 0) down += r * r;
    }
    const double sd = std::sqrt(var / static_cast<double>(returns_.size() - 1));
    const double dd = std::sqrt(down / static_cast<double>(returns_.size()));
    s.sharpe = sd > 0 ? mean / sd : 0;
    s.sortino = dd > 0 ? mean / dd : 0;
  }
  s.digest = std::move(digest);
  return s;
}

backtest_run::backtest_run(const trading_settings& settings, strategy_factory make_strategy, options o)
    : settings_(settings),
      make_strategy_(std::move(make_strategy)),
      options_(std::move(o)),
      log_(options_.trades),
      summary_(settings_) {}

void backtest_run::play(const game& g) {
  if (settings_.wallet == wallet_mode::per_game) {
    add(play_alone(g));
    return;
  }
  if (!session_) session_ = make_paper_session(settings_, make_strategy_, {options_.keep_trace, nullptr});
  add(play_game(*session_, g));
}

game_outcome backtest_run::play_alone(const game& g) const {
  auto s = make_paper_session(settings_, make_strategy_, {options_.keep_trace, nullptr});
  return play_game(*s, g);
}

void backtest_run::add(game_outcome&& g) {
  log_.add(g.id, g.events);
  summary_.add(g);
  if (options_.on_game) options_.on_game(g);
  if (options_.keep_outcomes) outcomes_.push_back(std::move(g));
}

backtest_summary backtest_run::summary() const { return summary_.finish(log_.digest()); }

backtest_result run_backtest(const std::vector<game>& games, const trading_settings& settings,
                             const strategy_factory& make_strategy, const in_memory_options& options,
                             const std::atomic<bool>& stop) {
  backtest_run run(settings, make_strategy, {true, options.keep_trace, {}, {}});
  if (settings.wallet == wallet_mode::session) {
    for (std::size_t i = 0; i < games.size() && !stop; ++i) run.play(games[i]);
  } else {
    ordered_pool<game_outcome>(
        games.size(), options.jobs, stop, [&](std::size_t i) { return run.play_alone(games[i]); },
        [&](std::size_t, game_outcome&& g) { run.add(std::move(g)); });
  }
  backtest_summary summary = run.summary();
  return {run.take_outcomes(), std::move(summary)};
}

backtest_result run_backtest(const std::vector<game>& games, const trading_settings& settings,
                             const strategy_factory& make_strategy, const in_memory_options& options) {
  const std::atomic<bool> never{false};
  return run_backtest(games, settings, make_strategy, options, never);
}

std::string trade_log_text(const std::vector<game_outcome>& outcomes) {
  std::string text;
  for (const game_outcome& g : outcomes)
    for (const trade_event& e : g.events) {
      text += trade_event_json(g.id, e);
      text += '\n';
    }
  return text;
}

}  // namespace replayer
