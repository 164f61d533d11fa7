#include "core/trading/backtest.hpp"

#include "core/fair/sha256.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

namespace replayer {
namespace {

game_outcome play_game(bot& b, const game& g, bool keep_equity) {
  game_outcome out;
  b.begin_game();
  out.start_equity = b.wallet().equity(decimal{});
  decimal running_high;
  auto mark = [&](decimal equity, std::int64_t tick) {
    const decimal v = equity - out.start_equity;
    if (v < out.lowest) {
      out.lowest = v;
      out.lowest_tick = tick;
    }
    if (v > out.highest) out.highest = v;
    if (v > running_high) running_high = v;
    if (running_high - v > out.deepest_fall) {
      out.deepest_fall = running_high - v;
      out.deepest_fall_from = running_high;
      out.deepest_fall_tick = tick;
    }
  };
  for (const tick& t : g.ticks) {
    b.on_tick(t);
    const decimal equity = b.wallet().equity(t.price.value());
    mark(equity, t.index);
    if (b.wallet().position()) ++out.ticks_with_position;
    if (keep_equity) out.equity.push_back(equity);
  }
  const tick* last = g.ticks.empty() ? nullptr : &g.ticks.back();
  b.end_game(last);
  out.end_equity = b.wallet().equity(decimal{});
  if (last) mark(out.end_equity, last->index);
  out.ticks = g.ticks.size();
  out.complete = std::any_of(g.ticks.begin(), g.ticks.end(), [](const tick& t) { return t.rugged; });
  out.events = std::move(b.events());
  b.events().clear();
  out.halted = b.halted();
  return out;
}

}  // namespace

std::vector<game_outcome> run_backtest(const std::vector<game>& games, const trading_settings& settings,
                                       const strategy_factory& make_strategy, const backtest_options& options) {
  std::vector<game_outcome> outcomes(games.size());
  if (settings.wallet == wallet_mode::session) {
    auto s = make_strategy();
    bot b(settings, *s);
    for (std::size_t i = 0; i < games.size(); ++i) outcomes[i] = play_game(b, games[i], options.keep_equity);
    return outcomes;
  }
  // Per-game wallets: every game is its own session with its own bot (and so its own risk-rail
  // state), whatever the number of threads; one bot for all games would carry the loss limit and
  // the loss streak across games and make --jobs 1 differ from --jobs 2.
  if (options.jobs <= 1 || games.size() < 2) {
    for (std::size_t i = 0; i < games.size(); ++i) {
      auto s = make_strategy();
      bot b(settings, *s);
      outcomes[i] = play_game(b, games[i], options.keep_equity);
    }
    return outcomes;
  }
  // Independent games: workers take the next game index; each writes only its own slot.
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  for (std::size_t w = 0; w < std::min(options.jobs, games.size()); ++w) {
    workers.emplace_back([&] {
      try {
        for (std::size_t i = next++; i < games.size() && !failed; i = next++) {
          auto s = make_strategy();
          bot b(settings, *s);
          outcomes[i] = play_game(b, games[i], options.keep_equity);
        }
      } catch (...) {
        if (!failed.exchange(true)) failure = std::current_exception();
      }
    });
  }
  for (auto& w : workers) w.join();
  if (failure) std::rethrow_exception(failure);
  return outcomes;
}

std::size_t backtest_summary::rejected_total() const {
  std::size_t n = 0;
  for (auto r : rejected) n += r;
  return n;
}

std::string trade_log_text(const std::vector<game>& games, const std::vector<game_outcome>& outcomes) {
  std::string text;
  for (std::size_t i = 0; i < outcomes.size(); ++i)
    for (const trade_event& e : outcomes[i].events) {
      text += trade_event_json(games[i].id, e);
      text += '\n';
    }
  return text;
}

backtest_summary summarise(const std::vector<game>& games, const std::vector<game_outcome>& outcomes,
                           const trading_settings& settings) {
  backtest_summary s;
  s.games = outcomes.size();
  decimal peak = settings.starting_balance;
  decimal offset = settings.starting_balance;  // the run's equity when this game starts
  std::size_t ticks_with_position = 0;
  std::vector<double> returns;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const game_outcome& g = outcomes[i];
    s.ticks += g.ticks;
    ticks_with_position += g.ticks_with_position;
    if (!g.complete) {
      ++s.incomplete_games;
      s.incomplete_pnl += g.pnl();
    }
    if (g.halted && !s.halted) s.halted = g.halted;
    // Deepest drawdown of the run's equity curve, joined game after game.
    if (peak - (offset + g.lowest) > s.max_drawdown) {
      s.max_drawdown = peak - (offset + g.lowest);
      s.max_drawdown_pct = s.max_drawdown.to_double() / peak.to_double() * 100;
      s.drawdown_game = games[i].id;
      s.drawdown_tick = g.lowest_tick;
    }
    if (g.deepest_fall > s.max_drawdown) {
      s.max_drawdown = g.deepest_fall;
      s.max_drawdown_pct = s.max_drawdown.to_double() / std::max(offset + g.deepest_fall_from, peak).to_double() * 100;
      s.drawdown_game = games[i].id;
      s.drawdown_tick = g.deepest_fall_tick;
    }
    if (offset + g.highest > peak) peak = offset + g.highest;
    offset += g.pnl();
    s.pnl += g.pnl();
    if (!g.start_equity.is_zero()) returns.push_back((g.pnl() / g.start_equity).to_double());

    for (const trade_event& e : g.events) {
      switch (e.kind) {
        case event_kind::buy:
          ++s.orders;
          break;
        case event_kind::sell:
        case event_kind::liquidation:
        case event_kind::close_incomplete:
          if (e.kind == event_kind::sell) ++s.orders;
          ++s.trades;
          if (e.pnl.is_zero()) ++s.breakeven;
          else if (e.pnl.is_negative()) ++s.losses;
          else ++s.wins;
          break;
        case event_kind::sidebet_placed:
          ++s.orders;
          ++s.sidebets;
          break;
        case event_kind::sidebet_won: ++s.sidebets_won; break;
        case event_kind::sidebet_lost: ++s.sidebets_lost; break;
        case event_kind::sidebet_refunded: ++s.sidebets_refunded; break;
        case event_kind::rejected: ++s.rejected[static_cast<std::size_t>(*e.reason)]; break;
      }
      if (e.pnl.is_negative()) s.gross_loss -= e.pnl;
      else s.gross_profit += e.pnl;
    }
  }
  s.final_balance = settings.starting_balance + s.pnl;
  const decimal capital = settings.wallet == wallet_mode::session
                              ? settings.starting_balance
                              : settings.starting_balance * decimal::from_int(static_cast<std::int64_t>(std::max<std::size_t>(1, s.games)));
  s.roi = (s.pnl / capital).to_double() * 100;
  s.win_rate = s.trades ? 100.0 * static_cast<double>(s.wins) / static_cast<double>(s.trades) : 0;
  s.profit_factor = s.gross_loss.is_zero() ? 0 : (s.gross_profit / s.gross_loss).to_double();
  s.exposure = s.ticks ? 100.0 * static_cast<double>(ticks_with_position) / static_cast<double>(s.ticks) : 0;
  if (returns.size() > 1) {
    double mean = 0;
    for (double r : returns) mean += r;
    mean /= static_cast<double>(returns.size());
    double var = 0, down = 0;
    for (double r : returns) {
      var += (r - mean) * (r - mean);
      if (r < 0) down += r * r;
    }
    const double sd = std::sqrt(var / static_cast<double>(returns.size() - 1));
    const double dd = std::sqrt(down / static_cast<double>(returns.size()));
    s.sharpe = sd > 0 ? mean / sd : 0;
    s.sortino = dd > 0 ? mean / dd : 0;
  }
  s.digest = sha256_hex(trade_log_text(games, outcomes));
  return s;
}

}  // namespace replayer
