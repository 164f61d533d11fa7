// fake_feed: what the fake server sends (core/feed/fake_feed). Every tick line of the bundled
// recordings, turned into a gameStateUpdate and read back by the live tick converter, is the
// same tick (index, exact price text, phase, flags, timer, trades): so a recording served live
// and recorded again gives the same games. The one exception is a line that repeats the line
// before it exactly, which the live feed drops as a duplicate (one in the bundled data). Raw
// captures pass their payload through unchanged.
#include "core/feed/fake_feed.hpp"

#include "core/line_source.hpp"
#include "core/live/tick_converter.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <string>

using namespace replayer;

namespace {

bool same_update(const tick& a, const tick& b) {
  return a.game_id == b.game_id && a.index == b.index && a.price.text() == b.price.text() && a.phase == b.phase &&
         a.active == b.active && a.rugged == b.rugged && a.cooldown_ms == b.cooldown_ms && a.trade_count == b.trade_count;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fake_feed)

BOOST_AUTO_TEST_CASE(recorded_ticks_come_back_from_their_payloads) {
  const auto games = test_support::read_games(test_support::jsonl_files(REPLAYER_TEST_DATA));
  BOOST_TEST_REQUIRE(games.size() == 12u);
  std::size_t compared = 0, repeated = 0;
  for (const game& g : games) {
    std::vector<tick> expected;
    for (const tick& t : g.ticks)
      if (expected.empty() || !same_update(expected.back(), t)) expected.push_back(t);
    repeated += g.ticks.size() - expected.size();
    std::vector<scripted_event> events;
    append_game_events(g, g.ticks.front().time, events);
    BOOST_TEST_REQUIRE(events.size() == g.ticks.size());
    live::tick_converter converter;
    live::converted_update out;
    std::vector<tick> back;
    for (const auto& e : events) {
      BOOST_TEST_REQUIRE(e.name == "gameStateUpdate");
      auto r = converter.convert(e.payload, g.ticks.front().time + e.at, out);
      BOOST_TEST_REQUIRE(r.has_value(), g.id << ": " << e.payload);
      back.insert(back.end(), out.ticks.begin(), out.ticks.end());
    }
    const auto& c = converter.counters();
    BOOST_TEST(c.duplicates == g.ticks.size() - expected.size(), g.id);
    BOOST_TEST_REQUIRE(back.size() == expected.size(), g.id << ": " << back.size() << " of " << expected.size()
                                                            << " ticks; out of order " << c.out_of_order
                                                            << ", repeats in play " << c.repeats_in_play);
    for (std::size_t i = 0; i < back.size(); ++i) {
      const tick& a = expected[i];
      const tick& b = back[i];
      const std::string where = g.id + " line " + std::to_string(i);
      BOOST_TEST(b.game_id.str() == a.game_id.str(), where);
      BOOST_TEST(b.index == a.index, where);
      BOOST_TEST(b.price.text() == a.price.text(), where);
      BOOST_TEST(phase_name(b.phase) == phase_name(a.phase), where);
      BOOST_TEST(b.active == a.active, where);
      BOOST_TEST(b.rugged == a.rugged, where);
      BOOST_TEST(b.cooldown_ms == a.cooldown_ms, where);
      BOOST_TEST(b.trade_count == a.trade_count, where);
      BOOST_TEST(!b.backfilled, where);
      ++compared;
    }
  }
  BOOST_TEST(compared == 2333u);
  BOOST_TEST(repeated == 1u);
}

BOOST_AUTO_TEST_CASE(a_capture_line_passes_its_payload_through) {
  const std::string line =
      R"({"timestamp": "2025-12-06T19:57:10.420892", "event_type": "gameStateUpdate", "data": {"price": 1.061531247396796, "x": [1, {"y": "}"}]}})";
  const auto origin = *parse_timestamp("2025-12-06T19:57:10.000000");
  auto e = parse_capture_line(line, origin);
  BOOST_TEST_REQUIRE(e.has_value());
  BOOST_TEST(e->name == "gameStateUpdate");
  BOOST_TEST(e->payload == R"({"price": 1.061531247396796, "x": [1, {"y": "}"}]})");
  BOOST_TEST(e->at.count() == 420892);
  BOOST_TEST(!parse_capture_line(R"({"event_type": "x", "data": 1})", origin).has_value());
  BOOST_TEST(!parse_capture_line("not json", origin).has_value());
}

BOOST_AUTO_TEST_CASE(every_real_capture_line_is_served) {
  const auto path = test_support::shared_recordings_dir().parent_path() / "feed" / "gamestate_samples.jsonl";
  std::ifstream in(path);
  if (!in) {
    BOOST_WARN_MESSAGE(false, "skipped: " << path << " is missing");
    return;
  }
  std::string line;
  std::size_t served = 0;
  std::optional<timestamp> origin;
  while (std::getline(in, line)) {
    if (!origin) origin = capture_line_time(line);
    BOOST_TEST_REQUIRE(origin.has_value());
    auto e = parse_capture_line(line, *origin);
    BOOST_TEST_REQUIRE(e.has_value(), e.error());
    ++served;
  }
  BOOST_TEST(served == 150u);
}

BOOST_AUTO_TEST_SUITE_END()
