// rule_strategy: rule tables read from JSON (core/trading/rule_strategy): every parse error with
// its exact message, the evaluation (the first offered rule whose conditions hold wins), every
// field and comparison, any/all groups, amounts of the balance and amounts that grow with a streak,
// rules at a chosen tick, $parameters and set_parameter, and the four built-in tables.
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
using replayer::decision_inputs;
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
// "sell 1", or "-". `inputs` are what the session would remember.
std::string decide(table& s, const account& wallet, const tick& t, const decision_inputs& inputs = {}) {
  const decision_view view{t, wallet, wallet.offered(t), inputs};
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
  BOOST_TEST(parse_error("{").rfind("test.json: invalid JSON at column 2: ", 0) == 0u);
  BOOST_TEST(parse_error("[]") == "test.json: $: a strategy is a JSON object {name, description, parameters, rules}");
  BOOST_TEST(parse_error("{}") == "test.json: $.name: missing (a non-empty string)");
  BOOST_TEST(parse_error(R"({"name": ""})") == "test.json: $.name: missing (a non-empty string)");
  BOOST_TEST(parse_error(R"({"name": 3})") == "test.json: $.name: missing (a non-empty string)");
  BOOST_TEST(parse_error(R"({"name": "t", "description": 3})") == "test.json: $.description: must be a string");
  BOOST_TEST(parse_error(R"({"name": "t", "parameters": []})") ==
             "test.json: $.parameters: must be an object of name: value");
  BOOST_TEST(parse_error(R"({"name": "t", "parameters": {"x": [1]}})") ==
             "test.json: $.parameters.x: must be a number or a string");
  const std::string twice = ": an object holds the same key twice (Python's json would keep the last one, other readers "
                            "the first): remove one of them";
  BOOST_TEST(parse_error(R"({"name": "t", "parameters": {"x": 1, "x": 2}})") == "test.json: invalid JSON at column 38" + twice);
  BOOST_TEST(parse_error(R"({"name": "t"})") == "test.json: $.rules: missing (a non-empty array of rules)");
  BOOST_TEST(parse_error(R"({"name": "t", "rules": []})") == "test.json: $.rules: missing (a non-empty array of rules)");
  BOOST_TEST(parse_error(R"({"name": "t", "rules": {}})") == "test.json: $.rules: missing (a non-empty array of rules)");
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [1]})") ==
             "test.json: $.rules[0]: a rule is an object {action, amount, when, at_tick}");
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "hold", "amount": "1"}]})") ==
             "test.json: $.rules[0].action: missing or not buy, sell or sidebet");
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"amount": "1"}]})") ==
             "test.json: $.rules[0].action: missing or not buy, sell or sidebet");
  const std::string amount_help =
      ".amount: missing (SOL for buy and sidebet: a number, a string or {sol | of_balance, times_after_loss, "
      "times_after_win, max}; the fraction 0.1, 0.25, 0.5 or 1 for sell)";
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "sell", "amount": "1"}, {"action": "buy"}]})") ==
             "test.json: $.rules[1]" + amount_help);
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "buy", "amount": true}]})") ==
             "test.json: $.rules[0]" + amount_help);
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "buy", "amount": "1", "when": {}}]})") ==
             "test.json: $.rules[0].when: must be an array of [field, op, value] and groups");
  const std::string shape =
      "test.json: $.rules[0].when[0]: a condition is [field, op, value], e.g. [\"price\", \"<\", \"1.5\"], or a group "
      "{\"any\": [...]} / {\"all\": [...]}";
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "buy", "amount": "1", "when": [["price", "<"]]}]})") ==
             shape);
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "buy", "amount": "1", "when": ["price"]}]})") == shape);
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "buy", "amount": "1", "when": [[1, "<", 2]]}]})") ==
             shape);
  BOOST_TEST(parse_error(when("volume", "<", "1")) ==
             "test.json: $.rules[0].when[0][0]: unknown field \"volume\" (price, tick, pnl_pct, ticks_held, balance, "
             "has_position, has_sidebet, phase, peak, from_peak_pct, ticks_since_trade, streak, sidebet_streak)");
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
             "test.json: $.rules[0].whne: unknown key (allowed: action, amount, when, at_tick)");
  BOOST_TEST(parse_error(R"({"name": "t", "rule": [], "rules": [{"action": "buy", "amount": "0.01"}]})") ==
             "test.json: $.rule: unknown key (allowed: name, description, parameters, rules)");
  // A key given twice is refused by the JSON reader, where the second one is.
  BOOST_TEST(parse_error(R"({"name": "t", "rules": [{"action": "buy", "amount": "0.01", "amount": "0.02"}]})") ==
             "test.json: invalid JSON at column 61: an object holds the same key twice (Python's json would keep the "
             "last one, other readers the first): remove one of them");
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

BOOST_AUTO_TEST_CASE(the_new_keys_are_checked_at_load_with_their_json_path) {
  auto with_amount = [](std::string_view action, std::string_view amount) {
    return R"({"name": "t", "parameters": {"f": "0.5"}, "rules": [{"action": ")" + std::string(action) +
           R"(", "amount": )" + std::string(amount) + "}]}";
  };
  BOOST_TEST(parse_error(with_amount("sell", R"({"of_balance": 0.5})")) ==
             "test.json: $.rules[0].amount: a sell's amount is the fraction of the position sold (0.1, 0.25, 0.5 or 1), "
             "not an object");
  const std::string one_of = "test.json: $.rules[0].amount: give one of sol (SOL) or of_balance (a fraction of the balance)";
  BOOST_TEST(parse_error(with_amount("buy", R"({"sol": 0.01, "of_balance": 0.5})")) == one_of);
  BOOST_TEST(parse_error(with_amount("buy", R"({"max": 1})")) == one_of);
  BOOST_TEST(parse_error(with_amount("buy", R"({"sol": 0.01, "times": 2})")) ==
             "test.json: $.rules[0].amount.times: unknown key (allowed: sol, of_balance, times_after_loss, "
             "times_after_win, max)");
  BOOST_TEST(parse_error(with_amount("buy", R"({"sol": [1]})")) == "test.json: $.rules[0].amount.sol: must be a number or a string");
  for (const char* f : {"0", "1.5", "-0.1", "half"})
    BOOST_TEST(parse_error(with_amount("buy", R"({"of_balance": ")" + std::string(f) + "\"}")) ==
                   "test.json: $.rules[0].amount.of_balance: '" + std::string(f) +
                       "' is not a fraction of the balance (more than 0, at most 1)",
               f);
  BOOST_TEST(parse_error(with_amount("sidebet", R"({"of_balance": "$f"})")) == "parsed");
  BOOST_TEST(parse_error(with_amount("buy", R"({"sol": 0, "max": 1})")) ==
             "test.json: $.rules[0].amount.sol: '0' is not a positive amount of SOL (at most 1000000)");
  BOOST_TEST(parse_error(with_amount("buy", R"({"sol": 0.001, "times_after_loss": 2})")) ==
             "test.json: $.rules[0].amount: an amount that grows with a streak needs max (the largest amount, SOL)");
  BOOST_TEST(parse_error(with_amount("buy", R"({"sol": 0.001, "times_after_win": 0.5, "max": 1})")) ==
             "test.json: $.rules[0].amount.times_after_win: '0.5' is not a multiplier from 1 to 100");
  BOOST_TEST(parse_error(with_amount("buy", R"({"sol": 0.001, "times_after_loss": 101, "max": 1})")) ==
             "test.json: $.rules[0].amount.times_after_loss: '101' is not a multiplier from 1 to 100");
  BOOST_TEST(parse_error(with_amount("buy", R"({"sol": 0.001, "max": "-1"})")) ==
             "test.json: $.rules[0].amount.max: '-1' is not a positive amount of SOL (at most 1000000)");
  // A parameter that makes an amount object unusable is refused when it is set, as any other.
  table p = parsed(with_amount("buy", R"({"of_balance": "$f"})"));
  BOOST_TEST(*p.set_parameter("f", "2") ==
             "$.rules[0].amount.of_balance ($f = '2'): '2' is not a fraction of the balance (more than 0, at most 1)");

  auto with_when = [](std::string_view group) {
    return R"({"name": "t", "rules": [{"action": "buy", "amount": 0.01, "when": [)" + std::string(group) + "]}]}";
  };
  BOOST_TEST(parse_error(with_when(R"({"one": []})")) == "test.json: $.rules[0].when[0].one: unknown key (allowed: all, any)");
  const std::string group = R"(test.json: $.rules[0].when[0]: a group is {"all": [...]} or {"any": [...]}, one of them)";
  BOOST_TEST(parse_error(with_when("{}")) == group);
  BOOST_TEST(parse_error(with_when(R"({"any": [["tick", ">", 1]], "all": [["tick", ">", 1]]})")) == group);
  BOOST_TEST(parse_error(with_when(R"({"any": []})")) ==
             "test.json: $.rules[0].when[0].any: must be a non-empty array of conditions and groups");
  BOOST_TEST(parse_error(with_when(R"({"all": [["tick", ">", 1], {"any": [["volume", "<", 1]]}]})")).rfind(
                 "test.json: $.rules[0].when[0].all[1].any[0][0]: unknown field \"volume\"", 0) == 0u);
  BOOST_TEST(parse_error(with_when(R"({"any": [["tick", ">", "$t"]]})")) ==
             "test.json: $.rules[0].when[0].any[0][2]: unknown parameter $t (the table has none)");
  std::string nested = R"(["tick", ">", 1])";
  for (int depth = 0; depth < 4; ++depth) nested = R"({"any": [)" + nested + "]}";
  BOOST_TEST(parse_error(with_when(nested)) == "parsed");  // four groups deep
  BOOST_TEST(parse_error(with_when(R"({"any": [)" + nested + "]}")) ==
             "test.json: $.rules[0].when[0].any[0].any[0].any[0].any[0].any: groups nest at most 4 deep");

  auto at_tick = [](std::string_view value) {
    return R"({"name": "t", "rules": [{"action": "sidebet", "amount": 0.001, "at_tick": )" + std::string(value) + "}]}";
  };
  BOOST_TEST(parse_error(at_tick("150")) == "parsed");
  BOOST_TEST(parse_error(at_tick("\"soon\"")) ==
             "test.json: $.rules[0].at_tick: 'soon' is not a tick (a whole number from 0 to 100000)");
  BOOST_TEST(parse_error(at_tick("-1")) == "test.json: $.rules[0].at_tick: '-1' is not a tick (a whole number from 0 to 100000)");
  BOOST_TEST(parse_error(at_tick("1.5")) == "test.json: $.rules[0].at_tick: '1.5' is not a tick (a whole number from 0 to 100000)");
  BOOST_TEST(parse_error(at_tick("100001")) ==
             "test.json: $.rules[0].at_tick: '100001' is not a tick (a whole number from 0 to 100000)");
  BOOST_TEST(parse_error(at_tick("true")) ==
             "test.json: $.rules[0].at_tick: must be a number or a string (a tick, or \"$parameter\")");
}

BOOST_AUTO_TEST_CASE(amounts_as_a_fraction_of_the_balance) {
  trading_settings settings;  // starting balance 0.1
  account wallet(settings);
  wallet.begin_game();
  table s = parsed(R"({"name": "t", "parameters": {"f": "0.25"}, "rules": [
      {"action": "buy", "amount": {"of_balance": "$f"}, "when": [["has_position", "==", false]]},
      {"action": "sidebet", "amount": {"of_balance": 0.5, "max": "0.03"}}]})");
  BOOST_TEST(decide(s, wallet, active(1, "1")) == "buy 0.025");  // 0.25 x 0.1
  // Rounded down to whole thousandths (what the panel can build): 0.3333 x 0.1 = 0.03333.
  BOOST_TEST(!s.set_parameter("f", "0.3333"));
  BOOST_TEST(decide(s, wallet, active(1, "1")) == "buy 0.033");
  // Under a thousandth the rule does not hold; the next one decides.
  BOOST_TEST(!s.set_parameter("f", "0.009"));
  BOOST_TEST(decide(s, wallet, active(1, "1")) == "sidebet 0.03");  // 0.05, capped at max 0.03
  std::vector<trade_event> log;
  paper_trade(wallet, {action::buy, dec("0.046")}, active(1, "1"), log);
  BOOST_TEST(wallet.balance().str() == "0.054");
  BOOST_TEST(decide(s, wallet, active(2, "1")) == "sidebet 0.027");  // half of what is left now
}

BOOST_AUTO_TEST_CASE(martingale_sizing_doubles_after_each_loss_up_to_the_cap) {
  trading_settings settings;
  account wallet(settings);
  wallet.begin_game();
  table s = parsed(R"({"name": "t", "rules": [
      {"action": "buy", "amount": {"sol": "0.001", "times_after_loss": 2, "times_after_win": "1.5", "max": "0.005"}}]})");
  auto after = [&](std::int64_t streak) {
    decision_inputs in;
    in.streak = streak;
    return decide(s, wallet, active(1, "1"), in);
  };
  BOOST_TEST(after(0) == "buy 0.001");
  BOOST_TEST(after(-1) == "buy 0.002");
  BOOST_TEST(after(-2) == "buy 0.004");
  BOOST_TEST(after(-3) == "buy 0.005");     // 0.008, capped
  BOOST_TEST(after(-5000) == "buy 0.005");  // stops multiplying at the cap
  BOOST_TEST(after(1) == "buy 0.001");      // 0.0015, rounded down
  BOOST_TEST(after(2) == "buy 0.002");      // 0.00225
  BOOST_TEST(after(4) == "buy 0.005");      // 0.0050625, capped
  // A sidebet's amount follows the sidebet streak, a buy's the streak of closed trades.
  table side = parsed(R"({"name": "t", "rules": [
      {"action": "sidebet", "amount": {"sol": "0.001", "times_after_loss": 2, "max": "0.008"}}]})");
  decision_inputs in;
  in.streak = -3;
  BOOST_TEST(decide(side, wallet, active(1, "1"), in) == "sidebet 0.001");
  in.sidebet_streak = -2;
  BOOST_TEST(decide(side, wallet, active(1, "1"), in) == "sidebet 0.004");
  // Of the balance, then grown: 0.1 x 0.01 = 0.001, x 2 x 2 = 0.004.
  table of_balance = parsed(R"({"name": "t", "rules": [
      {"action": "buy", "amount": {"of_balance": "0.01", "times_after_loss": 2, "max": 1}}]})");
  in.streak = -2;
  BOOST_TEST(decide(of_balance, wallet, active(1, "1"), in) == "buy 0.004");
}

BOOST_AUTO_TEST_CASE(any_of_groups_beside_all_of) {
  trading_settings settings;
  account wallet(settings);
  wallet.begin_game();
  table s = parsed(R"({"name": "t", "rules": [{"action": "buy", "amount": 0.01,
      "when": [["tick", ">=", 10], {"any": [["price", "<", 1], ["price", ">", 5],
                                            {"all": [["price", ">", 2], ["price", "<", 3]]}]}]}]})");
  BOOST_TEST(decide(s, wallet, active(10, "0.5")) == "buy 0.01");
  BOOST_TEST(decide(s, wallet, active(10, "6")) == "buy 0.01");
  BOOST_TEST(decide(s, wallet, active(10, "2.5")) == "buy 0.01");
  BOOST_TEST(decide(s, wallet, active(10, "2")) == "-");   // 2 is not > 2
  BOOST_TEST(decide(s, wallet, active(10, "4")) == "-");
  BOOST_TEST(decide(s, wallet, active(9, "0.5")) == "-");  // the all-of part fails
  // A condition without a subject (pnl_pct with no position) fails within a group; the others decide.
  table exit = parsed(R"({"name": "t", "rules": [{"action": "buy", "amount": 0.01,
      "when": [{"any": [["pnl_pct", ">", 10], ["tick", "==", 3]]}]}]})");
  BOOST_TEST(decide(exit, wallet, active(3, "1")) == "buy 0.01");
  BOOST_TEST(decide(exit, wallet, active(4, "1")) == "-");
}

BOOST_AUTO_TEST_CASE(the_games_peak_ticks_since_the_last_trade_and_the_streaks) {
  trading_settings settings;
  account wallet(settings);
  wallet.begin_game();
  auto check = [&](std::string_view field, std::string_view op, std::string_view value, const tick& t,
                   const decision_inputs& in) {
    table s = parsed(when(field, op, value));
    return decide(s, wallet, t, in) == "buy 0.01";
  };
  decision_inputs in;
  in.peak = dec("4");
  // The peak so far, this tick included, and the fall from it in percent.
  BOOST_TEST(check("peak", "==", "4", active(5, "3"), in));
  BOOST_TEST(check("peak", "==", "5", active(5, "5"), in));
  BOOST_TEST(check("from_peak_pct", "==", "-25", active(5, "3"), in));
  BOOST_TEST(check("from_peak_pct", "<=", "-25", active(5, "3"), in));
  BOOST_TEST(!check("from_peak_pct", "<=", "-25", active(5, "3.5"), in));  // -12.5
  BOOST_TEST(check("from_peak_pct", "==", "0", active(5, "5"), in));
  // Ticks since the game's last fill; before the first, since the game began.
  BOOST_TEST(check("ticks_since_trade", "==", "7", active(7, "1"), in));
  in.last_fill_tick = 10;
  BOOST_TEST(check("ticks_since_trade", "==", "5", active(15, "1"), in));
  BOOST_TEST(!check("ticks_since_trade", ">=", "6", active(15, "1"), in));
  // Streaks: -n after n losses in a row, +n after n wins.
  in.streak = -2;
  in.sidebet_streak = 3;
  BOOST_TEST(check("streak", "<=", "-2", active(1, "1"), in));
  BOOST_TEST(!check("streak", "<", "-2", active(1, "1"), in));
  BOOST_TEST(check("sidebet_streak", "==", "3", active(1, "1"), in));
  BOOST_TEST(check("streak", "==", "0", active(1, "1"), decision_inputs{}));
}

BOOST_AUTO_TEST_CASE(a_rule_at_a_chosen_tick_holds_on_the_first_decision_point_from_it) {
  trading_settings settings;
  account wallet(settings);
  wallet.begin_game();
  table s = parsed(R"({"name": "t", "parameters": {"at": 150}, "rules": [
      {"action": "sidebet", "amount": "0.002", "at_tick": "$at"}, {"action": "buy", "amount": "0.01"}]})");
  auto at = [&](std::int64_t index, std::optional<std::int64_t> previous) {
    decision_inputs in;
    in.previous_decision_tick = previous;
    return decide(s, wallet, active(index, "1"), in);
  };
  BOOST_TEST(at(149, 148) == "buy 0.01");
  BOOST_TEST(at(150, 149) == "sidebet 0.002");
  BOOST_TEST(at(151, 150) == "buy 0.01");      // once per game
  BOOST_TEST(at(156, 140) == "sidebet 0.002");  // tick 150 was no decision point (a gap, an order in flight)
  BOOST_TEST(at(151, std::nullopt) == "sidebet 0.002");  // the game's first decision point
  BOOST_TEST(!s.set_parameter("at", "0"));
  BOOST_TEST(decide(s, wallet, presale()) == "sidebet 0.002");
  BOOST_TEST(*s.set_parameter("at", "x") == "$.rules[0].at_tick ($at = 'x'): 'x' is not a tick (a whole number from 0 to 100000)");
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
