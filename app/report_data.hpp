#pragma once
// What the HTML report's charts draw (app/web/charts.js), as compact JSON. Long series are
// decimated to a bounded number of points that keep every extreme (the lowest and the highest of
// each bucket), the first and last point, and the point of every trade's tick.
#include "core/trading/backtest.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace replayer::app {

/// Points per chart: a game's price path keeps at most 2 x price_buckets points besides its
/// trades' ticks; the run's equity at most 2 x equity_buckets.
inline constexpr std::size_t price_buckets = 300;
inline constexpr std::size_t equity_buckets = 1500;
/// Trades drawn on one game's chart (the first ones); a game may trade on every tick.
inline constexpr std::size_t max_markers_per_game = 100;

/// The indices of `values` to draw, ascending, each once: all of them when there are at most
/// 2 x buckets; otherwise the first and the last, the lowest and the highest of each of `buckets`
/// runs of (nearly) equal length, and every index in `keep` (indices past the end are ignored).
std::vector<std::size_t> decimate(std::span<const double> values, std::size_t buckets, std::span<const std::size_t> keep);

/// `digits` significant digits, the shortest way: "1.5", "0.00123", "1e-09" (a JSON number).
std::string short_number(double value, int digits = 6);

/// One game for ReplayerCharts.price: {"id", "ticks", "prices", "rugTick" (null when the game did
/// not reach its rug), "sidebetWindows", "markers"}, and how many of its trades were not drawn
/// (past max_markers_per_game). `o` must have been played with keep_trace.
struct price_chart {
  std::string json;
  std::size_t markers_left_out = 0;
};
price_chart price_chart_json(const game_outcome& o, const trading_settings& settings);

/// The run for ReplayerCharts.equity: {"x", "equity", "xLabel", "halt"?, "ruin"?}. Point x is the
/// game's number (from 1) plus how far into that game it is; equity is joined game after game the
/// way the summary's drawdown is (per-game wallets: each game's P&L added to the start balance).
std::string equity_chart_json(const std::vector<game_outcome>& outcomes, const backtest_summary& s,
                              const trading_settings& settings);

}  // namespace replayer::app
