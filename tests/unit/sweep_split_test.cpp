// Which points a --shard K/N plays, how --holdout F splits the games, and the digest that says
// two shards played the same games (core/trading/sweep, core/trading/sweep_corpus).
#include "core/trading/sweep.hpp"
#include "core/trading/sweep_corpus.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <set>

using namespace replayer;

BOOST_AUTO_TEST_SUITE(sweep_split)

BOOST_AUTO_TEST_CASE(the_shards_of_a_grid_cover_every_point_exactly_once) {
  for (std::size_t points : {1u, 7u, 24u, 1000u})
    for (std::size_t n : {1u, 2u, 4u, 5u, 24u, 30u}) {
      std::multiset<std::size_t> seen;
      for (std::size_t k = 1; k <= n; ++k) {
        const sweep_shard shard{k, n};
        std::size_t mine = 0;
        for (std::size_t i = 0; i < points; ++i)
          if (shard.plays(i)) {
            seen.insert(i);
            ++mine;
          }
        BOOST_TEST(mine == shard.points_of(points), "shard " << k << "/" << n << " of " << points);
      }
      BOOST_TEST(seen.size() == points);
      for (std::size_t i = 0; i < points; ++i) BOOST_TEST(seen.count(i) == 1u);
    }
  // Point i goes to shard i mod N + 1: 10 points over 4 shards are 3, 3, 2, 2.
  BOOST_TEST(sweep_shard({1, 4}).plays(0));
  BOOST_TEST(sweep_shard({1, 4}).plays(8));
  BOOST_TEST(sweep_shard({4, 4}).plays(3));
  BOOST_TEST(!sweep_shard({4, 4}).plays(4));
  BOOST_TEST(sweep_shard({1, 4}).points_of(10) == 3u);
  BOOST_TEST(sweep_shard({2, 4}).points_of(10) == 3u);
  BOOST_TEST(sweep_shard({3, 4}).points_of(10) == 2u);
  BOOST_TEST(sweep_shard({4, 4}).points_of(10) == 2u);
}

BOOST_AUTO_TEST_CASE(shard_specs) {
  BOOST_TEST(parse_shard("2/4")->k == 2u);
  BOOST_TEST(parse_shard("2/4")->n == 4u);
  BOOST_TEST(parse_shard("1/1")->n == 1u);
  for (const char* bad : {"0/4", "5/4", "2", "2/", "/4", "a/b", "2/4x", "-1/4", "1/0", "1/100001", ""})
    BOOST_TEST(!parse_shard(bad), bad);
  BOOST_TEST(parse_shard("0/4").error() ==
             "--shard '0/4': K must be 1 to N (K is 1-based: a 0-based index such as JOB_COMPLETION_INDEX needs +1)");
  BOOST_TEST(parse_shard("x").error().starts_with("--shard 'x': expected K/N"));
}

BOOST_AUTO_TEST_CASE(holdout_splits_in_file_order_by_floor) {
  auto split = [](std::size_t games, const char* f) { return holdout_split(games, *parse_holdout(f)); };
  BOOST_TEST(*split(12, "0.25") == 9u);   // 12 x 0.75 = 9
  BOOST_TEST(*split(10, "0.25") == 7u);   // 7.5 -> 7: the held-out side gets 3
  BOOST_TEST(*split(4, "0.1") == 3u);     // 3.6 -> 3
  BOOST_TEST(*split(10, "0.01") == 9u);   // 9.9 -> 9: never every game in-sample
  BOOST_TEST(*split(2, "0.5") == 1u);
  BOOST_TEST(*split(1000, "0.001") == 999u);
  BOOST_TEST(!split(1, "0.5"));           // 0.5 -> 0
  BOOST_TEST(!split(3, "0.9"));           // 0.3 -> 0
  BOOST_TEST(split(3, "0.9").error() ==
             "--holdout 0.9: 3 games leave no in-sample game (in-sample = floor(games x (1 - fraction))); use a "
             "smaller fraction or more games");
  for (const char* bad : {"0", "1", "1.5", "-0.2", "x", ""}) BOOST_TEST(!parse_holdout(bad), bad);
  BOOST_TEST(parse_holdout("0.250")->str() == "0.25");
}

BOOST_AUTO_TEST_CASE(the_games_digest_changes_with_any_tick_and_not_with_file_names) {
  auto games = test_support::read_games(test_support::jsonl_files(REPLAYER_TEST_DATA));
  BOOST_TEST_REQUIRE(games.size() == 12u);
  const std::string digest = games_digest(games);
  BOOST_TEST(digest.size() == 64u);
  BOOST_TEST(games_digest(games) == digest);
  auto renamed = games;
  for (auto& g : renamed) g.file = "elsewhere/" + g.file;
  BOOST_TEST(games_digest(renamed) == digest);
  auto changed = games;
  changed[5].ticks[3].price = *price::parse("1.0000001");
  BOOST_TEST(games_digest(changed) != digest);
  auto fewer = games;
  fewer.pop_back();
  BOOST_TEST(games_digest(fewer) != digest);
  auto reordered = games;
  std::swap(reordered[0], reordered[1]);
  BOOST_TEST(games_digest(reordered) != digest);
}

BOOST_AUTO_TEST_SUITE_END()
