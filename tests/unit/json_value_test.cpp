// json_value: strings written as Python's json.dumps writes them (ensure_ascii), including the
// bytes of a file name that is not UTF-8, which come out as Python's surrogateescape holds them
// (\udcXX), so no byte is lost or swallowed.
#include "core/json_value.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>

using namespace replayer;
using namespace std::string_view_literals;

namespace {

std::string written(std::string_view s) {
  std::string out;
  write_python_json_string(out, s);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(json_value)

BOOST_AUTO_TEST_CASE(utf8_is_escaped_as_python_escapes_it) {
  BOOST_TEST(written("plain") == R"("plain")");
  BOOST_TEST(written("a\"b\\c\n\t\x01\x7f") == R"("a\"b\\c\n\t\u0001\u007f")");
  BOOST_TEST(written("caf\xc3\xa9") == R"("caf\u00e9")");                    // U+00E9
  BOOST_TEST(written("\xe2\x82\xac") == R"("\u20ac")");                       // U+20AC
  BOOST_TEST(written("\xf0\x9f\x98\x80") == R"("\ud83d\ude00")");             // U+1F600
  BOOST_TEST(written("\xf4\x8f\xbf\xbf") == R"("\udbff\udfff")");             // U+10FFFF
}

BOOST_AUTO_TEST_CASE(bytes_that_are_not_utf8_are_kept_one_escape_each) {
  // A Latin-1 file name: before, 0xFF began a "four-byte sequence" and swallowed ".jso".
  BOOST_TEST(written("caf\xe9.jsonl") == R"("caf\udce9.jsonl")");
  BOOST_TEST(written("\xff.jsonl") == R"("\udcff.jsonl")");
  BOOST_TEST(written("\x80\xbf") == R"("\udc80\udcbf")");                      // lone continuation bytes
  BOOST_TEST(written("\xe2\x82") == R"("\udce2\udc82")");                      // truncated at the end
  BOOST_TEST(written("\xe2\x82x") == R"("\udce2\udc82x")");                    // truncated mid-text
  BOOST_TEST(written("\xc0\xaf") == R"("\udcc0\udcaf")");                      // overlong '/'
  BOOST_TEST(written("\xe0\x80\xaf") == R"("\udce0\udc80\udcaf")");            // overlong, three bytes
  BOOST_TEST(written("\xed\xa0\x80") == R"("\udced\udca0\udc80")");            // an encoded surrogate
  BOOST_TEST(written("\xf4\x90\x80\x80") == R"("\udcf4\udc90\udc80\udc80")");  // above U+10FFFF
  BOOST_TEST(written("\xf5\xc3\xa9") == R"("\udcf5\u00e9")");                  // the valid text after it stays
}

BOOST_AUTO_TEST_SUITE_END()
