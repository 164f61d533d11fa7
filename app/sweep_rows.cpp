#include "app/sweep_rows.hpp"

#include "app/backtest_report.hpp"
#include "core/json_value.hpp"

#include <algorithm>

namespace replayer::app {
namespace {

// "  label                 in-sample value         out-of-sample value"
void pair_row(std::string& out, std::string_view label, const std::string& in, const std::string& held_out) {
  out += "  ";
  out += label;
  out.append(label.size() < 22 ? 22 - label.size() : 1, ' ');
  out += in;
  if (!held_out.empty()) out.append(in.size() < 24 ? 24 - in.size() : 1, ' ');
  out += held_out;
  out += '\n';
}

}  // namespace

double sort_metric(const backtest_summary& s, std::string_view sort) {
  if (sort == "pnl") return s.pnl.to_double();
  if (sort == "roi") return s.roi;
  if (sort == "win_rate") return s.win_rate;
  if (sort == "sharpe") return s.sharpe;
  if (sort == "sortino") return s.sortino;
  if (sort == "profit_factor") return s.profit_factor;
  return -s.max_drawdown.to_double();
}

std::string sweep_line(const std::string& label, const backtest_summary& s) {
  return label + "  pnl " + sol6(s.pnl) + "  roi " + fixed(s.roi) + " %  win " + fixed(s.win_rate) + " %  dd " +
         sol6(s.max_drawdown) + "  sharpe " + fixed(s.sharpe, 3) + "  trades " + std::to_string(s.trades) +
         "  digest " + s.digest.substr(0, 12);
}

std::string holdout_block(const std::string& label, const sweep_view& view, const backtest_summary& in,
                          const backtest_summary& out) {
  const std::string games = std::to_string(in.games + out.games);
  std::string text = "holdout " + view.holdout.value_or("") + ": the best point by " + view.sort + " on the first " +
                     std::to_string(in.games) + " of " + games + " games (in-sample), played on the last " +
                     std::to_string(out.games) + " (out-of-sample)\n";
  pair_row(text, "point", label, "");
  pair_row(text, "", "in-sample", "out-of-sample");
  auto both = [&](std::string_view name, auto&& value) { pair_row(text, name, value(in), value(out)); };
  both("games", [](const backtest_summary& s) { return std::to_string(s.games); });
  both("P&L", [](const backtest_summary& s) { return sol6(s.pnl) + " SOL"; });
  both("ROI", [](const backtest_summary& s) { return fixed(s.roi) + " %"; });
  both("closed trades", [](const backtest_summary& s) { return std::to_string(s.trades); });
  both("win rate", [](const backtest_summary& s) { return fixed(s.win_rate) + " %"; });
  both("expectancy", [](const backtest_summary& s) { return sol6(s.expectancy) + " SOL"; });
  both("max drawdown", [](const backtest_summary& s) { return sol6(s.max_drawdown) + " SOL"; });
  both("Sharpe (per game)", [](const backtest_summary& s) { return fixed(s.sharpe, 3); });
  both("Sortino (per game)", [](const backtest_summary& s) { return fixed(s.sortino, 3); });
  both("profit factor", [](const backtest_summary& s) { return fixed(s.profit_factor, 3); });
  both("digest", [](const backtest_summary& s) { return s.digest.substr(0, 12); });
  return text;
}

std::string sweep_output(std::vector<sweep_row> rows, const sweep_view& view) {
  std::sort(rows.begin(), rows.end(), [](const sweep_row& a, const sweep_row& b) { return a.index < b.index; });
  std::stable_sort(rows.begin(), rows.end(),
                   [](const sweep_row& a, const sweep_row& b) { return a.sort_value > b.sort_value; });
  std::string out;
  for (const sweep_row& r : rows) {
    if (view.json) {
      out += "{\"point\": ";
      write_python_json_string(out, r.label);
      out += ", ";
      out.append(r.result, 1);
    } else {
      out += r.line;
    }
    out += '\n';
  }
  if (!view.holdout || rows.empty()) return out;
  const sweep_row& best = rows.front();
  if (!view.json) return out + "\n" + best.holdout_block;
  out += "{\"type\": \"holdout\", \"point\": ";
  write_python_json_string(out, best.label);
  out += ", \"sort\": ";
  write_python_json_string(out, view.sort);
  out += ", \"fraction\": ";
  write_python_json_string(out, *view.holdout);
  out += ", \"in_sample\": " + best.result + ", \"out_of_sample\": " + best.out_of_sample + "}\n";
  return out;
}

}  // namespace replayer::app
