// game: analyse() over hand-built games whose facts are worked out by hand.
#include "core/game.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using namespace std::chrono_literals;
using replayer::analyse;
using replayer::game_facts;
using ph = replayer::phase;

namespace {

std::size_t count_of(const game_facts& f, ph p) { return f.ticks_per_phase[static_cast<std::size_t>(p)]; }

// Appends a tick `offset` after the first one of the game.
void add(replayer::game& g, std::int64_t index, std::string_view price, ph p, bool rugged,
         std::chrono::microseconds offset) {
  replayer::tick t = test_support::make_tick(p, index, price, rugged, replayer::is_in_play(p));
  t.game_id = *replayer::inline_text<replayer::tick::max_game_id>::from(g.id);
  t.time = replayer::timestamp{} + 20'000h + offset;
  g.ticks.push_back(t);
}

replayer::game named(std::string id) {
  replayer::game g;
  g.file = "g.jsonl";
  g.id = std::move(id);
  return g;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(game)

BOOST_AUTO_TEST_CASE(a_whole_game) {
  auto g = named("20251029-aaaa");
  add(g, 0, "1.0", ph::cooldown, false, 0ms);
  add(g, 0, "1.0", ph::presale, false, 1s);
  add(g, 0, "1", ph::game_activation, false, 2s);
  add(g, 1, "1.5", ph::active_gameplay, false, 2250ms);
  add(g, 4, "2.25", ph::active_gameplay, false, 3s);  // indices 2 and 3 missing
  add(g, 5, "0.9", ph::active_gameplay, false, 3250ms);
  add(g, 5, "0.01", ph::rug_event_1, true, 3500ms);
  add(g, 5, "0.02", ph::rug_event_2, true, 4s);
  add(g, 5, "0.02", ph::cooldown, true, 10500ms);
  const game_facts f = analyse(g);
  BOOST_TEST(f.ticks == 9u);
  BOOST_TEST(f.first_tick == 0);
  BOOST_TEST(f.last_tick == 5);
  BOOST_TEST_REQUIRE(f.peak.has_value());
  BOOST_TEST(f.peak->text() == "2.25");
  BOOST_TEST_REQUIRE(f.rug_tick.has_value());
  BOOST_TEST(*f.rug_tick == 5);
  BOOST_TEST_REQUIRE(f.rug_price.has_value());
  BOOST_TEST(f.rug_price->text() == "0.01");  // the first rugged tick's price, not a later one
  BOOST_TEST(f.duration.count() == 10'500'000);
  BOOST_TEST(count_of(f, ph::unknown) == 0u);
  BOOST_TEST(count_of(f, ph::presale) == 1u);
  BOOST_TEST(count_of(f, ph::game_activation) == 1u);
  BOOST_TEST(count_of(f, ph::active_gameplay) == 3u);
  BOOST_TEST(count_of(f, ph::rug_event_1) == 1u);
  BOOST_TEST(count_of(f, ph::rug_event_2) == 1u);
  BOOST_TEST(count_of(f, ph::cooldown) == 2u);
  BOOST_TEST(f.gaps == 1u);
  BOOST_TEST(f.missing_ticks == 2);
  BOOST_TEST_REQUIRE(f.listed_gaps.size() == 1u);
  BOOST_TEST(f.listed_gaps[0].after == 1);
  BOOST_TEST(f.listed_gaps[0].missing == 2);
  BOOST_TEST(f.phase_anomalies == 0u);
  BOOST_TEST(f.listed_anomalies.empty());
  BOOST_TEST(!f.started_mid_game);
  BOOST_TEST(f.complete());
}

BOOST_AUTO_TEST_CASE(empty_game_has_no_facts) {
  const game_facts f = analyse(named("x"));
  BOOST_TEST(f.ticks == 0u);
  BOOST_TEST(!f.peak.has_value());
  BOOST_TEST(!f.rug_tick.has_value());
  BOOST_TEST(f.duration.count() == 0);
  BOOST_TEST(!f.complete());
  BOOST_TEST(!f.started_mid_game);
}

BOOST_AUTO_TEST_CASE(mid_game_start_without_rug) {
  auto g = named("mid");
  add(g, 300, "3.5", ph::active_gameplay, false, 0ms);
  add(g, 301, "3.75", ph::active_gameplay, false, 250ms);
  add(g, 302, "3.25", ph::active_gameplay, false, 500ms);
  const game_facts f = analyse(g);
  BOOST_TEST(f.started_mid_game);
  BOOST_TEST(!f.complete());
  BOOST_TEST(!f.rug_price.has_value());
  BOOST_TEST(f.first_tick == 300);
  BOOST_TEST(f.last_tick == 302);
  BOOST_TEST(f.peak->text() == "3.75");
  BOOST_TEST(f.gaps == 0u);
  BOOST_TEST(f.duration.count() == 500'000);
}

BOOST_AUTO_TEST_CASE(which_first_phases_count_as_mid_game) {
  const std::pair<ph, bool> cases[] = {{ph::unknown, false},        {ph::presale, false},
                                       {ph::game_activation, false}, {ph::active_gameplay, true},
                                       {ph::rug_event_1, true},      {ph::cooldown, false}};
  for (const auto& [first, expected] : cases) {
    auto g = named("p");
    add(g, 0, "1", first, false, 0ms);
    BOOST_TEST(analyse(g).started_mid_game == expected, replayer::phase_name(first));
  }
}

BOOST_AUTO_TEST_CASE(peak_keeps_the_first_text_of_equal_prices) {
  auto g = named("peak");
  add(g, 1, "2", ph::active_gameplay, false, 0ms);
  add(g, 2, "2.0", ph::active_gameplay, false, 1ms);
  add(g, 3, "1.999999999999999999999999999", ph::active_gameplay, false, 2ms);
  const game_facts f = analyse(g);
  BOOST_TEST(f.peak->text() == "2");
}

BOOST_AUTO_TEST_CASE(rug_tick_is_the_first_rugged_tick_even_in_play) {
  auto g = named("rug");
  add(g, 7, "1.2", ph::active_gameplay, false, 0ms);
  add(g, 8, "0.5", ph::active_gameplay, true, 1ms);  // rugged flag before the phase says so
  add(g, 8, "0.01", ph::rug_event_1, true, 2ms);
  const game_facts f = analyse(g);
  BOOST_TEST(*f.rug_tick == 8);
  BOOST_TEST(f.rug_price->text() == "0.5");
}

BOOST_AUTO_TEST_CASE(gaps_only_count_in_play) {
  auto g = named("gaps");
  add(g, 0, "1", ph::presale, false, 0ms);
  add(g, 0, "1", ph::game_activation, false, 1ms);
  add(g, 3, "1", ph::active_gameplay, false, 2ms);   // gap: 1, 2 missing
  add(g, 3, "1", ph::rug_event_1, true, 3ms);
  add(g, 9, "1", ph::cooldown, true, 4ms);            // not in play: no gap
  const game_facts f = analyse(g);
  BOOST_TEST(f.gaps == 1u);
  BOOST_TEST(f.missing_ticks == 2);
  BOOST_TEST(f.listed_gaps[0].after == 0);
}

BOOST_AUTO_TEST_CASE(lists_at_most_eight_but_counts_all) {
  auto g = named("many");
  // 10 gaps of 2 missing indices each: 0, 3, 6, ..., 30.
  for (int i = 0; i <= 10; ++i) add(g, i * 3, "1", ph::active_gameplay, false, std::chrono::milliseconds(i));
  // 10 anomalies: ACTIVE_GAMEPLAY -> COOLDOWN and COOLDOWN -> ACTIVE_GAMEPLAY, both refused.
  for (int i = 0; i < 5; ++i) {
    add(g, 30, "1", ph::cooldown, false, 20ms);
    add(g, 30, "1", ph::active_gameplay, false, 20ms);
  }
  const game_facts f = analyse(g);
  BOOST_TEST(f.gaps == 10u);
  BOOST_TEST(f.missing_ticks == 20);
  BOOST_TEST(f.listed_gaps.size() == game_facts::max_listed);
  BOOST_TEST(f.phase_anomalies == 10u);
  BOOST_TEST(f.listed_anomalies.size() == game_facts::max_listed);
  BOOST_TEST(f.listed_anomalies[0].describe() == "tick 30: ACTIVE_GAMEPLAY -> COOLDOWN (transition not allowed)");
  BOOST_TEST(f.listed_anomalies[1].describe() == "tick 30: COOLDOWN -> ACTIVE_GAMEPLAY (transition not allowed)");
}

BOOST_AUTO_TEST_SUITE_END()
