// reconnect_backoff: the reconnect policy of the live feed (core/feed/reconnect_backoff), with
// no clock: caps double from 0.5 s to 30 s, every delay lies within its cap (full jitter), a
// healthy connection resets the count, one that dies at once does not, and the same seed gives
// the same delays.
#include "core/feed/reconnect_backoff.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <set>
#include <vector>

using namespace std::chrono_literals;
using replayer::reconnect_backoff;

BOOST_AUTO_TEST_SUITE(reconnect_backoff_policy)

BOOST_AUTO_TEST_CASE(caps_double_from_half_a_second_to_thirty_seconds) {
  reconnect_backoff b({});
  std::vector<long> caps;
  for (int i = 0; i < 10; ++i) {
    caps.push_back(static_cast<long>(b.cap().count()));
    const auto d = b.next_delay(0ms);
    BOOST_TEST(d.count() >= 0);
    BOOST_TEST(d <= std::chrono::milliseconds(caps.back()));
  }
  BOOST_TEST(caps == (std::vector<long>{500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000}));
}

BOOST_AUTO_TEST_CASE(it_never_gives_up) {
  reconnect_backoff b({});
  for (int i = 0; i < 10'000; ++i) BOOST_TEST_REQUIRE(b.next_delay(0ms) <= 30'000ms);
  BOOST_TEST(b.cap() == 30'000ms);
}

BOOST_AUTO_TEST_CASE(full_jitter_spreads_the_delays) {
  reconnect_backoff b({.initial = 30'000ms});
  std::set<long> seen;
  for (int i = 0; i < 200; ++i) seen.insert(static_cast<long>(b.next_delay(0ms).count() / 3000));
  BOOST_TEST(seen.size() >= 9u);  // all ten 3-second buckets of [0, 30 s], nearly
}

BOOST_AUTO_TEST_CASE(a_healthy_connection_resets_the_backoff) {
  reconnect_backoff b({});
  for (int i = 0; i < 5; ++i) b.next_delay(0ms);
  BOOST_TEST(b.cap() == 16'000ms);
  b.next_delay(31s);  // it had been up longer than healthy_after
  BOOST_TEST(b.failures() == 1u);
  BOOST_TEST(b.cap() == 1000ms);
}

BOOST_AUTO_TEST_CASE(a_connection_that_dies_right_after_opening_counts) {
  reconnect_backoff b({});
  for (int i = 0; i < 5; ++i) b.next_delay(200ms);  // opened, then dropped at once
  BOOST_TEST(b.failures() == 5u);
  BOOST_TEST(b.cap() == 16'000ms);
}

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_delays) {
  reconnect_backoff a({.seed = 42}), b({.seed = 42}), c({.seed = 43});
  std::vector<long> da, db, dc;
  for (int i = 0; i < 20; ++i) {
    da.push_back(static_cast<long>(a.next_delay(0ms).count()));
    db.push_back(static_cast<long>(b.next_delay(0ms).count()));
    dc.push_back(static_cast<long>(c.next_delay(0ms).count()));
  }
  BOOST_TEST(da == db);
  BOOST_TEST(da != dc);
}

BOOST_AUTO_TEST_SUITE_END()
