// recorder: the live recorder's file I/O (app/recorder) on a real folder: one file per game,
// renamed from .part when the game ends and read back tick for tick; a queue too small for a
// tick drops it, counts it and marks the game incomplete; a .part file left by a crash is closed
// at start-up; a write error (file size limit, as on a full disk) stops recording with a
// message while everything written before stays valid.
#include "app/recorder.hpp"

#include "core/line_source.hpp"
#include "core/recording_reader.hpp"

#include "test_support.hpp"
#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

using namespace replayer;
namespace fs = std::filesystem;

namespace {

using test_support::temp_dir;

timestamp at(std::string_view text) { return *parse_timestamp(text); }

tick live_tick(std::string_view game, phase p, std::int64_t index, std::string_view price, bool rugged = false) {
  tick t = test_support::make_tick(game, p, index, price, rugged);
  t.timestamp_text = *inline_text<tick::max_timestamp>::from("2025-10-29T18:36:08.376110");
  t.time = *parse_timestamp(t.timestamp_text);
  return t;
}

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

std::vector<game> games_in(const fs::path& file) {
  return test_support::read_games({file});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(recorder)

BOOST_AUTO_TEST_CASE(one_file_per_game_read_back_tick_for_tick) {
  temp_dir dir;
  auto r = app::recorder::open({dir.path});
  BOOST_TEST_REQUIRE(r.has_value());
  auto& rec = **r;
  rec.begin_game("G-1", at("2025-10-29T18:36:08.000000"));
  rec.on_tick(live_tick("G-1", phase::presale, 0, "1.0"));
  rec.on_tick(live_tick("G-1", phase::active_gameplay, 1, "1.25"));
  rec.on_tick(live_tick("G-1", phase::active_gameplay, 2, "0.01", true));
  rec.end_game(game_status::complete, std::nullopt, at("2025-10-29T18:36:10.000000"));
  rec.begin_game("G/2", at("2025-10-29T18:37:00.000000"));  // an unsafe id: a safe name
  rec.on_tick(live_tick("G/2", phase::presale, 0, "1.0"));
  rec.close(at("2025-10-29T18:37:01.000000"));  // still open: closed as incomplete
  BOOST_TEST(rec.stats().files == 2u);
  BOOST_TEST(rec.stats().ticks == 4u);
  BOOST_TEST(rec.stats().dropped_ticks == 0u);
  BOOST_TEST(!rec.failure().has_value());
  BOOST_TEST((names_in(dir.path) == std::set<std::string>{"game_20251029_183608_0001_G-1.jsonl", "game_20251029_183700_0002_G_2.jsonl"}));
  const auto first = games_in(dir.path / "game_20251029_183608_0001_G-1.jsonl");
  BOOST_TEST_REQUIRE(first.size() == 1u);
  BOOST_TEST(first[0].ticks.size() == 3u);
  BOOST_TEST(first[0].ticks[1].price.text() == "1.25");
  BOOST_TEST(first[0].end_status == "complete");
  const auto second = games_in(dir.path / "game_20251029_183700_0002_G_2.jsonl");
  BOOST_TEST_REQUIRE(second.size() == 1u);
  BOOST_TEST(second[0].id == "G/2");
  BOOST_TEST(second[0].end_status == "incomplete");
}

BOOST_AUTO_TEST_CASE(a_full_queue_drops_ticks_and_says_so) {
  temp_dir dir;
  auto r = app::recorder::open({.dir = dir.path, .queue_bytes = 100});  // smaller than one tick line
  BOOST_TEST_REQUIRE(r.has_value());
  auto& rec = **r;
  rec.begin_game("G", at("2025-10-29T18:36:08.000000"));
  for (int i = 1; i <= 5; ++i) rec.on_tick(live_tick("G", phase::active_gameplay, i, "1"));
  rec.end_game(game_status::complete, std::nullopt, at("2025-10-29T18:36:10.000000"));
  rec.close(at("2025-10-29T18:36:11.000000"));
  BOOST_TEST(rec.stats().dropped_ticks == 5u);
  const auto games = games_in(dir.path / "game_20251029_183608_0001_G.jsonl");
  BOOST_TEST_REQUIRE(games.size() == 1u);
  BOOST_TEST(games[0].end_status == "incomplete");
  std::ifstream in(dir.path / "game_20251029_183608_0001_G.jsonl");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  BOOST_TEST(text.find("\"dropped_ticks\": 5") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_part_file_left_by_a_crash_is_closed_at_start_up) {
  temp_dir dir;
  {
    std::ofstream part(dir.path / "game_20251029_183608_G.jsonl.part");
    part << R"({"type": "game_start", "timestamp": "2025-10-29T18:36:08.000000", "game_id": "G"})" << '\n'
         << R"({"type": "tick", "timestamp": "2025-10-29T18:36:08.376110", "game_id": "G", "tick": 1, "price": 1.5, )"
         << R"("phase": "ACTIVE_GAMEPLAY", "active": true, "rugged": false, "cooldown_timer": 0, "trade_count": 0})" << '\n'
         << R"({"type": "tick", "timestamp": "2025-10-29T18:3)";  // torn
  }
  std::vector<std::string> recovered;
  auto r = app::recorder::open({dir.path}, &recovered);
  BOOST_TEST_REQUIRE(r.has_value());
  BOOST_TEST(recovered == (std::vector<std::string>{"game_20251029_183608_G.jsonl"}));
  BOOST_TEST((*r)->stats().recovered_files == 1u);
  BOOST_TEST((names_in(dir.path) == std::set<std::string>{"game_20251029_183608_G.jsonl"}));
  const auto games = games_in(dir.path / "game_20251029_183608_G.jsonl");
  BOOST_TEST_REQUIRE(games.size() == 1u);
  BOOST_TEST(games[0].ticks.size() == 1u);
  BOOST_TEST(games[0].end_status == "incomplete");
}

BOOST_AUTO_TEST_CASE(a_write_error_stops_recording_and_keeps_what_was_written) {
  temp_dir dir;
  // A file size limit makes write() fail as a full disk would (EFBIG instead of ENOSPC).
  rlimit before{};
  getrlimit(RLIMIT_FSIZE, &before);
  auto previous = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = before;
  small.rlim_cur = 4096;
  setrlimit(RLIMIT_FSIZE, &small);
  {
    auto r = app::recorder::open({dir.path});
    BOOST_TEST_REQUIRE(r.has_value());
    auto& rec = **r;
    rec.begin_game("G", at("2025-10-29T18:36:08.000000"));
    for (int i = 1; i <= 100; ++i) rec.on_tick(live_tick("G", phase::active_gameplay, i, "1.5"));
    rec.close(at("2025-10-29T18:36:11.000000"));
    BOOST_TEST_REQUIRE(rec.failure().has_value());
    BOOST_TEST(rec.failure()->find("game_20251029_183608_0001_G.jsonl.part") != std::string::npos, *rec.failure());
    BOOST_TEST(rec.stats().write_errors >= 1u);
  }
  setrlimit(RLIMIT_FSIZE, &before);
  std::signal(SIGXFSZ, previous);
  // What reached the disk is whole lines up to the torn one: the next start-up closes the file.
  std::vector<std::string> recovered;
  auto again = app::recorder::open({dir.path}, &recovered);
  BOOST_TEST_REQUIRE(again.has_value());
  BOOST_TEST_REQUIRE(recovered.size() == 1u);
  const auto games = games_in(dir.path / recovered[0]);
  BOOST_TEST_REQUIRE(games.size() == 1u);
  BOOST_TEST(games[0].ticks.size() > 0u);
  BOOST_TEST(games[0].ticks.size() < 100u);
  BOOST_TEST(games[0].bad_lines == 0u);  // no half line read back as a tick
}

BOOST_AUTO_TEST_SUITE_END()
