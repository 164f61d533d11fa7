// json_flat: the flat JSON parser under recordings, rule tables, config files and verify inputs.
// An object with a key twice is refused where the second one is (Python's json, which wrote the
// recordings, keeps the last; a first-match lookup the first: neither may be guessed), and a
// failure says where in words a user can act on: line and column, and what a byte order mark,
// UTF-16 or Python's NaN looks like.
#include "core/json_flat.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>

using namespace replayer;
using namespace std::string_view_literals;

namespace {

// The parser's account of `text`, or "ok".
std::string parsed(std::string_view text) {
  json_flat_parser p;
  return p.parse(text) ? p.error_text() : "ok";
}

const std::string twice =
    "an object holds the same key twice (Python's json would keep the last one, other readers the first): "
    "remove one of them";

}  // namespace

BOOST_AUTO_TEST_SUITE(json_flat)

BOOST_AUTO_TEST_CASE(a_key_given_twice_is_refused_where_the_second_one_is) {
  BOOST_TEST(parsed(R"({"price": 1.5, "tick": 3, "price": 2})") == "invalid JSON at column 27: " + twice);
  BOOST_TEST(parsed(R"({"a": {"k": 1, "k": 2}})") == "invalid JSON at column 16: " + twice);
  BOOST_TEST(parsed("{\"a\": 1,\n \"b\": 2,\n \"a\": 3}") == "invalid JSON at line 3, column 2: " + twice);
  // The same key spelled with an escape is the same key.
  BOOST_TEST(parsed(R"({"\u0061": 1, "a": 2})") == "invalid JSON at column 15: " + twice);
}

BOOST_AUTO_TEST_CASE(keys_that_differ_or_sit_in_different_objects_are_accepted) {
  BOOST_TEST(parsed(R"({"a": [{"b": 1}, {"b": 2}], "b": {"a": 3}})") == "ok");
  BOOST_TEST(parsed(R"({"a": 1, "A": 2, "a ": 3, "": 4})") == "ok");
  // The largest object the parser takes, all keys distinct, then with one repeated at the end.
  std::string big = "{";
  for (int i = 0; i < 4096; ++i) big += (i ? ", \"k" : "\"k") + std::to_string(i) + "\": 0";
  BOOST_TEST(parsed(big + "}") == "ok");
  BOOST_TEST(parsed(big.substr(0, big.rfind(',')) + ", \"k7\": 1}").starts_with("invalid JSON at column"));
}

BOOST_AUTO_TEST_CASE(common_non_json_texts_get_a_hint) {
  BOOST_TEST(parsed("\xEF\xBB\xBF{\"a\": 1}") ==
             "invalid JSON at column 1: syntax error; it starts with a UTF-8 byte order mark: save it as UTF-8 "
             "without BOM");
  const std::string utf16 = "; it holds NUL bytes or a UTF-16 byte order mark, so it looks like UTF-16: convert it "
                            "to UTF-8 (iconv -f UTF-16 -t UTF-8)";
  BOOST_TEST(parsed("\xFF\xFE{\0\"\0"sv) == "invalid JSON at column 1: syntax error" + utf16);
  BOOST_TEST(parsed("\0{\0\"\0a\0\"\0"sv) == "invalid JSON at column 1: syntax error" + utf16);
  const std::string nan = "; NaN and Infinity are not JSON (Python's json.dumps writes them for float('nan') and "
                          "float('inf')): write a number or null";
  BOOST_TEST(parsed(R"({"price": NaN})") == "invalid JSON at column 11: syntax error" + nan);
  BOOST_TEST(parsed(R"({"price": Infinity})") == "invalid JSON at column 11: syntax error" + nan);
  BOOST_TEST(parsed(R"({"price": -Infinity})") == "invalid JSON at column 12: syntax error" + nan);
  BOOST_TEST(parsed(R"({"price": nope})") == "invalid JSON at column 11: syntax error");
}

BOOST_AUTO_TEST_SUITE_END()
