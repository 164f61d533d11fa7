// recording_reader: games split by id, game_start / game_end handling, bad lines reported as
// FILE:LINE: reason and counted per game and per file, and the 67 corrupt lines of the corpus.
#include "core/recording_reader.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using replayer::bad_line;
using replayer::game;
using replayer::memory_lines;
using reader_t = replayer::recording_reader;  // the suite is namespace `recording_reader`

namespace {

std::string tick(std::string_view id, int index, std::string_view phase = "ACTIVE_GAMEPLAY", bool rugged = false) {
  return R"({"type": "tick", "timestamp": "2025-10-29T18:57:06.)" + std::to_string(100000 + index) +
         R"(", "game_id": ")" + std::string(id) + R"(", "tick": )" + std::to_string(index) +
         R"(, "price": 1.5, "phase": ")" + std::string(phase) + R"(", "active": true, "rugged": )" +
         (rugged ? "true" : "false") + R"(, "cooldown_timer": 0, "trade_count": 0})";
}

std::string start(std::string_view id) {
  return R"({"type": "game_start", "timestamp": "2025-10-29T18:57:06.223109", "game_id": ")" + std::string(id) + "\"}";
}

std::string end(std::string_view id, std::string_view extra = "") {
  return R"({"type": "game_end", "timestamp": "2025-10-29T18:59:00.000000", "game_id": ")" + std::string(id) + "\"" +
         std::string(extra) + "}";
}

std::string lines(const std::vector<std::string>& ls) {
  std::string out;
  for (const auto& l : ls) out += l + "\n";
  return out;
}

struct read_result {
  std::vector<game> games;
  std::vector<std::string> messages;
  std::size_t lines_read = 0, bad_lines = 0, skipped = 0;
};

read_result read_all(const std::string& file, replayer::line_source& source) {
  read_result r;
  reader_t reader(file, source, [&](const bad_line& b) { r.messages.push_back(b.describe()); });
  while (auto g = reader.next_game()) r.games.push_back(std::move(*g));
  BOOST_TEST(!reader.next_game().has_value(), "an exhausted reader must stay exhausted");
  r.lines_read = reader.lines_read();
  r.bad_lines = reader.bad_lines();
  r.skipped = reader.skipped_records();
  return r;
}

// "FILE:LINE: reason" with FILE as given, LINE a positive number and a reason that is not empty.
bool is_file_line_reason(std::string_view text, std::string_view file) {
  if (text.substr(0, file.size()) != file || text.size() <= file.size() || text[file.size()] != ':') return false;
  std::size_t i = file.size() + 1;
  const std::size_t digits_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i == digits_start || text[digits_start] == '0') return false;
  return text.substr(i, 2) == ": " && text.size() > i + 2;
}

read_result read_text(const std::string& content, const std::string& file = "mem.jsonl") {
  memory_lines source(content);
  return read_all(file, source);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(recording_reader)

BOOST_AUTO_TEST_CASE(bad_line_describes_itself) {
  BOOST_TEST((bad_line{"a/b.jsonl", 12, "missing field \"tick\""}.describe() == "a/b.jsonl:12: missing field \"tick\""));
}

BOOST_AUTO_TEST_CASE(splits_games_and_counts_bad_lines) {
  const std::string content = lines({
      R"({"type": "session_start", "timestamp": "2025-10-29T17:46:40.404334", "session_id": "s"})",  // 1
      start("A"),                                                                                   // 2
      tick("A", 0, "PRESALE"),                                                                      // 3
      "garbage",                                                                                    // 4
      tick("A", 1),                                                                                 // 5
      end("A", R"(, "status": "complete")"),                                                        // 6
      "",                                                                                           // 7 (blank)
      tick("B", 5),                                                                                 // 8
      end("C"),                                                                                     // 9 (not B)
      tick("C", 0, "PRESALE"),                                                                      // 10
      R"({"type": "tick", "game_id": "C"})",                                                        // 11
  });
  const auto r = read_text(content);
  BOOST_TEST_REQUIRE(r.games.size() == 3u);

  const game& a = r.games[0];
  BOOST_TEST(a.file == "mem.jsonl");
  BOOST_TEST(a.id == "A");
  BOOST_TEST(a.ticks.size() == 2u);
  BOOST_TEST(a.ticks[1].index == 1);
  BOOST_TEST(a.first_line == 2u);
  BOOST_TEST(a.last_line == 6u);
  BOOST_TEST(a.bad_lines == 1u);
  BOOST_TEST(a.has_start);
  BOOST_TEST(a.has_end);
  BOOST_TEST(a.end_status == "complete");

  const game& b = r.games[1];
  BOOST_TEST(b.id == "B");
  BOOST_TEST(b.ticks.size() == 1u);
  BOOST_TEST(b.first_line == 8u);
  BOOST_TEST(b.last_line == 8u);  // the end of a game with no lines here is skipped
  BOOST_TEST(b.bad_lines == 1u);  // line 11 came while B was the open game (C's line was held)
  BOOST_TEST(!b.has_start);
  BOOST_TEST(!b.has_end);
  BOOST_TEST(b.end_status == "");

  const game& c = r.games[2];
  BOOST_TEST(c.id == "C");
  BOOST_TEST(c.ticks.size() == 1u);
  BOOST_TEST(c.first_line == 10u);
  BOOST_TEST(c.last_line == 10u);  // a bad line does not extend the game
  BOOST_TEST(c.bad_lines == 0u);
  BOOST_TEST(!c.has_end);

  BOOST_TEST(r.lines_read == 11u);
  BOOST_TEST(r.bad_lines == 2u);
  BOOST_TEST(r.skipped == 2u);  // session_start, and the game_end of a game not being read
  BOOST_TEST(r.messages == (std::vector<std::string>{"mem.jsonl:4: invalid JSON at column 1: syntax error",
                                                     "mem.jsonl:11: missing field \"timestamp\""}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(game_start_opens_and_switches_games) {
  const std::string content = lines({
      tick("A", 0, "UNKNOWN"),  // 1: a tick before its game_start (as the recorder sometimes writes)
      start("A"),               // 2: same game: marks it started
      tick("A", 1),             // 3
      start("B"),               // 4: another game: A is finished without an end record
      start("B"),               // 5
      tick("B", 0, "PRESALE"),  // 6
      end("B"),                 // 7
      start("D"),               // 8: a started game with no ticks is still a game
  });
  const auto r = read_text(content);
  BOOST_TEST_REQUIRE(r.games.size() == 3u);
  BOOST_TEST(r.games[0].id == "A");
  BOOST_TEST(r.games[0].has_start);
  BOOST_TEST(!r.games[0].has_end);
  BOOST_TEST(r.games[0].ticks.size() == 2u);
  BOOST_TEST(r.games[0].first_line == 1u);
  BOOST_TEST(r.games[0].last_line == 3u);
  BOOST_TEST(r.games[1].id == "B");
  BOOST_TEST(r.games[1].has_start);
  BOOST_TEST(r.games[1].has_end);
  BOOST_TEST(r.games[1].first_line == 4u);
  BOOST_TEST(r.games[1].last_line == 7u);
  BOOST_TEST(r.games[1].ticks.size() == 1u);
  BOOST_TEST(r.games[2].id == "D");
  BOOST_TEST(r.games[2].ticks.empty());
  BOOST_TEST(r.games[2].has_start);
  BOOST_TEST(r.bad_lines == 0u);
  BOOST_TEST(r.skipped == 0u);
}

BOOST_AUTO_TEST_CASE(game_complete_ends_a_game_and_ticks_switch_games) {
  const std::string content = lines({
      tick("A", 10), tick("A", 11),
      tick("B", 0, "PRESALE"),  // 3: a new id ends A
      R"({"type": "game_complete", "game_id": "B", "final_tick": 262})",
      tick("B", 0, "COOLDOWN"),  // 5: the same id again after its end: a late line, skipped
  });
  const auto r = read_text(content);
  BOOST_TEST_REQUIRE(r.games.size() == 2u);
  BOOST_TEST(r.games[0].id == "A");
  BOOST_TEST(r.games[0].last_line == 2u);
  BOOST_TEST(r.games[1].id == "B");
  BOOST_TEST(r.games[1].has_end);
  BOOST_TEST(r.games[1].end_status == "");
  BOOST_TEST(r.games[1].last_line == 4u);
  BOOST_TEST(r.skipped == 1u);
}

BOOST_AUTO_TEST_CASE(a_stray_line_of_another_game_does_not_end_the_game) {
  // As in session_20251029_174640.jsonl lines 190-193: the next game's first pre-game line
  // between a game's rug tick and its rug-event line.
  const std::string content = lines({
      tick("A", 1), tick("A", 2),
      tick("B", 0, "UNKNOWN"),  // 3: held
      tick("A", 3),             // 4: still A
      R"({"type": "game_complete", "game_id": "A", "final_tick": 3})",  // 5: A ends; B starts with line 3
      tick("B", 0, "PRESALE"),  // 6
  });
  const auto r = read_text(content);
  BOOST_TEST_REQUIRE(r.games.size() == 2u);
  BOOST_TEST(r.games[0].id == "A");
  BOOST_TEST(r.games[0].ticks.size() == 3u);
  BOOST_TEST(r.games[0].ticks.back().index == 3);
  BOOST_TEST(r.games[0].has_end);
  BOOST_TEST(r.games[1].id == "B");
  BOOST_TEST(r.games[1].ticks.size() == 2u);
  BOOST_TEST(r.games[1].first_line == 3u);
  BOOST_TEST(r.games[1].last_line == 6u);
}

BOOST_AUTO_TEST_CASE(a_stray_line_before_the_rug_keeps_the_position_to_the_rug) {
  // A stray line in the middle of play: A goes on to its rug; the stray line becomes a game of
  // its own after A, it does not cut A short.
  const std::string content = lines({
      tick("A", 1), tick("B", 0, "UNKNOWN"), tick("A", 2), tick("A", 3),
  });
  const auto r = read_text(content);
  BOOST_TEST_REQUIRE(r.games.size() == 2u);
  BOOST_TEST(r.games[0].ticks.size() == 3u);
  BOOST_TEST(r.games[1].id == "B");
}

BOOST_AUTO_TEST_CASE(lines_of_another_game_in_a_row_end_the_game) {
  std::vector<std::string> text = {tick("A", 1)};
  for (std::size_t i = 0; i < replayer::game_splitter::max_held; ++i) text.push_back(tick("B", static_cast<int>(i)));
  text.push_back(tick("A", 2));  // after A ended: late
  const auto r = read_text(lines(text));
  BOOST_TEST_REQUIRE(r.games.size() == 2u);
  BOOST_TEST(r.games[0].ticks.size() == 1u);
  BOOST_TEST(r.games[1].ticks.size() == replayer::game_splitter::max_held);
  BOOST_TEST(r.skipped == 1u);
}

BOOST_AUTO_TEST_CASE(the_real_file_with_a_stray_line_is_two_games) {
  const auto path = test_support::shared_recordings_dir() / "session_20251029_174640.jsonl";
  if (!std::filesystem::exists(path)) {
    BOOST_WARN_MESSAGE(false, "skipped: " << path << " is missing");
    return;
  }
  const auto games = test_support::read_games({path});
  BOOST_TEST_REQUIRE(games.size() == 2u);
  BOOST_TEST(games[0].ticks.size() == 190u);  // lines 2-190 and 192
  BOOST_TEST(games[0].ticks.back().index == 297);
  BOOST_TEST(games[0].has_end);
  BOOST_TEST(games[1].ticks.size() == 648u);
  BOOST_TEST(games[1].first_line == 191u);
}

BOOST_AUTO_TEST_CASE(bad_lines_before_a_game_count_for_it) {
  const std::string content = lines({
      "{",               // 1
      R"({"type": 1})",  // 2
      tick("A", 0),      // 3
      end("A"),          // 4
      "[]",              // 5: after A ended, before anything else: counted for the file only
  });
  const auto r = read_text(content, "dir/x.jsonl");
  BOOST_TEST_REQUIRE(r.games.size() == 1u);
  BOOST_TEST(r.games[0].bad_lines == 2u);
  BOOST_TEST(r.games[0].first_line == 3u);
  BOOST_TEST(r.bad_lines == 3u);
  BOOST_TEST(r.messages == (std::vector<std::string>{"dir/x.jsonl:1: invalid JSON at column 2: incomplete JSON",
                                                     "dir/x.jsonl:2: field \"type\" is a number, expected a string",
                                                     "dir/x.jsonl:5: expected a JSON object, found an array"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(blank_and_crlf_lines) {
  const std::string content = "\r\n   \n\t\n" + tick("A", 1) + "\r\n\r\n" + tick("A", 2);
  const auto r = read_text(content);
  BOOST_TEST_REQUIRE(r.games.size() == 1u);
  BOOST_TEST(r.games[0].ticks.size() == 2u);
  BOOST_TEST(r.games[0].first_line == 4u);
  BOOST_TEST(r.games[0].last_line == 6u);
  BOOST_TEST(r.lines_read == 6u);
  BOOST_TEST(r.bad_lines == 0u);
  BOOST_TEST(r.messages.empty());
}

BOOST_AUTO_TEST_CASE(an_overlong_line_is_reported_and_reading_goes_on) {
  const std::string content = tick("A", 1) + "\n" + std::string(replayer::max_line_bytes + 1, '{') + "\n" + tick("A", 2) + "\n";
  const auto r = read_text(content, "big.jsonl");
  BOOST_TEST_REQUIRE(r.games.size() == 1u);
  BOOST_TEST(r.games[0].ticks.size() == 2u);
  BOOST_TEST(r.games[0].bad_lines == 1u);
  BOOST_TEST(r.messages == (std::vector<std::string>{"big.jsonl:2: line is longer than 1048576 bytes"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_game_is_cut_at_its_tick_limit) {
  std::string content;
  const std::size_t n = reader_t::max_ticks_per_game + 2;
  content.reserve(n * 230);
  // Tick values stay within the recorded range (0 .. 100000): the bound counted is lines.
  for (std::size_t i = 0; i < n; ++i) content += tick("A", static_cast<int>(i % 1000)) + "\n";
  content += end("A") + "\n";
  const auto r = read_text(content);
  BOOST_TEST_REQUIRE(r.games.size() == 1u);
  BOOST_TEST(r.games[0].ticks.size() == reader_t::max_ticks_per_game);
  BOOST_TEST(r.games[0].bad_lines == 2u);
  BOOST_TEST(r.games[0].has_end);
  BOOST_TEST(r.games[0].last_line == n + 1);
  BOOST_TEST(r.messages == (std::vector<std::string>{"mem.jsonl:100001: game A has more than 100000 tick lines; line skipped",
                                                     "mem.jsonl:100002: game A has more than 100000 tick lines; line skipped"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(reads_files_too) {
  const fs::path file = fs::path(REPLAYER_TEST_DATA) / "game_20251102_184909.jsonl";
  auto source = replayer::file_lines::open(file);
  BOOST_TEST_REQUIRE(source.has_value());
  const auto r = read_all(file.string(), *source);
  BOOST_TEST(r.lines_read == 246u);
  BOOST_TEST(r.bad_lines == 1u);
  BOOST_TEST(r.messages == (std::vector<std::string>{file.string() + ":2: invalid JSON at column 1: syntax error"}),
             boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(!r.games.empty());
  BOOST_TEST(r.games[0].file == file.string());
  BOOST_TEST(r.games[0].bad_lines == 1u);
}

BOOST_AUTO_TEST_CASE(the_67_corrupt_lines_of_the_corpus) {
  const auto corpus = test_support::shared_recording_files();
  if (!corpus) return;  // skipped, with a warning
  const std::vector<fs::path>& files = *corpus;
  BOOST_TEST(files.size() == 310u);

  std::map<std::string, std::size_t> per_file;
  std::size_t total_bad = 0, games = 0, ticks = 0, messages = 0;
  for (const auto& file : files) {
    const std::string name = file.string();
    auto source = replayer::file_lines::open(file);
    BOOST_TEST_REQUIRE(source.has_value());
    std::size_t seen = 0;
    reader_t reader(name, *source, [&](const bad_line& b) {
      ++seen;
      const std::string text = b.describe();
      BOOST_TEST(is_file_line_reason(text, name), text);
    });
    std::size_t in_games = 0;
    while (auto g = reader.next_game()) {
      ++games;
      ticks += g->ticks.size();
      in_games += g->bad_lines;
    }
    BOOST_TEST(seen == reader.bad_lines());
    BOOST_TEST(in_games <= reader.bad_lines(), name);
    messages += seen;
    total_bad += reader.bad_lines();
    if (reader.bad_lines()) per_file[file.filename().string()] = reader.bad_lines();
  }
  BOOST_TEST_MESSAGE("corpus: " << files.size() << " files, " << games << " games, " << ticks << " ticks, " << total_bad
                                << " bad lines");
  BOOST_TEST(total_bad == 67u);
  BOOST_TEST(messages == 67u);
  BOOST_TEST(games == 311u);
  BOOST_TEST(ticks == 107955u);
  const std::map<std::string, std::size_t>& expected = test_support::shared_corpus_bad_lines_per_file();
  BOOST_TEST((per_file == expected));
}

BOOST_AUTO_TEST_SUITE_END()
