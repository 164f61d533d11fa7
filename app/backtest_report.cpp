#include "app/backtest_report.hpp"

#include "core/json_writer.hpp"

#include <cstdio>

namespace replayer::app {
namespace {

std::string count(std::size_t n) { return std::to_string(n); }

void row(std::string& out, std::string_view label, const std::string& value) {
  out += "  ";
  out += label;
  out.append(label.size() < 22 ? 22 - label.size() : 1, ' ');
  out += value;
  out += '\n';
}

std::string rejected_breakdown(const backtest_summary& s) {
  std::string text;
  for (std::size_t i = 0; i < reject_reason_count; ++i)
    if (s.rejected[i])
      text += (text.empty() ? "" : ", ") + std::string(reject_reason_name(static_cast<reject_reason>(i))) + " " +
              count(s.rejected[i]);
  return text.empty() ? "0" : count(s.rejected_total()) + " (" + text + ")";
}

}  // namespace

std::string fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

std::string summary_table(const backtest_summary& s, std::string_view strategy, const trading_settings& settings) {
  std::string out = "backtest: strategy " + std::string(strategy) + ", " +
                    (settings.wallet == wallet_mode::session ? "session wallet" : "per-game wallets") + ", start " +
                    settings.starting_balance.str() + " SOL\n";
  row(out, "games", count(s.games) + " (" + count(s.incomplete_games) + " incomplete, P&L " + s.incomplete_pnl.str() + " SOL)");
  row(out, "ticks", count(s.ticks));
  row(out, "orders filled", count(s.orders));
  row(out, "orders rejected", rejected_breakdown(s));
  row(out, "closed trades", count(s.trades) + " (" + count(s.wins) + " won, " + count(s.losses) + " lost, " +
                                count(s.breakeven) + " even)");
  row(out, "win rate", fixed(s.win_rate) + " %");
  row(out, "P&L", s.pnl.str() + " SOL");
  if (settings.wallet == wallet_mode::per_game) row(out, "capital", s.capital.str() + " SOL (games x start)");
  row(out, "final balance", s.final_balance.str() + " SOL");
  row(out, "ROI", fixed(s.roi) + " %");
  row(out, "max drawdown", s.max_drawdown.str() + " SOL (" + fixed(s.max_drawdown_pct) + " %)" +
                               (s.drawdown_game.empty() ? "" : " at " + s.drawdown_game + " tick " + std::to_string(s.drawdown_tick)));
  row(out, "Sharpe (per game)", fixed(s.sharpe, 3));
  row(out, "Sortino (per game)", fixed(s.sortino, 3));
  row(out, "profit factor", fixed(s.profit_factor, 3));
  row(out, "sidebets", count(s.sidebets) + " placed, " + count(s.sidebets_won) + " won, " + count(s.sidebets_lost) +
                           " lost, " + count(s.sidebets_refunded) + " refunded");
  row(out, "exposure", fixed(s.exposure) + " % of ticks with a position");
  if (s.failed_orders || s.ignored_reports)
    row(out, "execution", count(s.failed_orders) + " orders failed or timed out, " + count(s.ignored_reports) +
                              " reports ignored");
  if (s.halted)
    row(out, "stopped by", std::string(reject_reason_name(s.halted->rail)) + " at " + s.halted_game + " tick " +
                               std::to_string(s.halted->tick) + ", balance " + s.halted->balance.str() + " SOL");
  row(out, "digest", s.digest);
  return out;
}

std::string summary_json(const backtest_summary& s, std::string_view strategy, const trading_settings& settings) {
  json_object_writer rejected;
  for (std::size_t i = 0; i < reject_reason_count; ++i)
    if (s.rejected[i])
      rejected.integer(reject_reason_name(static_cast<reject_reason>(i)), static_cast<std::int64_t>(s.rejected[i]));
  auto n = [](std::size_t v) { return static_cast<std::int64_t>(v); };
  json_object_writer w;
  w.string("strategy", strategy).string("wallet", settings.wallet == wallet_mode::session ? "session" : "per-game");
  w.integer("games", n(s.games)).integer("incomplete_games", n(s.incomplete_games)).integer("ticks", n(s.ticks));
  w.integer("orders", n(s.orders)).raw("rejected", rejected.finish()).integer("rejected_total", n(s.rejected_total()));
  w.integer("trades", n(s.trades)).integer("wins", n(s.wins)).integer("losses", n(s.losses)).integer("breakeven", n(s.breakeven));
  w.raw("win_rate", fixed(s.win_rate, 4));
  w.string("pnl", s.pnl.str()).string("incomplete_pnl", s.incomplete_pnl.str()).string("final_balance", s.final_balance.str());
  w.raw("roi", fixed(s.roi, 4)).string("max_drawdown", s.max_drawdown.str()).raw("max_drawdown_pct", fixed(s.max_drawdown_pct, 4));
  w.string("max_drawdown_game", s.drawdown_game).integer("max_drawdown_tick", s.drawdown_tick);
  w.raw("sharpe", fixed(s.sharpe, 6)).raw("sortino", fixed(s.sortino, 6)).raw("profit_factor", fixed(s.profit_factor, 6));
  w.integer("sidebets", n(s.sidebets)).integer("sidebets_won", n(s.sidebets_won)).integer("sidebets_lost", n(s.sidebets_lost));
  w.integer("sidebets_refunded", n(s.sidebets_refunded)).raw("exposure_pct", fixed(s.exposure, 4));
  w.string("capital", s.capital.str()).integer("failed_orders", n(s.failed_orders)).integer("ignored_reports", n(s.ignored_reports));
  if (s.halted) {
    json_object_writer h;
    h.string("rail", reject_reason_name(s.halted->rail)).string("game", s.halted_game).integer("tick", s.halted->tick);
    h.string("balance", s.halted->balance.str());
    w.raw("halted", h.finish());
  } else {
    w.null("halted");
  }
  w.string("digest", s.digest);
  return w.finish();
}

}  // namespace replayer::app
