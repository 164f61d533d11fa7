// rule_strategy: rule tables read from JSON (core/trading/rule_strategy): every parse error with
// its exact message, the evaluation (the first offered rule whose conditions hold wins), every
// field and comparison, $parameters and set_parameter, and the four built-in tables.
#include "core/trading/builtin_strategies.hpp"
#include "core/trading/rule_strategy.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

// The suite is named rule_strategy, so the type is only ever named as `table` here.
using table = replayer::rule_strategy;
using replayer::account;
using replayer::action;
using replayer::action_name;
using replayer::builtin_strategies;
using replayer::decimal;
using replayer::decision_view;
using replayer::phase;
using replayer::price;
using replayer::tick;
using replayer::trade_event;
using replayer::trading_settings;
using test_support::active;
using test_support::paper_trade;
using test_support::dec;
using test_support::make_tick;
using test_support::presale;

namespace {

std::string parse_error(std::string_view json) {
  auto r = table::parse(json, "test.json");
  return r ? std::string("parsed") : r.error();
}

table parsed(std::string_view json) {
  auto r = table::parse(json, "test.json");
  BOOST_TEST_REQUIRE(r.has_value(), (r ? "" : r.error()));
  return *r;
}

// What the strategy decides on `t` for `wallet`, offered what the wallet offers: "buy 0.01",
// "sell 1", or "-".
std::string decide(table& s, const account& wallet, const tick& t) {
  const decision_view view{t, wallet, wallet.offered(t)};
  const auto o = s.decide(view);
  return o ? std::string(action_name(o->action)) + " " + o->amount.str() : std::string("-");
}

// A one-rule strategy: buy 0.01 when the condition holds.
std::string when(std::string_view field, std::string_view op, std::string_view value) {
  return R"({"name": "t", "rules": [{"action": "buy", "amount": "0.01", "when": [[")" + std::string(field) +
         R"(", ")" + std::string(op) + R"(", )" + std::string(value) + "]]}]}";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rule_strategy)

BOOST_AUTO_TEST_CASE(parse_errors_name_the_source_the_json_path_and_the_problem) {
  BOOST_TEST(parse_error("{").rfind("test.json: invalid JSON at offset 1: ", 0) == 0u);
  BOOST_TEST(parse_error("[]") == "test.json: $: a strategy is a JSON object {name, description, parameters, rules}");
  BOOST_TEST(parse_error("{}") == "test.json: $.name: missing (a non-empty string)");
  BOOST_TEST(parse_error(R"({"name": ""})") == "test.json: $.name: missing (a non-empty string)");
  BOOST_TEST(parse_error(R"({"name": 3})") == "test.json: $.name: missing (a non-empty string)");
  BOOST_TEST(parse_error(R"({"name": "t", "description": 3})") == "test.json: $.description: must be a string");
  BOOST_TEST(parse_error(R"({"name": "t", "parameters": []})") ==
             "test.json: $.parameters: must be an object of name: value");
  BOOST_TEST(parse_error(R"({"name": "t", "parameters": {"x": [1]}})") ==
             "test.json: $.parameters.x: must be a number or a string");
  BOOST_TEST(parse_error(R"({"name": "t", "parameters": {"x": 1, "x": 2}})") == "test.json: $.parameters.x: given twice");
  BOOST_TEST(parse_error(R"({"name": "t"})") == "test.json: $.rules: missing (a non-empty array of rules)");
  BOOST_TEST(parse_error(R"({"name": "t", "rules": []})") == "test.json: $.rules: missing (a non-empty array of rules)");
  BOOST_TEST(parse_error(R"({"name": "t", "rules": {}})") == "test.json: $.rules: missing (a non-empty array of rules)");
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [1]})") ==
             "test.json: $.rules[0]: a rule is an object {action, amount, when}");
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "hold", "amount": "1"}]})") ==
             "test.json: $.rules[0].action: missing or not buy, sell or sidebet");
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"amount": "1"}]})") ==
             "test.json: $.rules[0].action: missing or not buy, sell or sidebet");
  const std::string amount_help =
      ".amount: missing (a number or a string: SOL for buy and sidebet, the fraction 0.1, 0.25, 0.5 or 1 for sell)";
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "sell", "amount": "1"}, {"action": "buy"}]})") ==
             "test.json: $.rules[1]" + amount_help);
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "buy", "amount": true}]})") ==
             "test.json: $.rules[0]" + amount_help);
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "buy", "amount": "1", "when": {}}]})") ==
             "test.json: $.rules[0].when: must be an array of [field, op, value]");
  const std::string shape = "test.json: $.rules[0].when[0]: a condition is [field, op, value], e.g. [\"price\", \"<\", \"1.5\"]";
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "buy", "amount": "1", "when": [["price", "<"]]}]})") ==
             shape);
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "buy", "amount": "1", "when": ["price"]}]})") == shape);
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "buy", "amount": "1", "when": [[1, "<", 2]]}]})") ==
             shape);
  BOOST_TEST(parse_error(when("volume", "<", "1")) ==
             "test.json: $.rules[0].when[0][0]: unknown field \"volume\" (price, tick, pnl_pct, ticks_held, balance, "
             "has_position, has_sidebet, phase)");
  BOOST_TEST(parse_error(when("price", "=<", "1")) ==
             "test.json: $.rules[0].when[0][1]: unknown comparison \"=<\" (<, <=, >, >=, ==, !=)");
  BOOST_TEST(parse_error(when("price", "<", "null")) == "test.json: $.rules[0].when[0][2]: must be a number, a string, true or false");
  BOOST_TEST(parse_error(when("price", "<", "[1]")) == "test.json: $.rules[0].when[0][2]: must be a number, a string, true or false");
  // Problems found when the values are resolved.
  BOOST_TEST(parse_error(when("price", "<", "\"$limit\"")) ==
             "test.json: $.rules[0].when[0][2]: unknown parameter $limit (the table has none)");
  BOOST_TEST(parse_error(when("price", "<", "\"cheap\"")) == "test.json: $.rules[0].when[0][2]: 'cheap' is not a decimal number");
  BOOST_TEST(parse_error(when("phase", "==", "\"RUGGED\"")) == "test.json: $.rules[0].when[0][2]: 'RUGGED' is not a phase name");
  BOOST_TEST(parse_error(when("phase", "<", "\"PRESALE\"")) == "test.json: $.rules[0].when[0][1]: phase compares with == or != only");
  BOOST_TEST(parse_error(when("has_position", "==", "\"yes\"")) == "test.json: $.rules[0].when[0][2]: 'yes' is not true or false");
  BOOST_TEST(parse_error(when("has_sidebet", ">", "\"true\"")) ==
             "test.json: $.rules[0].when[0][1]: true/false compare with == or != only");
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "buy", "amount": "0"}]})") ==
             "test.json: $.rules[0].amount: '0' is not a positive decimal");
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "buy", "amount": "-0.1"}]})") ==
             "test.json: $.rules[0].amount: '-0.1' is not a positive decimal");
  BOOST_TEST(parse_error(R"({"name": "t", "parameters": {"b": 1}, "rules": [{"action": "buy", "amount": "$a"}]})") ==
             "test.json: $.rules[0].amount: unknown parameter $a (the table has b)");
  BOOST_TEST(parse_error(R"({"name": "t", "parameters": {"a": "lots"}, "rules": [{"action": "buy", "amount": "$a"}]})") ==
             "test.json: $.rules[0].amount ($a = 'lots'): 'lots' is not a positive decimal");
}

BOOST_AUTO_TEST_CASE(a_table_the_rules_could_never_follow_is_refused_at_load) {
  // A typo'd key used to be ignored (the rule then held on every tick).
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "buy", "amount": "0.01", "whne": [["price", "<", 2]]}]})") ==
             "test.json: $.rules[0].whne: unknown key (allowed: action, amount, when)");
  BOOST_TEST(parse_error(R"({"name": "t", "rule": [], "rules": [{"action": "buy", "amount": "0.01"}]})") ==
             "test.json: $.rule: unknown key (allowed: name, description, parameters, rules)");
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "buy", "amount": "0.01", "amount": "0.02"}]})") ==
             "test.json: $.rules[0].amount: given twice");
  // A sell fraction the game does not offer used to load, then be rejected on every tick.
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "sell", "amount": 0.3}]})") ==
             "test.json: $.rules[0].amount: a sell's amount is the fraction of the position sold: 0.1, 0.25, 0.5 or 1, "
             "not 0.3");
  BOOST_TEST(parse_error(R"({"name": "t", "parameters": {"f": "2"}, "rules": [{"action": "sell", "amount": "$f"}]})") ==
             "test.json: $.rules[0].amount ($f = '2'): a sell's amount is the fraction of the position sold: 0.1, 0.25, "
             "0.5 or 1, not 2");
  for (const char* f : {"0.1", "0.25", "0.5", "1", "1.00"})
    BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "sell", "amount": ")" + std::string(f) + "\"}]}") ==
                   "parsed",
               f);
  // The two flags take JSON booleans too.
  BOOST_TEST(parse_error(when("has_position", "==", "false")) == "parsed");
}

BOOST_AUTO_TEST_CASE(a_table_keeps_its_name_description_and_parameters_in_order) {
  const table s = parsed(R"({"name": "mine", "description": "d", "parameters": {"b": 0.5, "a": "2"},
                                     "rules": [{"action": "buy", "amount": 0.010, "when": [["price", "<", 2]]}]})");
  BOOST_TEST(s.name() == "mine");
  BOOST_TEST(s.description() == "d");
  BOOST_TEST_REQUIRE(s.parameters().size() == 2u);
  BOOST_TEST(s.parameters()[0].first == "b");
  BOOST_TEST(s.parameters()[0].second == "0.5");  // numbers keep their exact text
  BOOST_TEST(s.parameters()[1].first == "a");
  BOOST_TEST(s.has_parameter("a"));
  BOOST_TEST(!s.has_parameter("c"));
}

BOOST_AUTO_TEST_CASE(the_first_offered_rule_whose_conditions_hold_wins) {
  table s = parsed(R"({"name": "t", "rules": [
      {"action": "sell", "amount": "0.5", "when": [["price", ">", "2"]]},
      {"action": "buy", "amount": "0.02", "when": [["price", ">", "2"]]},
      {"action": "buy", "amount": "0.01"},
      {"action": "sidebet", "amount": "0.001"}]})");
  trading_settings settings;
  account wallet(settings);
  wallet.begin_game();
  // No position: sell is not offered, so the buy rule below it decides.
  BOOST_TEST(decide(s, wallet, active(1, "3")) == "buy 0.02");
  // Conditions false: the next rule, without conditions, decides.
  BOOST_TEST(decide(s, wallet, active(1, "1.5")) == "buy 0.01");
  std::vector<trade_event> log;
  paper_trade(wallet, {action::buy, dec("0.01")}, active(1, "1.5"), log);
  BOOST_TEST(decide(s, wallet, active(2, "3")) == "sell 0.5");
  BOOST_TEST(decide(s, wallet, active(2, "2")) == "buy 0.01");
  // Nothing offered, no decision even for a rule without conditions.
  BOOST_TEST(decide(s, wallet, make_tick(phase::cooldown, 2, "2")) == "-");
  // A table of only a sell rule decides nothing where selling is not offered.
  table only_sell = parsed(R"({"name": "t", "rules": [{"action": "sell", "amount": "1"}]})");
  BOOST_TEST(decide(only_sell, wallet, presale()) == "-");  // sell is never offered in presale
  BOOST_TEST(decide(only_sell, wallet, active(3, "1")) == "sell 1");
}

BOOST_AUTO_TEST_CASE(each_field) {
  trading_settings settings;
  account wallet(settings);
  wallet.begin_game();
  std::vector<trade_event> log;
  auto check = [&](std::string_view field, std::string_view op, std::string_view value, const tick& t) {
    table s = parsed(when(field, op, value));
    return decide(s, wallet, t) == "buy 0.01";
  };
  BOOST_TEST(check("price", "<", "\"1.5\"", active(1, "1.49")));
  BOOST_TEST(!check("price", "<", "\"1.5\"", active(1, "1.5")));
  BOOST_TEST(check("tick", ">=", "100", active(100, "1")));
  BOOST_TEST(!check("tick", ">=", "100", active(99, "1")));
  BOOST_TEST(check("balance", "==", "\"0.1\"", active(1, "1")));
  BOOST_TEST(check("has_position", "==", "\"false\"", active(1, "1")));
  BOOST_TEST(!check("has_position", "==", "\"true\"", active(1, "1")));
  BOOST_TEST(check("has_sidebet", "!=", "\"true\"", active(1, "1")));
  BOOST_TEST(check("phase", "==", "\"PRESALE\"", presale()));
  BOOST_TEST(!check("phase", "==", "\"PRESALE\"", active(1, "1")));
  BOOST_TEST(check("phase", "!=", "\"PRESALE\"", active(1, "1")));
  BOOST_TEST(check("phase", "==", "\"GAME_ACTIVATION\"", make_tick(phase::game_activation, 0, "1")));
  // Without a position, pnl_pct and ticks_held hold for no comparison at all.
  for (const char* op : {"<", "<=", ">", ">=", "==", "!="}) {
    BOOST_TEST(!check("pnl_pct", op, "0", active(1, "1")), op);
    BOOST_TEST(!check("ticks_held", op, "0", active(1, "1")), op);
  }

  paper_trade(wallet, {action::buy, dec("0.02")}, active(10, "2"), log);  // 0.01 tokens at 2
  paper_trade(wallet, {action::sidebet, dec("0.001")}, active(10, "2"), log);
  BOOST_TEST(wallet.balance().str() == "0.079");
  BOOST_TEST(check("balance", "==", "\"0.079\"", active(11, "1")));
  BOOST_TEST(check("has_position", "==", "\"true\"", active(11, "1")));
  BOOST_TEST(check("has_sidebet", "==", "\"true\"", active(11, "1")));
  // pnl_pct = (qty x price - invested) x 100 / invested: at 2.5, +25 %; at 1.5, -25 %.
  BOOST_TEST(check("pnl_pct", "==", "25", active(11, "2.5")));
  BOOST_TEST(check("pnl_pct", ">", "24.999", active(11, "2.5")));
  BOOST_TEST(check("pnl_pct", "==", "-25", active(11, "1.5")));
  BOOST_TEST(check("pnl_pct", "<=", "-25", active(11, "1.5")));
  BOOST_TEST(!check("pnl_pct", "<", "-25", active(11, "1.5")));
  BOOST_TEST(check("pnl_pct", "==", "0", active(11, "2")));
  // ticks_held counts from the tick the position was opened.
  BOOST_TEST(check("ticks_held", "==", "0", active(10, "2")));
  BOOST_TEST(check("ticks_held", "==", "60", active(70, "2")));
  BOOST_TEST(!check("ticks_held", ">=", "60", active(69, "2")));
}

BOOST_AUTO_TEST_CASE(each_comparison_at_its_boundary) {
  trading_settings settings;
  account wallet(settings);
  wallet.begin_game();
  struct row {
    const char* op;
    bool below, equal, above;  // price 1.9, 2, 2.1 against 2
  };
  const row rows[] = {{"<", true, false, false},  {"<=", true, true, false}, {">", false, false, true},
                      {">=", false, true, true},  {"==", false, true, false}, {"!=", true, false, true}};
  for (const row& r : rows) {
    table s = parsed(when("price", r.op, "\"2.0\""));
    BOOST_TEST((decide(s, wallet, active(1, "1.9")) != "-") == r.below, r.op);
    BOOST_TEST((decide(s, wallet, active(1, "2")) != "-") == r.equal, r.op);
    BOOST_TEST((decide(s, wallet, active(1, "2.1")) != "-") == r.above, r.op);
  }
}

BOOST_AUTO_TEST_CASE(all_conditions_must_hold) {
  trading_settings settings;
  account wallet(settings);
  wallet.begin_game();
  table s = parsed(R"({"name": "t", "rules": [{"action": "buy", "amount": "0.01",
      "when": [["price", ">=", "25"], ["price", "<=", "50"], ["tick", "<", "69"]]}]})");
  BOOST_TEST(decide(s, wallet, active(68, "25")) == "buy 0.01");
  BOOST_TEST(decide(s, wallet, active(68, "50")) == "buy 0.01");
  BOOST_TEST(decide(s, wallet, active(69, "30")) == "-");
  BOOST_TEST(decide(s, wallet, active(10, "24.99")) == "-");
  BOOST_TEST(decide(s, wallet, active(10, "50.01")) == "-");
}

BOOST_AUTO_TEST_CASE(parameters_and_set_parameter) {
  trading_settings settings;
  account wallet(settings);
  wallet.begin_game();
  table s = parsed(R"({"name": "p", "parameters": {"buy_amount": "0.005", "buy_below": 1.5},
      "rules": [{"action": "buy", "amount": "$buy_amount", "when": [["price", "<", "$buy_below"]]}]})");
  BOOST_TEST(decide(s, wallet, active(1, "1.4")) == "buy 0.005");
  BOOST_TEST(decide(s, wallet, active(1, "1.6")) == "-");

  BOOST_TEST(!s.set_parameter("buy_below", "2"));
  BOOST_TEST(!s.set_parameter("buy_amount", "0.02"));
  BOOST_TEST(decide(s, wallet, active(1, "1.6")) == "buy 0.02");
  BOOST_TEST(s.parameters()[0].second == "0.02");

  BOOST_TEST(*s.set_parameter("sell_above", "3") == "strategy p has no parameter 'sell_above'");
  BOOST_TEST(*s.set_parameter("buy_below", "two") ==
             "$.rules[0].when[0][2] ($buy_below = 'two'): 'two' is not a decimal number");
  BOOST_TEST(*s.set_parameter("buy_amount", "0") == "$.rules[0].amount ($buy_amount = '0'): '0' is not a positive decimal");
  // A refused value leaves the strategy as it was.
  BOOST_TEST(s.parameters()[0].second == "0.02");
  BOOST_TEST(s.parameters()[1].second == "2");
  BOOST_TEST(decide(s, wallet, active(1, "1.6")) == "buy 0.02");
  BOOST_TEST(decide(s, wallet, active(1, "2")) == "-");

  // A copy is independent (a sweep copies the base strategy for every point).
  table copy = s;
  BOOST_TEST(!copy.set_parameter("buy_below", "3"));
  BOOST_TEST(decide(copy, wallet, active(1, "2.5")) == "buy 0.02");
  BOOST_TEST(decide(s, wallet, active(1, "2.5")) == "-");
}

BOOST_AUTO_TEST_CASE(the_four_built_in_tables) {
  std::vector<std::string> names;
  for (const auto& b : builtin_strategies()) {
    auto s = table::parse(b.json, b.name);
    BOOST_TEST_REQUIRE(s.has_value(), b.name);
    BOOST_TEST(s->name() == b.name);
    BOOST_TEST(!s->description().empty());
    names.emplace_back(b.name);
  }
  std::sort(names.begin(), names.end());
  BOOST_TEST(names == (std::vector<std::string>{"aggressive", "conservative", "foundational", "sidebet"}));
}

BOOST_AUTO_TEST_CASE(conservative_decides_as_its_table_says) {
  table s = [] {
    for (const auto& b : builtin_strategies())
      if (b.name == "conservative") return *table::parse(b.json, b.name);
    throw std::runtime_error("no conservative");
  }();
  trading_settings settings;
  account wallet(settings);
  wallet.begin_game();
  std::vector<trade_event> log;
  BOOST_TEST(decide(s, wallet, presale()) == "buy 0.005");        // price 1 < 1.5, no position
  BOOST_TEST(decide(s, wallet, active(5, "1.5")) == "-");          // not below 1.5; tick <= 100
  BOOST_TEST(decide(s, wallet, active(101, "1.6")) == "sidebet 0.002");
  paper_trade(wallet, {action::buy, dec("0.005")}, presale(), log);
  BOOST_TEST(decide(s, wallet, active(5, "1.2")) == "-");          // +20 % is not > 20
  BOOST_TEST(decide(s, wallet, active(5, "1.21")) == "sell 1");    // take profit
  BOOST_TEST(decide(s, wallet, active(5, "0.85")) == "-");         // -15 % is not < -15
  BOOST_TEST(decide(s, wallet, active(5, "0.84")) == "sell 1");    // stop loss
}

BOOST_AUTO_TEST_SUITE_END()
