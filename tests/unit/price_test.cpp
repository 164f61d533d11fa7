// price: the server's text kept verbatim, its exact decimal value, and a double for display.
#include "core/price.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using replayer::decimal_literal;
using price_t = replayer::price;  // the suite is namespace `price`

BOOST_AUTO_TEST_SUITE(price)

BOOST_AUTO_TEST_CASE(keeps_the_server_text) {
  const auto p = price_t::parse("0.020000000000000018");
  BOOST_TEST_REQUIRE(p.has_value());
  BOOST_TEST(p->text() == "0.020000000000000018");
  BOOST_TEST((p->value() == decimal_literal("0.020000000000000018")));
  BOOST_TEST(p->approx() == 0.020000000000000018);  // from_chars: the nearest double, exactly

  const auto e = price_t::parse("1e-05");
  BOOST_TEST_REQUIRE(e.has_value());
  BOOST_TEST(e->text() == "1e-05");
  BOOST_TEST(e->value().str() == "0.00001");
  BOOST_TEST(e->approx() == 1e-05);
}

BOOST_AUTO_TEST_CASE(compares_by_value_not_text) {
  const auto a = price_t::parse("1");
  const auto b = price_t::parse("1.0");
  BOOST_TEST_REQUIRE((a && b));
  BOOST_TEST((*a == *b));
  BOOST_TEST(a->text() != b->text());
  BOOST_TEST((*price_t::parse("2") > *price_t::parse("1.99")));
  BOOST_TEST((*price_t::parse("0.5") == *price_t::parse("5e-1")));
  BOOST_TEST((*price_t::parse("0.012531931944264807") < *price_t::parse("0.018679378317749025")));
}

BOOST_AUTO_TEST_CASE(one_is_the_recorders_text) {
  BOOST_TEST(price_t::one().text() == "1.0");
  BOOST_TEST((price_t::one().value() == decimal_literal("1")));
  BOOST_TEST(price_t::one().approx() == 1.0);
  BOOST_TEST(price_t{}.text() == "");
  BOOST_TEST(price_t{}.value().is_zero());
}

BOOST_AUTO_TEST_CASE(rejects_negative_malformed_and_long) {
  BOOST_TEST(!price_t::parse("-1").has_value());
  BOOST_TEST(!price_t::parse("-0.5").has_value());
  BOOST_TEST(!price_t::parse("abc").has_value());
  BOOST_TEST(!price_t::parse("").has_value());
  BOOST_TEST(!price_t::parse("1.").has_value());
  BOOST_TEST(!price_t::parse("\"1.0\"").has_value());
  BOOST_TEST(!price_t::parse("1e12").has_value());  // beyond decimal's range
  // 39 characters is the limit of the stored text; 40 is refused even when the value is fine.
  const std::string at_limit = "1." + std::string(37, '0');
  const std::string over_limit = "1." + std::string(38, '0');
  BOOST_TEST_REQUIRE(at_limit.size() == price_t::max_text);
  const auto ok = price_t::parse(at_limit);
  BOOST_TEST_REQUIRE(ok.has_value());
  BOOST_TEST(ok->text() == at_limit);
  BOOST_TEST(!price_t::parse(over_limit).has_value());
  // Zero is a price (the server never sends it, but it is not malformed).
  BOOST_TEST(price_t::parse("0").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
