#pragma once
// A sweep's results as printed: one line (or JSON object) per point, sorted by --sort with ties
// in grid order, and with --holdout the best point's in-sample result beside its out-of-sample
// one. A sweep run here and `replayer merge` of its shard files print through the same rows, so
// their outputs are the same bytes.
#include "core/trading/backtest.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace replayer::app {

/// The metrics --sort accepts.
inline constexpr std::string_view sweep_sorts[] = {"pnl",     "roi",           "win_rate",    "sharpe",
                                                   "sortino", "profit_factor", "max_drawdown"};

/// The value a sweep sorts by, larger first (max_drawdown is negated: smaller is better).
double sort_metric(const backtest_summary& s, std::string_view sort);

struct sweep_row {
  std::size_t index = 0;       // the point's place in the grid, the order of ties
  std::string label;           // "buy_below=1.2 take_profit_pct=30"
  double sort_value = 0;       // sort_metric of the (in-sample) summary
  std::string line;            // the point's line in the table, without the newline
  std::string result;          // the point's (in-sample) summary as one JSON object
  std::string holdout_block;   // with --holdout: the side-by-side table, printed for the best point
  std::string out_of_sample;   // with --holdout: the summary on the held-out games, as JSON
};

/// How the rows are printed: the run's --sort and --holdout (as given), and --json.
struct sweep_view {
  std::string sort;
  std::optional<std::string> holdout;
  bool json = false;
};

/// The point's table line: label, P&L, ROI, win rate, drawdown, Sharpe, trades, digest.
std::string sweep_line(const std::string& label, const backtest_summary& s);

/// The best point on the in-sample games beside the same point on the held-out ones.
std::string holdout_block(const std::string& label, const sweep_view& view, const backtest_summary& in_sample,
                          const backtest_summary& out_of_sample);

/// The whole output of a sweep from its rows, in any order.
std::string sweep_output(std::vector<sweep_row> rows, const sweep_view& view);

}  // namespace replayer::app
