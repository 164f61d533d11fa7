// printable_text: control characters from recordings and file names never reach a terminal raw.
#include "app/printable_text.hpp"

#include <boost/test/unit_test.hpp>

using replayer::app::printable;

BOOST_AUTO_TEST_SUITE(printable_text)

BOOST_AUTO_TEST_CASE(control_characters_are_written_as_hex) {
  BOOST_TEST(printable("\x1b[2Jgame") == "\\x1b[2Jgame");
  BOOST_TEST(printable("a\nb\rc\td") == "a\\x0ab\\x0dc\\x09d");
  BOOST_TEST(printable(std::string_view("\0x", 2)) == "\\x00x");
  BOOST_TEST(printable("del\x7f") == "del\\x7f");
  BOOST_TEST(printable("csi\xc2\x9b" "31m") == "csi\\xc2\\x9b31m");  // U+009B, the 8-bit CSI
  BOOST_TEST(printable("\x1b]0;title\x07") == "\\x1b]0;title\\x07");
}

BOOST_AUTO_TEST_CASE(other_text_is_kept) {
  BOOST_TEST(printable("20251029-6a44b3cc7fe74323") == "20251029-6a44b3cc7fe74323");
  BOOST_TEST(printable("caf\xc3\xa9 \xc2\xa0 \xe2\x82\xac") == "caf\xc3\xa9 \xc2\xa0 \xe2\x82\xac");  // é, NBSP, €
  BOOST_TEST(printable("back\\slash") == "back\\slash");
  BOOST_TEST(printable("") == "");
}

BOOST_AUTO_TEST_SUITE_END()
