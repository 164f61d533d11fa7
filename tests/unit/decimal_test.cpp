// decimal: exact fixed-point arithmetic at 1e-27 in a 128-bit integer. Every expected value
// below is worked out by hand from the rules in core/decimal.hpp (round half to even at 27
// places, JSON number syntax, range +-1.7e11).
#include "core/decimal.hpp"

#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>
#include <vector>

using dec = replayer::decimal;  // the suite is namespace `decimal`
using replayer::decimal_literal;

namespace {

__extension__ typedef __int128 raw_t;
__extension__ typedef unsigned __int128 uraw_t;

constexpr raw_t unit() {
  raw_t u = 1;
  for (int i = 0; i < 27; ++i) u *= 10;
  return u;
}

constexpr raw_t max_raw() { return static_cast<raw_t>(~static_cast<uraw_t>(0) >> 1); }

std::string parsed_str(std::string_view text) {
  auto d = dec::parse(text);
  return d ? d->str() : std::string("<nullopt>");
}

// raw() as text, since Boost.Test cannot print __int128.
std::string raw_text(raw_t r) {
  const bool negative = r < 0;
  uraw_t m = negative ? -static_cast<uraw_t>(r) : static_cast<uraw_t>(r);
  std::string s;
  do {
    s.insert(s.begin(), char('0' + int(m % 10)));
    m /= 10;
  } while (m != 0);
  return negative ? "-" + s : s;
}

std::string parsed_raw(std::string_view text) {
  auto d = dec::parse(text);
  return d ? raw_text(d->raw()) : std::string("<nullopt>");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(decimal)

BOOST_AUTO_TEST_CASE(parses_server_prices_exactly) {
  BOOST_TEST(parsed_str("0.020000000000000018") == "0.020000000000000018");
  BOOST_TEST(parsed_str("148.28868589350665") == "148.28868589350665");
  BOOST_TEST(parsed_str("1.0") == "1");
  BOOST_TEST(parsed_str("1") == "1");
  BOOST_TEST(parsed_str("0") == "0");
  BOOST_TEST(parsed_str("-0") == "0");
  BOOST_TEST(parsed_str("-1.25") == "-1.25");
  BOOST_TEST(parsed_raw("-1.25") == "-1250000000000000000000000000");
  BOOST_TEST(parsed_raw("0.000000000000000000000000001") == "1");
}

BOOST_AUTO_TEST_CASE(parses_exponents) {
  BOOST_TEST(parsed_str("1e-05") == "0.00001");
  BOOST_TEST(parsed_str("2.5E+3") == "2500");
  BOOST_TEST(parsed_str("2.5e3") == "2500");
  BOOST_TEST(parsed_str("125e-2") == "1.25");
  BOOST_TEST(parsed_str("-7.5e-1") == "-0.75");
  BOOST_TEST(parsed_str("1e11") == "100000000000");
  BOOST_TEST(parsed_str("0e999") == "0");
  BOOST_TEST(parsed_str("1e-27") == "0.000000000000000000000000001");
}

BOOST_AUTO_TEST_CASE(rounds_half_to_even_beyond_27_places) {
  // 28th decimal place: 0.5 units round to the even neighbour, anything above rounds up.
  BOOST_TEST(parsed_raw("0.0000000000000000000000000005") == "0");
  BOOST_TEST(parsed_raw("0.0000000000000000000000000015") == "2");
  BOOST_TEST(parsed_raw("0.0000000000000000000000000025") == "2");
  BOOST_TEST(parsed_raw("0.0000000000000000000000000035") == "4");
  BOOST_TEST(parsed_raw("0.00000000000000000000000000251") == "3");
  BOOST_TEST(parsed_raw("0.00000000000000000000000000249") == "2");
  BOOST_TEST(parsed_raw("-0.0000000000000000000000000015") == "-2");
  BOOST_TEST(parsed_raw("6e-28") == "1");
  BOOST_TEST(parsed_raw("5e-28") == "0");
  BOOST_TEST(parsed_raw("1.5e-27") == "2");
  BOOST_TEST(parsed_raw("1e-400") == "0");
}

BOOST_AUTO_TEST_CASE(range_limits) {
  // The largest raw value is 2^127 - 1 units of 1e-27.
  BOOST_TEST(dec::from_raw(max_raw()).str() == "170141183460.469231731687303715884105727");
  BOOST_TEST(parsed_raw("170141183460.469231731687303715884105727") == raw_text(max_raw()));
  BOOST_TEST(parsed_raw("-170141183460.469231731687303715884105727") == raw_text(-max_raw()));
  BOOST_TEST(parsed_str("170141183460.469231731687303715884105728") == "<nullopt>");
  BOOST_TEST(parsed_str("170141183461") == "<nullopt>");
  BOOST_TEST(parsed_str("1e12") == "<nullopt>");
  BOOST_TEST(parsed_str("1e40") == "<nullopt>");
  // More digits than any double prints (40 significant) is refused rather than guessed at.
  BOOST_TEST(parsed_str("1.000000000000000000000000000000000000001") == "<nullopt>");
}

BOOST_AUTO_TEST_CASE(rejects_what_is_not_json_number_syntax) {
  for (std::string_view bad : {"", "-", "+1", ".5", "1.", "01", "-01", "1e", "1e+", "1e-", "1.5x", " 1", "1 ",
                               "NaN", "inf", "--1", "0x10", "1,5", "1..2", "e5", "1e5.5"})
    BOOST_TEST(!dec::parse(bad).has_value(), "accepted '" << bad << "'");
}

BOOST_AUTO_TEST_CASE(str_is_shortest_and_parses_back) {
  BOOST_TEST(dec::from_int(-2).str() == "-2");
  BOOST_TEST(dec::from_int(0).str() == "0");
  BOOST_TEST(dec{}.str() == "0");
  BOOST_TEST(dec::from_raw(1).str() == "0.000000000000000000000000001");
  BOOST_TEST(dec::from_raw(-10).str() == "-0.00000000000000000000000001");
  BOOST_TEST(dec::from_raw(unit() + unit() / 10).str() == "1.1");
  const std::vector<raw_t> samples = {0, 1, -1, 7, unit(), -unit(), unit() / 3, max_raw(), -max_raw(),
                                      max_raw() / 7, 123456789 * unit() + 987654321};
  for (raw_t r : samples) {
    const auto back = dec::parse(dec::from_raw(r).str());
    BOOST_TEST_REQUIRE(back.has_value(), dec::from_raw(r).str());
    BOOST_TEST(raw_text(back->raw()) == raw_text(r));
  }
}

BOOST_AUTO_TEST_CASE(addition_and_subtraction_are_exact) {
  BOOST_TEST((decimal_literal("0.1") + decimal_literal("0.2")).str() == "0.3");
  BOOST_TEST((decimal_literal("0.1") + decimal_literal("0.2") == decimal_literal("0.3")));
  BOOST_TEST((decimal_literal("1") - decimal_literal("1.000000000000000000000000001")).str() ==
             "-0.000000000000000000000000001");
  dec d = decimal_literal("5");
  d -= decimal_literal("7.5");
  BOOST_TEST(d.str() == "-2.5");
  BOOST_TEST(d.is_negative());
  BOOST_TEST((-d).str() == "2.5");
  d += decimal_literal("2.5");
  BOOST_TEST(d.is_zero());
}

BOOST_AUTO_TEST_CASE(multiplication_rounds_half_to_even) {
  BOOST_TEST((decimal_literal("1.5") * decimal_literal("2")).str() == "3");
  BOOST_TEST((decimal_literal("0.1") * decimal_literal("0.1")).str() == "0.01");
  BOOST_TEST((decimal_literal("-0.25") * decimal_literal("0.5")).str() == "-0.125");
  // 1e-27 * 0.5 = 0.5 units -> 0 (even); 3e-27 * 0.5 = 1.5 units -> 2; 5e-27 * 0.5 = 2.5 -> 2.
  const dec half = decimal_literal("0.5");
  BOOST_TEST(raw_text((dec::from_raw(1) * half).raw()) == "0");
  BOOST_TEST(raw_text((dec::from_raw(3) * half).raw()) == "2");
  BOOST_TEST(raw_text((dec::from_raw(5) * half).raw()) == "2");
  BOOST_TEST(raw_text((dec::from_raw(-3) * half).raw()) == "-2");
  BOOST_TEST(raw_text((dec::from_raw(7) * decimal_literal("0.1")).raw()) == "1");  // 0.7 -> 1
  // A product of two large values in range, computed in 256 bits.
  BOOST_TEST((decimal_literal("100000") * decimal_literal("1000000")).str() == "100000000000");
}

BOOST_AUTO_TEST_CASE(division_rounds_half_to_even) {
  BOOST_TEST((decimal_literal("1") / decimal_literal("3")).str() == "0.333333333333333333333333333");
  BOOST_TEST((decimal_literal("2") / decimal_literal("3")).str() == "0.666666666666666666666666667");
  BOOST_TEST((decimal_literal("-2") / decimal_literal("3")).str() == "-0.666666666666666666666666667");
  BOOST_TEST((decimal_literal("2") / decimal_literal("-3")).str() == "-0.666666666666666666666666667");
  BOOST_TEST((decimal_literal("7.5") / decimal_literal("2.5")).str() == "3");
  // 1e-27 / 2 = 0.5 units -> 0; 3e-27 / 2 = 1.5 units -> 2.
  BOOST_TEST(raw_text((dec::from_raw(1) / decimal_literal("2")).raw()) == "0");
  BOOST_TEST(raw_text((dec::from_raw(3) / decimal_literal("2")).raw()) == "2");
}

BOOST_AUTO_TEST_CASE(errors_throw) {
  BOOST_CHECK_THROW(decimal_literal("1") / dec{}, std::domain_error);
  BOOST_CHECK_THROW(dec::from_raw(max_raw()) + dec::from_raw(1), std::overflow_error);
  BOOST_CHECK_THROW(dec::from_raw(-max_raw()) - dec::from_raw(2), std::overflow_error);
  // -2^127 fits in 128 bits but is outside the symmetric range: it has no negation.
  BOOST_CHECK_THROW(dec::from_raw(-max_raw()) - dec::from_raw(1), std::overflow_error);
  BOOST_CHECK_THROW(dec::from_raw(-max_raw()) + dec::from_raw(-1), std::overflow_error);
  dec kept = dec::from_raw(max_raw());
  BOOST_CHECK_THROW(kept += dec::from_raw(1), std::overflow_error);
  BOOST_TEST(raw_text(kept.raw()) == raw_text(max_raw()));  // unchanged by the failed addition
  BOOST_CHECK_THROW(decimal_literal("100000000000") * decimal_literal("2"), std::overflow_error);
  BOOST_CHECK_THROW(decimal_literal("100000000000") / decimal_literal("0.5"), std::overflow_error);
  try {
    decimal_literal("abc");
    BOOST_FAIL("decimal_literal accepted abc");
  } catch (const std::invalid_argument& e) {
    BOOST_TEST(std::string(e.what()) == "malformed decimal literal: abc");
  }
}

BOOST_AUTO_TEST_CASE(ordering_and_double_view) {
  BOOST_TEST((decimal_literal("-1") < dec{}));
  BOOST_TEST((dec{} < decimal_literal("0.5")));
  BOOST_TEST((decimal_literal("1.0") == decimal_literal("1")));
  BOOST_TEST((decimal_literal("0.020000000000000018") > decimal_literal("0.02")));
  BOOST_TEST(decimal_literal("0.25").to_double() == 0.25, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(decimal_literal("-1234.5").to_double() == -1234.5, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(decimal_literal("3").to_double() == 3.0);
  BOOST_TEST(decimal_literal("0.020000000000000018").to_double() == 0.020000000000000018,
             boost::test_tools::tolerance(1e-15));
}

BOOST_AUTO_TEST_SUITE_END()
