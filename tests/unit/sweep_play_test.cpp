// sweep_play: a sweep's points played on workers (core/trading/sweep_play.hpp). Whatever the
// number of threads each point's summary is the one a sequential backtest of that point gives,
// handed over in point order; a holdout plays both parts; a shard's points are the ones played;
// a stop from the consumer ends the run without hanging. Under TSan (threaded_tests) this is the
// sweep's pool.
#include "core/trading/sweep_play.hpp"

#include "core/trading/sweep.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <memory>
#include <numeric>
#include <set>
#include <string>
#include <vector>

using namespace replayer;
using test_support::builtin;
using test_support::test_data_games;

namespace {

// The 9 points of buy_below=1.2:2:0.4 x take_profit_pct=10:30:10 over the conservative strategy.
std::vector<sweep_point> grid_points() {
  const auto base = builtin("conservative");
  const auto grid = sweep_grid({*parse_sweep("buy_below=1.2:2:0.4"), *parse_sweep("take_profit_pct=10:30:10")});
  std::vector<sweep_point> points;
  for (const auto& assignment : grid) {
    sweep_point p{{}, base, trading_settings{}};
    for (const auto& [k, v] : assignment) {
      p.label += (p.label.empty() ? "" : " ") + k + "=" + v;
      BOOST_TEST_REQUIRE(!p.strategy.set_parameter(k, v));
    }
    points.push_back(std::move(p));
  }
  return points;
}

std::string sequential_digest(const sweep_point& p, const std::vector<game>& games) {
  return run_backtest(games, p.settings, [&] { return std::make_unique<rule_strategy>(p.strategy); }).summary.digest;
}

std::vector<std::size_t> all_of(std::size_t n) {
  std::vector<std::size_t> v(n);
  std::iota(v.begin(), v.end(), std::size_t{0});
  return v;
}

// The digests handed over, in the order they came, with the index each came with.
struct digests {
  std::vector<std::size_t> order;
  std::vector<std::string> in_sample, out_of_sample;
};

digests play(const std::vector<sweep_point>& points, const std::vector<std::size_t>& played,
             const std::vector<game>& games, const std::vector<game>* held_out, std::size_t jobs) {
  const std::atomic<bool> stop{false};
  digests d;
  play_sweep_points(points, played, games, held_out, jobs, stop, [&](std::size_t j, point_result&& r) {
    d.order.push_back(j);
    d.in_sample.push_back(r.in_sample.digest);
    d.out_of_sample.push_back(r.out_of_sample ? r.out_of_sample->digest : "none");
  });
  return d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sweep_play)

BOOST_AUTO_TEST_CASE(points_in_parallel_give_the_sequential_results_in_point_order) {
  const auto points = grid_points();
  BOOST_TEST_REQUIRE(points.size() == 9u);
  std::vector<std::string> sequential;
  for (const auto& p : points) sequential.push_back(sequential_digest(p, test_data_games()));
  // Different parameters trade differently.
  BOOST_TEST(std::set<std::string>(sequential.begin(), sequential.end()).size() > 1u);
  for (std::size_t jobs : {1, 2, 4}) {
    const digests d = play(points, all_of(points.size()), test_data_games(), nullptr, jobs);
    BOOST_TEST(d.order == all_of(points.size()), boost::test_tools::per_element());
    BOOST_TEST(d.in_sample == sequential, boost::test_tools::per_element());
    BOOST_TEST(d.out_of_sample == std::vector<std::string>(points.size(), "none"), boost::test_tools::per_element());
  }
}

BOOST_AUTO_TEST_CASE(a_holdout_plays_each_point_on_both_parts) {
  const auto points = grid_points();
  const auto& all = test_data_games();
  BOOST_TEST_REQUIRE(all.size() > 4u);
  const std::vector<game> in_sample(all.begin(), all.end() - 3), held_out(all.end() - 3, all.end());
  const digests d = play(points, all_of(points.size()), in_sample, &held_out, 3);
  for (std::size_t i = 0; i < points.size(); ++i) {
    BOOST_TEST(d.in_sample[i] == sequential_digest(points[i], in_sample), points[i].label);
    BOOST_TEST(d.out_of_sample[i] == sequential_digest(points[i], held_out), points[i].label);
  }
}

BOOST_AUTO_TEST_CASE(only_the_points_played_are_played_and_numbered_from_zero) {
  const auto points = grid_points();
  const std::vector<std::size_t> shard{1, 4, 7};
  const digests d = play(points, shard, test_data_games(), nullptr, 2);
  BOOST_TEST(d.order == all_of(3), boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(d.in_sample.size() == 3u);
  for (std::size_t j = 0; j < shard.size(); ++j)
    BOOST_TEST(d.in_sample[j] == sequential_digest(points[shard[j]], test_data_games()), points[shard[j]].label);
}

BOOST_AUTO_TEST_CASE(a_stop_from_the_consumer_ends_the_run_without_hanging) {
  std::vector<sweep_point> points;
  for (int copy = 0; copy < 4; ++copy)
    for (auto& p : grid_points()) points.push_back(std::move(p));
  for (std::size_t jobs : {1, 2}) {
    std::atomic<bool> stop{false};
    std::vector<std::size_t> order;
    play_sweep_points(points, all_of(points.size()), test_data_games(), nullptr, jobs, stop,
                      [&](std::size_t j, point_result&&) {
                        order.push_back(j);
                        stop = true;
                      });
    // At most the points already started when the stop came (2 x jobs wait for the consumer).
    BOOST_TEST_REQUIRE(!order.empty());
    BOOST_TEST(order.size() <= 1 + 3 * jobs, "jobs " << jobs);
    BOOST_TEST(order == all_of(order.size()), boost::test_tools::per_element());
  }
}

BOOST_AUTO_TEST_SUITE_END()
