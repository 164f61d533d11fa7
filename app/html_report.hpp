#pragma once
// `--report OUT.html`: one self-contained page (its scripts inline, nothing from the network):
// the summary, the run's inputs, equity and drawdown, a table of round-trip trades, and the price
// path with the trades of the first games that traded, drawn on canvases by app/web/charts.js
// from compact JSON in the page. The page says what it left out.
#include "app/backtest_report.hpp"
#include "core/trading/backtest.hpp"

#include <cstddef>
#include <string>

namespace replayer::app {

/// Games with trades that get a price chart (the first ones, in run order), and trade table rows.
inline constexpr std::size_t max_game_charts = 100;
inline constexpr std::size_t max_trade_rows = 1000;

/// `outcomes` must have been played with keep_trace. A rail's halt and a ruin are shown above the charts.
std::string html_report(const std::vector<game_outcome>& outcomes, const backtest_summary& summary, const run_inputs& in);

}  // namespace replayer::app
