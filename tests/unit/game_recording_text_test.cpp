// game_recording: the live recorder's text (core/feed/game_recording): safe file names from
// whatever game id the network sends, lines that the recording reader reads back as the same
// game tick for tick, the game_end facts and seed, and .part files a crash left.
#include "core/feed/game_recording.hpp"

#include "core/line_source.hpp"
#include "core/recording_reader.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace replayer;

namespace {

// A tick as the feed hands it over: with its receive time.
tick stamped(tick t) {
  t.timestamp_text = *inline_text<tick::max_timestamp>::from("2025-10-29T18:36:08.376110");
  t.time = *parse_timestamp(t.timestamp_text);
  return t;
}

std::vector<game> read_back(const std::string& text) {
  memory_lines lines(text);
  recording_reader reader("mem.jsonl", lines);
  std::vector<game> games;
  while (auto g = reader.next_game()) games.push_back(std::move(*g));
  return games;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(game_recording_text)

BOOST_AUTO_TEST_CASE(nothing_from_the_network_reaches_a_file_name) {
  BOOST_TEST(sanitised_game_id("20251029-76904c57e7ab4e86") == "20251029-76904c57e7ab4e86");
  BOOST_TEST(sanitised_game_id("../../etc/passwd") == "______etc_passwd");
  BOOST_TEST(sanitised_game_id("a/b\\c") == "a_b_c");
  BOOST_TEST(sanitised_game_id(std::string("a\0b", 3)) == "a_b");
  BOOST_TEST(sanitised_game_id("\x1b[31mred") == "__31mred");
  BOOST_TEST(sanitised_game_id("..") == "unknown");
  BOOST_TEST(sanitised_game_id("") == "unknown");
  BOOST_TEST(sanitised_game_id(std::string(500, 'x')).size() == tick::max_game_id);
  const auto at = *parse_timestamp("2025-10-29T18:36:08.376110");
  BOOST_TEST(recording_file_name("20251029-e0e72b644b944a13", at, 7) ==
             "game_20251029_183608_0007_20251029-e0e72b644b944a13.jsonl");
  BOOST_TEST(recording_file_name("../x", at, 12345) == "game_20251029_183608_12345____x.jsonl");
}

BOOST_AUTO_TEST_CASE(what_is_written_reads_back_as_the_same_game) {
  std::vector<tick> ticks = {test_support::make_tick("G", phase::presale, 0, "1.0"),
                             test_support::make_tick("G", phase::active_gameplay, 1, "1.0234567890123457"),
                             test_support::make_tick("G", phase::active_gameplay, 2, "0.5"),
                             test_support::make_tick("G", phase::active_gameplay, 3, "0.012", true)};
  ticks[2].backfilled = true;
  for (auto& t : ticks) t = stamped(t);
  game_recording r("G", "2025-10-29T18:36:08.000001");
  std::string text;
  r.start_line(text);
  for (const auto& t : ticks) r.tick_line(t, text);
  r.end_line("2025-10-29T18:36:09.000000", game_status::complete,
             revealed_seed{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "v3"}, text);
  const auto games = read_back(text);
  BOOST_TEST_REQUIRE(games.size() == 1u);
  const game& g = games[0];
  BOOST_TEST(g.id == "G");
  BOOST_TEST(g.has_start);
  BOOST_TEST(g.has_end);
  BOOST_TEST(g.end_status == "complete");
  BOOST_TEST_REQUIRE(g.ticks.size() == ticks.size());
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    BOOST_TEST(g.ticks[i].index == ticks[i].index);
    BOOST_TEST(g.ticks[i].price.text() == ticks[i].price.text());  // byte for byte
    BOOST_TEST(g.ticks[i].backfilled == ticks[i].backfilled);
    BOOST_TEST(g.ticks[i].rugged == ticks[i].rugged);
  }
  const std::string end = text.substr(text.rfind("{\"type\": \"game_end\""));
  BOOST_TEST(end == R"({"type": "game_end", "timestamp": "2025-10-29T18:36:09.000000", "game_id": "G", "total_ticks": 4, )"
                    R"("tick_range": [0, 3], "price_range": [0.012, 1.0234567890123457], "peak_price": 1.0234567890123457, )"
                    R"("final_price": 0.012, "status": "complete", "server_seed": "abc", "server_seed_hash": )"
                    R"("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "version": "v3"})"
                    "\n");
}

BOOST_AUTO_TEST_CASE(dropped_ticks_make_the_game_incomplete) {
  game_recording r("G", "2025-10-29T18:36:08.000001");
  std::string text;
  r.start_line(text);
  r.tick_line(stamped(test_support::make_tick("G", phase::active_gameplay, 1, "1")), text);
  r.dropped(3);
  r.end_line("2025-10-29T18:36:09.000000", game_status::complete, std::nullopt, text);
  BOOST_TEST(text.find(R"("status": "incomplete", "dropped_ticks": 3})") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_part_file_is_cut_at_its_last_whole_line_and_closed) {
  game_recording r("G", "2025-10-29T18:36:08.000001");
  std::string text;
  r.start_line(text);
  r.tick_line(stamped(test_support::make_tick("G", phase::active_gameplay, 1, "1")), text);
  const std::string whole = text;
  r.tick_line(stamped(test_support::make_tick("G", phase::active_gameplay, 2, "2")), text);
  const std::string torn = text.substr(0, text.size() - 20);  // the crash cut the last line
  const std::string fixed = finalise_partial(torn, "G", "2025-10-29T18:40:00.000000");
  BOOST_TEST(fixed.substr(0, whole.size()) == whole);
  const auto games = read_back(fixed);
  BOOST_TEST_REQUIRE(games.size() == 1u);
  BOOST_TEST(games[0].ticks.size() == 1u);
  BOOST_TEST(games[0].has_end);
  BOOST_TEST(games[0].end_status == "incomplete");
  // Nothing whole at all: only the game_end.
  BOOST_TEST(read_back(finalise_partial("{\"type\": \"ga", "G", "2025-10-29T18:40:00.000000")).size() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
