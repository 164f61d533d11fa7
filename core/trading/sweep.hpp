#pragma once
// `--sweep key=a:b:step`: the values of one parameter, and the grid of all combinations.
#include <boost/system/result.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace replayer {

struct sweep_axis {
  std::string key;
  std::vector<std::string> values;  // exact decimal texts, a..b inclusive
  std::string spec;                 // the --sweep text as given, for messages
};

/// The grid's default bound: every point plays every game, so a grid is refused above this many
/// points unless the user raises it (`--max-points`).
inline constexpr std::size_t default_max_sweep_points = 10'000;

/// Parses `key=a:b:step` (a <= b, step > 0, at most 10,000 values).
boost::system::result<sweep_axis, std::string> parse_sweep(std::string_view text);

/// The number of points of the grid, or why it is refused: more than `max_points` (counted
/// without overflow, before any point is built).
boost::system::result<std::size_t, std::string> sweep_grid_size(const std::vector<sweep_axis>& axes,
                                                                std::size_t max_points);

/// Every combination, the first axis varying slowest: each point is a list of key=value.
/// Check its size with sweep_grid_size first.
std::vector<std::vector<std::pair<std::string, std::string>>> sweep_grid(const std::vector<sweep_axis>& axes);

}  // namespace replayer
