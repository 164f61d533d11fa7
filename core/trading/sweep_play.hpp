#pragma once
// The points of a sweep played on worker threads, each point on one thread over every game (and
// with --holdout over the held-out games as well), their results handed over in point order.
#include "core/game.hpp"
#include "core/trading/backtest.hpp"
#include "core/trading/rule_strategy.hpp"
#include "core/trading/settings.hpp"

#include <atomic>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace replayer {

/// One point of the grid: its label ("key=value ..."), its strategy and settings.
struct sweep_point {
  std::string label;
  rule_strategy strategy;
  trading_settings settings;
};

/// One point's results: on the (in-sample) games, and with a holdout on the held-out ones.
struct point_result {
  backtest_summary in_sample;
  std::optional<backtest_summary> out_of_sample;
};

/// Plays points[played[j]] for j = 0, 1, ... on `jobs` threads (ordered_pool: bounded, in
/// order, no new point once `stop` is set) and calls consume(j, result) on the calling thread.
/// An exception from a point is rethrown with the point's label in front.
void play_sweep_points(const std::vector<sweep_point>& points, const std::vector<std::size_t>& played,
                       const std::vector<game>& games, const std::vector<game>* held_out, std::size_t jobs,
                       const std::atomic<bool>& stop,
                       const std::function<void(std::size_t, point_result&&)>& consume);

}  // namespace replayer
