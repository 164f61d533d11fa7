#pragma once
// `--report OUT.html`: one self-contained page (inline SVG, no scripts from anywhere, no network):
// the equity curve with its drawdown, P&L per game, and a price chart with the trades of every
// game that traded.
#include "app/backtest_report.hpp"
#include "core/trading/backtest.hpp"

#include <string>

namespace replayer::app {

/// `outcomes` must have been played with keep_trace. A rail's halt is shown above the charts.
std::string html_report(const std::vector<game_outcome>& outcomes, const backtest_summary& summary, const run_inputs& in);

}  // namespace replayer::app
