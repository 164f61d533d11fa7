// line_source: memory_lines and file_lines split the same bytes into the same lines: LF or
// CRLF endings, a last line without a newline, blank lines, and lines over the limit (reported,
// not kept, reading goes on). Small limits make the overlong cases cheap.
#include "core/line_source.hpp"
#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using replayer::file_lines;
using replayer::memory_lines;

namespace {

using test_support::temp_dir;

// "N:text" for a line, "N:<overlong>" for one over the limit.
std::vector<std::string> drain(replayer::line_source& source) {
  std::vector<std::string> out;
  while (auto line = source.next()) {
    if (line->overlong) BOOST_TEST(line->text.empty());
    out.push_back(std::to_string(line->number) + ":" + (line->overlong ? "<overlong>" : std::string(line->text)));
  }
  BOOST_TEST(!source.next().has_value(), "a finished source must stay finished");
  return out;
}

std::vector<std::string> memory_split(std::string_view content, std::size_t max_line = replayer::max_line_bytes) {
  memory_lines lines(content, max_line);
  return drain(lines);
}

std::vector<std::string> file_split(std::string_view content, std::size_t max_line = replayer::max_line_bytes) {
  temp_dir dir;
  auto lines = file_lines::open(dir.write("f.jsonl", content), max_line);
  BOOST_TEST_REQUIRE(lines.has_value());
  auto out = drain(*lines);
  BOOST_TEST(!lines->read_error());
  return out;
}

using lines_t = std::vector<std::string>;

// Both sources must give `expected` for `content`.
void check_both(std::string_view content, const lines_t& expected, std::size_t max_line = replayer::max_line_bytes) {
  BOOST_TEST(memory_split(content, max_line) == expected, boost::test_tools::per_element());
  BOOST_TEST(file_split(content, max_line) == expected, boost::test_tools::per_element());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(line_source)

BOOST_AUTO_TEST_CASE(lf_lines) { check_both("a\nbb\nccc\n", lines_t{"1:a", "2:bb", "3:ccc"}); }

BOOST_AUTO_TEST_CASE(crlf_lines) {
  check_both("a\r\nbb\r\n", lines_t{"1:a", "2:bb"});
  check_both("a\r\nb\nc\r\n", lines_t{"1:a", "2:b", "3:c"});  // mixed endings
  check_both("x\r\r\n", lines_t{"1:x\r"});                    // only the CR of CRLF goes
  check_both("lone\rcr\n", lines_t{"1:lone\rcr"});
}

BOOST_AUTO_TEST_CASE(no_final_newline) {
  check_both("a\nlast", lines_t{"1:a", "2:last"});
  check_both("last\r", lines_t{"1:last"});
  check_both("only", lines_t{"1:only"});
}

BOOST_AUTO_TEST_CASE(empty_and_blank_lines) {
  check_both("", lines_t{});
  check_both("\n", lines_t{"1:"});
  check_both("\n\n", lines_t{"1:", "2:"});
  check_both("a\n\nb\n\n", lines_t{"1:a", "2:", "3:b", "4:"});
  check_both("\r\n \n", lines_t{"1:", "2: "});
}

BOOST_AUTO_TEST_CASE(overlong_lines_are_reported_and_skipped) {
  // Limit 4: four bytes is fine, five is overlong; the CR of a CRLF counts towards the limit.
  check_both("abcd\nabcde\nab\n", lines_t{"1:abcd", "2:<overlong>", "3:ab"}, 4);
  check_both("abcde", lines_t{"1:<overlong>"}, 4);
  check_both("abcd", lines_t{"1:abcd"}, 4);
  check_both("abcdefghij\nabcdefghij\nok", lines_t{"1:<overlong>", "2:<overlong>", "3:ok"}, 4);
  check_both("abc\r\nabcd\r\n", lines_t{"1:abc", "2:<overlong>"}, 4);
}

BOOST_AUTO_TEST_CASE(overlong_lines_far_beyond_the_file_buffer) {
  // file_lines keeps at most max_line + one 64 KiB chunk; a 300 KB line must not be kept whole.
  const std::string huge(300'000, 'x');
  const std::string content = "first\n" + huge + "\nafter\n" + huge;
  check_both(content, lines_t{"1:first", "2:<overlong>", "3:after", "4:<overlong>"}, 16);
}

BOOST_AUTO_TEST_CASE(default_limit_is_one_mebibyte) {
  BOOST_TEST(replayer::max_line_bytes == 1048576u);
  const std::string at_limit(replayer::max_line_bytes, 'a');
  const std::string over_limit(replayer::max_line_bytes + 1, 'b');
  const std::string content = at_limit + "\n" + over_limit + "\nend\n";
  for (const auto& result : {memory_split(content), file_split(content)}) {
    BOOST_TEST_REQUIRE(result.size() == 3u);
    BOOST_TEST(result[0].size() == 2 + replayer::max_line_bytes);
    BOOST_TEST(result[1] == "2:<overlong>");
    BOOST_TEST(result[2] == "3:end");
  }
}

BOOST_AUTO_TEST_CASE(file_and_memory_agree_on_random_content) {
  // Lines of random length (0..300 bytes, some CRLF, some blank) across many 64 KiB chunk
  // boundaries, under several limits: both splitters must give the same lines.
  std::mt19937 rng(12345);
  std::string content;
  for (int i = 0; i < 3000; ++i) {
    const std::size_t len = rng() % 301;
    for (std::size_t k = 0; k < len; ++k) content += static_cast<char>('a' + rng() % 26);
    content += (rng() % 4 == 0) ? "\r\n" : "\n";
  }
  content += "tail";
  for (std::size_t limit : {std::size_t{1}, std::size_t{100}, std::size_t{299}, replayer::max_line_bytes}) {
    const auto from_memory = memory_split(content, limit);
    const auto from_file = file_split(content, limit);
    BOOST_TEST(from_memory.size() == 3001u);
    BOOST_TEST(from_memory == from_file, "limit " << limit);
  }
}

BOOST_AUTO_TEST_CASE(open_errors_and_read_errors) {
  auto missing = file_lines::open("/nonexistent/replayer/none.jsonl");
  BOOST_TEST_REQUIRE(!missing.has_value());
  BOOST_TEST(missing.error().message() == "No such file or directory");
  // A directory opens (fopen allows it on Linux) but cannot be read: reading stops with an error.
  temp_dir dir;
  auto folder = file_lines::open(dir.path);
  BOOST_TEST_REQUIRE(folder.has_value());
  BOOST_TEST(!folder->next().has_value());
  BOOST_TEST(static_cast<bool>(folder->read_error()));
}

BOOST_AUTO_TEST_SUITE_END()
