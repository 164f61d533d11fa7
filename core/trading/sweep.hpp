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
};

/// Parses `key=a:b:step` (a <= b, step > 0, at most 10,000 values).
boost::system::result<sweep_axis, std::string> parse_sweep(std::string_view text);

/// Every combination, the first axis varying slowest: each point is a list of key=value.
std::vector<std::vector<std::pair<std::string, std::string>>> sweep_grid(const std::vector<sweep_axis>& axes);

}  // namespace replayer
