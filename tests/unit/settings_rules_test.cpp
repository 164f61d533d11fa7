// settings_rules: the rules between trading settings (core/trading/settings check_settings),
// checked once every --set is applied: each broken rule refused with its keys and values, the
// boundaries accepted, and the order of the --set values free.
#include "core/trading/settings.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using replayer::apply_setting;
using replayer::check_settings;
using replayer::trading_settings;

namespace {

std::string problem_with(std::initializer_list<std::pair<const char*, const char*>> sets) {
  trading_settings s;
  for (const auto& [key, value] : sets)
    if (auto e = apply_setting(s, key, value)) return "set: " + *e;
  const auto problem = check_settings(s);
  return problem ? *problem : "ok";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(settings_rules)

BOOST_AUTO_TEST_CASE(the_defaults_and_the_boundaries_pass) {
  BOOST_TEST(problem_with({}) == "ok");
  BOOST_TEST(problem_with({{"min_amount", "0.1"}, {"max_amount", "0.1"}}) == "ok");  // equal is allowed
  BOOST_TEST(problem_with({{"max_stake_per_order", "0.001"}, {"max_exposure", "0.001"}}) == "ok");
  BOOST_TEST(problem_with({{"max_stake_per_order", "off"}}) == "ok");
}

BOOST_AUTO_TEST_CASE(min_amount_above_max_amount_is_refused_with_both_keys) {
  BOOST_TEST(problem_with({{"max_amount", "0.0005"}}) ==
             "min_amount 0.001 is more than max_amount 0.0005: no buy or sidebet could be ordered (min_amount must be at "
             "most max_amount)");
  // The rule holds between settings, not per --set: raising both in either order is fine.
  BOOST_TEST(problem_with({{"starting_balance", "10"}, {"min_amount", "6"}, {"max_amount", "8"}}) == "ok");
  BOOST_TEST(problem_with({{"starting_balance", "10"}, {"max_amount", "8"}, {"min_amount", "6"}}) == "ok");
}

BOOST_AUTO_TEST_CASE(rules_that_leave_no_room_for_the_smallest_order) {
  BOOST_TEST(problem_with({{"starting_balance", "0.0009"}}) ==
             "starting_balance 0.0009 is less than min_amount 0.001: the wallet could never place an order "
             "(starting_balance must be at least min_amount)");
  BOOST_TEST(problem_with({{"min_amount", "5"}}).rfind("starting_balance 0.1 is less than min_amount 5: ", 0) == 0u);
  BOOST_TEST(problem_with({{"max_stake_per_order", "0.0005"}}) ==
             "max_stake_per_order 0.0005 is less than min_amount 0.001: the rail would refuse every buy and sidebet "
             "(max_stake_per_order must be at least min_amount, or off)");
  BOOST_TEST(problem_with({{"max_exposure", "0.0001"}}) ==
             "max_exposure 0.0001 is less than min_amount 0.001: the rail would refuse every buy and sidebet "
             "(max_exposure must be at least min_amount, or off)");
}

BOOST_AUTO_TEST_SUITE_END()
