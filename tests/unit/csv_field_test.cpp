// csv_field: CSV fields (core/csv_field.hpp) as the trade log and the equity file write them:
// plain text as it is, RFC 4180 quoting for commas, quotes and line breaks, and formulas
// neutralised, on the game ids a network or a recording can carry.
#include "core/csv_field.hpp"

#include "core/trading/trade_event.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

namespace {

std::string field(std::string_view s) {
  std::string out;
  replayer::append_csv_field(out, s);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(csv_field)

BOOST_AUTO_TEST_CASE(plain_text_is_written_as_it_is) {
  BOOST_TEST(field("20251029-76904c57e7ab4e86") == "20251029-76904c57e7ab4e86");
  BOOST_TEST(field("") == "");
  BOOST_TEST(field("a-b") == "a-b");  // a minus inside is no formula
}

BOOST_AUTO_TEST_CASE(commas_quotes_and_line_breaks_are_quoted) {
  BOOST_TEST(field("a,b") == "\"a,b\"");
  BOOST_TEST(field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  BOOST_TEST(field("two\nlines") == "\"two\nlines\"");
  BOOST_TEST(field("cr\rhere") == "\"cr\rhere\"");
}

BOOST_AUTO_TEST_CASE(formulas_are_shown_as_text) {
  BOOST_TEST(field("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  BOOST_TEST(field("+1") == "\"'+1\"");
  BOOST_TEST(field("-1") == "\"'-1\"");
  BOOST_TEST(field("@SUM(A1)") == "\"'@SUM(A1)\"");
  BOOST_TEST(field("\tx") == "\"'\tx\"");
}

BOOST_AUTO_TEST_CASE(a_trade_log_row_quotes_its_game_id) {
  replayer::trade_event e;
  e.tick = 3;
  const std::string row = replayer::trade_event_csv("=cmd,evil", e);
  BOOST_TEST(row.substr(0, row.find(",3,")) == "\"'=cmd,evil\"");
}

BOOST_AUTO_TEST_SUITE_END()
