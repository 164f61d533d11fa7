#pragma once
// `--sweep key=a:b:step`: the values of one parameter, and the grid of all combinations; which
// points a `--shard K/N` plays; how `--holdout F` splits the games.
#include "core/decimal.hpp"

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

/// `--shard K/N`: one of N runs sharing a grid; shard K (1-based) plays the points i (0-based,
/// grid order) with i mod N = K - 1, so the shards cover the grid exactly once.
struct sweep_shard {
  std::size_t k = 1, n = 1;

  bool plays(std::size_t point) const { return point % n == k - 1; }
  /// How many of a grid of `points` points this shard plays.
  std::size_t points_of(std::size_t points) const { return points / n + (points % n >= k ? 1 : 0); }
};

/// Parses `K/N` (1 <= K <= N <= 100,000).
boost::system::result<sweep_shard, std::string> parse_shard(std::string_view text);

/// Parses `--holdout F`: an exact decimal with 0 < F < 1, the share of the games held out.
boost::system::result<decimal, std::string> parse_holdout(std::string_view text);

/// How many of `games` games (in file order) are in-sample with a holdout `fraction`:
/// floor(games x (1 - fraction)), the rest (never none) being out-of-sample. Refused when none is in-sample.
boost::system::result<std::size_t, std::string> holdout_split(std::size_t games, decimal fraction);

}  // namespace replayer
