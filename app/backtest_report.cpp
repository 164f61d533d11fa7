#include "app/backtest_report.hpp"

#include "core/json_value.hpp"
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

std::string_view wallet_name(const trading_settings& settings) {
  return settings.wallet == wallet_mode::session ? "session" : "per-game";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : " ") + i;
  return out;
}

std::string parameters_text(const rule_strategy& s) {
  std::vector<std::string> items;
  for (const auto& [k, v] : s.parameters()) items.push_back(k + "=" + v);
  return joined(items);
}

std::string settings_text(const trading_settings& settings) {
  std::vector<std::string> items;
  for (const auto& d : describe(settings)) items.push_back(d.key + "=" + d.value);
  return joined(items);
}

}  // namespace

std::string inputs_json(const run_inputs& in, std::size_t games, std::size_t tick_lines) {
  json_object_writer params;
  for (const auto& [k, v] : in.strategy.parameters()) params.string(k, v);
  json_object_writer settings;
  for (const auto& d : describe(in.settings)) settings.string(d.key, d.value);
  std::string sets = "[";
  for (const auto& set : in.sets) {
    if (sets.size() > 1) sets += ", ";
    write_python_json_string(sets, set);
  }
  sets += "]";
  json_object_writer corpus;
  corpus.integer("files", static_cast<std::int64_t>(in.files)).integer("games", static_cast<std::int64_t>(games));
  corpus.integer("tick_lines", static_cast<std::int64_t>(tick_lines));
  json_object_writer w;
  w.string("replayer", REPLAYER_VERSION).string("strategy", in.strategy.name()).raw("parameters", params.finish());
  w.raw("sets", sets).raw("settings", settings.finish()).raw("corpus", corpus.finish());
  return w.finish();
}

std::string fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

std::string sol6(decimal amount) {
  // 27 places -> 6: divide the raw count by 1e21, rounding half to even.
  constexpr decimal::raw_type unit = static_cast<decimal::raw_type>(1'000'000'000'000'000'000) * 1000;
  const bool negative = amount.is_negative();
  const decimal::raw_type magnitude = negative ? -amount.raw() : amount.raw();
  decimal::raw_type q = magnitude / unit;
  const decimal::raw_type r = magnitude % unit;
  if (r > unit / 2 || (r == unit / 2 && q % 2 == 1)) ++q;
  const auto whole = q / 1'000'000;
  const auto fraction = static_cast<unsigned>(q % 1'000'000);
  std::string digits;
  for (auto w = whole; digits.empty() || w > 0; w /= 10) digits.insert(digits.begin(), char('0' + int(w % 10)));
  char frac[8];
  std::snprintf(frac, sizeof frac, "%06u", fraction);
  return (negative && q != 0 ? "-" : "") + digits + "." + frac;
}

std::string halt_text(const backtest_summary& s) {
  if (!s.halted) return {};
  return std::string(reject_reason_name(s.halted->rail)) + " at " + s.halted_game + " tick " +
         std::to_string(s.halted->tick) + ", balance " + sol6(s.halted->balance) + " SOL" +
         (s.closed_by_rail ? ", open position sold by the rail" : "");
}

std::string summary_table(const backtest_summary& s, const run_inputs& in) {
  const trading_settings& settings = in.settings;
  std::string out = "backtest: strategy " + in.strategy.name() + ", " +
                    (settings.wallet == wallet_mode::session ? "session wallet" : "per-game wallets") + ", start " +
                    settings.starting_balance.str() + " SOL\n";
  row(out, "replayer", REPLAYER_VERSION);
  row(out, "parameters", in.strategy.parameters().empty() ? "none" : parameters_text(in.strategy));
  row(out, "--set", in.sets.empty() ? "none" : joined(in.sets));
  row(out, "settings", settings_text(settings));
  row(out, "corpus", count(in.files) + " files, " + count(s.games) + " games, " + count(s.tick_lines) + " tick lines");
  row(out, "games", count(s.games) + " (" + count(s.incomplete_games) + " incomplete, P&L " + sol6(s.incomplete_pnl) + " SOL)");
  row(out, "tick lines", count(s.tick_lines));
  row(out, "orders filled", count(s.orders));
  row(out, "orders rejected", rejected_breakdown(s));
  row(out, "closed trades", count(s.trades) + " (" + count(s.wins) + " won, " + count(s.losses) + " lost, " +
                                count(s.breakeven) + " even)");
  row(out, "how they closed", count(s.closed_by_rule) + " sold by a rule, " + count(s.closed_by_rail) +
                                  " sold by a rail, " + count(s.liquidated) + " liquidated at the rug, " +
                                  count(s.closed_at_end) + " at the end of data");
  row(out, "win rate", fixed(s.win_rate) + " %");
  row(out, "average win / loss", sol6(s.average_win) + " / " + sol6(s.average_loss) + " SOL");
  row(out, "largest win / loss", sol6(s.largest_win) + " / " + sol6(s.largest_loss) + " SOL");
  row(out, "expectancy", sol6(s.expectancy) + " SOL per closed trade");
  row(out, "P&L", sol6(s.pnl) + " SOL (positions " + sol6(s.position_pnl) + ", sidebets " + sol6(s.sidebet_pnl) + ")");
  if (settings.wallet == wallet_mode::per_game) row(out, "capital", sol6(s.capital) + " SOL (games x start)");
  row(out, "final balance", sol6(s.final_balance) + " SOL");
  row(out, "peak equity", sol6(s.peak_equity) + " SOL");
  row(out, "ROI", fixed(s.roi) + " %");
  row(out, "max drawdown", sol6(s.max_drawdown) + " SOL (" + fixed(s.max_drawdown_pct) + " %)" +
                               (s.drawdown_game.empty() ? "" : " at " + s.drawdown_game + " tick " + std::to_string(s.drawdown_tick)));
  row(out, "Sharpe (per game)", fixed(s.sharpe, 3));
  row(out, "Sortino (per game)", fixed(s.sortino, 3));
  row(out, "profit factor", fixed(s.profit_factor, 3));
  row(out, "sidebets", count(s.sidebets) + " placed, " + count(s.sidebets_won) + " won, " + count(s.sidebets_lost) +
                           " lost, " + count(s.sidebets_refunded) + " refunded");
  row(out, "exposure", fixed(s.exposure) + " % of tick lines with a position");
  if (s.failed_orders || s.ignored_reports)
    row(out, "execution", count(s.failed_orders) + " orders failed or timed out, " + count(s.ignored_reports) +
                              " reports ignored");
  if (s.halted) row(out, "stopped by", halt_text(s));
  if (s.ruined)
    row(out, "ruined", "at " + s.ruined->game + " tick " + std::to_string(s.ruined->tick) + ", balance " +
                           sol6(s.ruined->balance) + " SOL (under min_amount " + settings.min_amount.str() + "); " +
                           count(s.ruined->games_after) + " games after it not traded");
  row(out, "digest", s.digest);
  return out;
}

std::string summary_json(const backtest_summary& s, const run_inputs& in) {
  const trading_settings& settings = in.settings;
  json_object_writer rejected;
  for (std::size_t i = 0; i < reject_reason_count; ++i)
    if (s.rejected[i])
      rejected.integer(reject_reason_name(static_cast<reject_reason>(i)), static_cast<std::int64_t>(s.rejected[i]));
  auto n = [](std::size_t v) { return static_cast<std::int64_t>(v); };
  json_object_writer closed;
  closed.integer("rule", n(s.closed_by_rule)).integer("rail", n(s.closed_by_rail)).integer("liquidation", n(s.liquidated));
  closed.integer("end_of_data", n(s.closed_at_end));
  json_object_writer w;
  w.string("strategy", in.strategy.name()).string("wallet", wallet_name(settings));
  w.integer("games", n(s.games)).integer("incomplete_games", n(s.incomplete_games)).integer("tick_lines", n(s.tick_lines));
  w.integer("orders", n(s.orders)).raw("rejected", rejected.finish()).integer("rejected_total", n(s.rejected_total()));
  w.integer("trades", n(s.trades)).integer("wins", n(s.wins)).integer("losses", n(s.losses)).integer("breakeven", n(s.breakeven));
  w.raw("closed_by", closed.finish());
  w.raw("win_rate", fixed(s.win_rate, 4));
  w.string("pnl", s.pnl.str()).string("position_pnl", s.position_pnl.str()).string("sidebet_pnl", s.sidebet_pnl.str());
  w.string("incomplete_pnl", s.incomplete_pnl.str()).string("final_balance", s.final_balance.str());
  w.string("average_win", s.average_win.str()).string("average_loss", s.average_loss.str());
  w.string("largest_win", s.largest_win.str()).string("largest_loss", s.largest_loss.str());
  w.string("expectancy", s.expectancy.str()).string("peak_equity", s.peak_equity.str());
  w.raw("roi", fixed(s.roi, 4)).string("max_drawdown", s.max_drawdown.str()).raw("max_drawdown_pct", fixed(s.max_drawdown_pct, 4));
  w.string("max_drawdown_game", s.drawdown_game).integer("max_drawdown_tick", s.drawdown_tick);
  w.raw("sharpe", fixed(s.sharpe, 6)).raw("sortino", fixed(s.sortino, 6)).raw("profit_factor", fixed(s.profit_factor, 6));
  w.integer("sidebets", n(s.sidebets)).integer("sidebets_won", n(s.sidebets_won)).integer("sidebets_lost", n(s.sidebets_lost));
  w.integer("sidebets_refunded", n(s.sidebets_refunded)).raw("exposure_pct", fixed(s.exposure, 4));
  w.string("capital", s.capital.str()).integer("failed_orders", n(s.failed_orders)).integer("ignored_reports", n(s.ignored_reports));
  if (s.halted) {
    json_object_writer h;
    h.string("rail", reject_reason_name(s.halted->rail)).string("game", s.halted_game).integer("tick", s.halted->tick);
    h.string("balance", s.halted->balance.str()).boolean("position_sold", s.closed_by_rail > 0);
    w.raw("halted", h.finish());
  } else {
    w.null("halted");
  }
  if (s.ruined) {
    json_object_writer r;
    r.string("game", s.ruined->game).integer("tick", s.ruined->tick).string("balance", s.ruined->balance.str());
    r.integer("games_after", n(s.ruined->games_after));
    w.raw("ruined", r.finish());
  } else {
    w.null("ruined");
  }
  w.raw("inputs", inputs_json(in, s.games, s.tick_lines));
  w.string("digest", s.digest);
  return w.finish();
}

}  // namespace replayer::app
