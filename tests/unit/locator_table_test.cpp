// locator_table: the trading panel's locator rules (core/cdp/locator_table): the normalised-text
// rule (prefix, not substring: BUY+0.030 SOL is BUY, BUYBACK is not; one character only
// exactly), the built-in table, and the override file with its refusals by JSON path.
#include "core/cdp/locator_table.hpp"

#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <string>

namespace cdp = replayer::cdp;
using cdp::apply_locator_override;
using cdp::control_rule;
using cdp::default_locator_table;
using cdp::locator_table_json;
using cdp::normalise_text;
using cdp::text_match;
using cdp::text_matches;
using cdp::text_pattern;

namespace {

bool matches(const cdp::locator_table& t, std::string_view control, std::string_view raw_text) {
  const control_rule* rule = t.find(control);
  BOOST_TEST_REQUIRE(rule != nullptr);
  const std::string text = normalise_text(raw_text);
  for (const text_pattern& p : rule->texts)
    if (text_matches(p, text)) return true;
  return false;
}

// The error of an override that must be refused.
std::string refusal(std::string_view json) {
  auto r = apply_locator_override(default_locator_table(), json, "locator.json");
  BOOST_TEST_REQUIRE(r.has_error(), "accepted: " << json);
  return r.error();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(locator_table)

BOOST_AUTO_TEST_CASE(normalising_collapses_whitespace_and_upper_cases_ascii) {
  BOOST_TEST(normalise_text("  Buy\n  +0.030\xC2\xA0SOL \t") == "BUY +0.030 SOL");
  BOOST_TEST(normalise_text("BUY+0.030 SOL") == "BUY+0.030 SOL");
  BOOST_TEST(normalise_text("") == "");
  BOOST_TEST(normalise_text(" \n ") == "");
  BOOST_TEST(normalise_text("\xC3\x97" "2") == "\xC3\x97" "2");  // non-ASCII kept as it is
  BOOST_TEST(normalise_text("sell-0.5 sol") == "SELL-0.5 SOL");
}

BOOST_AUTO_TEST_CASE(the_prefix_rule_takes_the_amount_but_not_a_longer_word) {
  const text_pattern buy{"BUY", text_match::prefix};
  BOOST_TEST(text_matches(buy, "BUY"));
  BOOST_TEST(text_matches(buy, "BUY+0.030 SOL"));
  BOOST_TEST(text_matches(buy, "BUY +0.030 SOL"));  // the amount in a span of its own
  BOOST_TEST(text_matches(buy, normalise_text("Buy")));
  BOOST_TEST(!text_matches(buy, "BUYBACK"));
  BOOST_TEST(!text_matches(buy, "BUYX"));
  BOOST_TEST(!text_matches(buy, "QUICK BUY"));  // a prefix, never a substring
  BOOST_TEST(!text_matches(buy, "BU"));
  const text_pattern exact_buy{"BUY", text_match::exact};
  BOOST_TEST(text_matches(exact_buy, "BUY"));
  BOOST_TEST(!text_matches(exact_buy, "BUY+0.030 SOL"));
}

BOOST_AUTO_TEST_CASE(a_one_character_pattern_matches_only_exactly) {
  const text_pattern x{"X", text_match::prefix};
  BOOST_TEST(text_matches(x, "X"));
  BOOST_TEST(!text_matches(x, "X2"));
  BOOST_TEST(!text_matches(x, "X 2"));
  BOOST_TEST(!text_matches(text_pattern{"", text_match::prefix}, ""));
}

BOOST_AUTO_TEST_CASE(the_built_in_table_tells_the_panel_controls_apart) {
  const cdp::locator_table& t = default_locator_table();
  BOOST_TEST(matches(t, "buy", "BUY+0.030 SOL"));
  BOOST_TEST(matches(t, "buy", "Buy"));
  BOOST_TEST(!matches(t, "buy", "BUYBACK"));
  BOOST_TEST(matches(t, "sell", "SELL-0.030 SOL"));
  BOOST_TEST(matches(t, "sidebet", "SIDEBET"));
  BOOST_TEST(matches(t, "sidebet", "Side bet +0.010 SOL"));
  BOOST_TEST(!matches(t, "sidebet", "Side bets"));  // the panel's opener is not the action
  BOOST_TEST(matches(t, "sidebet_open", "Side bets"));
  BOOST_TEST(matches(t, "clear", "x"));
  BOOST_TEST(!matches(t, "clear", "X2"));
  BOOST_TEST(matches(t, "double", "X2"));
  BOOST_TEST(matches(t, "add_0_01", "+0.01"));
  BOOST_TEST(!matches(t, "add_0_01", "+0.001"));
  BOOST_TEST(!matches(t, "add_0_001", "+0.01"));
  BOOST_TEST(!matches(t, "add_1", "+1.5"));
  BOOST_TEST(matches(t, "sell_10", "10 %"));
  BOOST_TEST(!matches(t, "sell_10", "100%"));
  BOOST_TEST(matches(t, "sell_100", "100%"));
  BOOST_TEST(matches(t, "half", "1/2"));
  for (const char* name : {"buy", "sell", "sidebet"}) {
    const control_rule* rule = t.find(name);
    BOOST_TEST_REQUIRE(rule != nullptr);
    BOOST_TEST(!rule->css.empty(), name << " has CSS fallbacks");
  }
  BOOST_TEST(cdp::control_use_name(t.find("amount_input")->use) == "type");
  BOOST_TEST(cdp::control_use_name(t.find("balance")->use) == "read");
  BOOST_TEST(t.find("nonsense") == nullptr);
}

BOOST_AUTO_TEST_CASE(an_override_replaces_the_fields_it_names) {
  auto r = apply_locator_override(default_locator_table(), R"({"controls": {
      "buy": {"texts": [{"text": " acheter ", "match": "prefix"}]},
      "max": {"css": ["button.max"]},
      "balance": {"use": "read", "css": ["#cash"]}}})", "locator.json");
  BOOST_TEST_REQUIRE(r.has_value(), r.error());
  const control_rule* buy = r->find("buy");
  BOOST_TEST_REQUIRE(buy->texts.size() == 1u);
  BOOST_TEST(buy->texts[0].text == "ACHETER");  // normalised on load
  BOOST_TEST(buy->css == default_locator_table().find("buy")->css);  // left out: kept
  BOOST_TEST(matches(*r, "buy", "Acheter 0.5"));
  BOOST_TEST(!matches(*r, "buy", "BUY"));
  BOOST_TEST(r->find("max")->css == std::vector<std::string>{"button.max"});
  BOOST_TEST(r->find("balance")->css == std::vector<std::string>{"#cash"});
  BOOST_TEST(r->controls.size() == default_locator_table().controls.size());
  // An empty override is the table itself.
  auto same = apply_locator_override(default_locator_table(), R"({})", "x.json");
  BOOST_TEST_REQUIRE(same.has_value());
  BOOST_TEST(boost::json::serialize(locator_table_json(*same)) ==
             boost::json::serialize(locator_table_json(default_locator_table())));
}

BOOST_AUTO_TEST_CASE(an_override_is_refused_with_the_file_and_the_json_path) {
  BOOST_TEST(refusal("{\"controls\": ") .starts_with("locator.json: invalid JSON at offset"));
  BOOST_TEST(refusal("{} x").starts_with("locator.json: invalid JSON at offset"));
  BOOST_TEST(refusal("[]") == "locator.json: $: must be an object {\"controls\": {...}}");
  BOOST_TEST(refusal(R"({"control": {}})") == "locator.json: $.control: unknown key (the file has \"controls\")");
  BOOST_TEST(refusal(R"({"controls": []})") == "locator.json: $.controls: must be an object of control name: rules");
  BOOST_TEST(refusal(R"({"controls": {"bye": {}}})").starts_with(
      "locator.json: $.controls.bye: unknown control (the controls are buy, sell, sidebet,"));
  BOOST_TEST(refusal(R"({"controls": {"buy": {"text": []}}})") ==
             "locator.json: $.controls.buy.text: unknown key (a control has \"use\", \"kinds\", \"texts\", \"css\")");
  BOOST_TEST(refusal(R"({"controls": {"buy": {"use": "press"}}})") ==
             "locator.json: $.controls.buy.use: must be one of \"click\", \"type\", \"read\"");
  BOOST_TEST(refusal(R"({"controls": {"buy": {"css": "[class*=_buy_]"}}})") ==
             "locator.json: $.controls.buy.css: must be an array of strings");
  BOOST_TEST(refusal(R"({"controls": {"buy": {"css": ["a", 3]}}})") == "locator.json: $.controls.buy.css[1]: must be a string");
  BOOST_TEST(refusal(R"({"controls": {"buy": {"kinds": [""]}}})") ==
             "locator.json: $.controls.buy.kinds[0]: an empty selector matches nothing");
  BOOST_TEST(refusal(R"({"controls": {"sell": {"texts": ["SELL"]}}})") ==
             "locator.json: $.controls.sell.texts[0]: must be an object {\"text\": \"BUY\", \"match\": \"prefix\"}");
  BOOST_TEST(refusal(R"({"controls": {"sell": {"texts": [{"text": "SELL", "match": "start"}]}}})") ==
             "locator.json: $.controls.sell.texts[0].match: must be one of \"exact\", \"prefix\"");
  BOOST_TEST(refusal(R"({"controls": {"sell": {"texts": [{"text": "SELL", "case": 1}]}}})") ==
             "locator.json: $.controls.sell.texts[0].case: unknown key (a pattern has \"text\" and \"match\")");
  BOOST_TEST(refusal(R"({"controls": {"sell": {"texts": [{"match": "exact"}]}}})") ==
             "locator.json: $.controls.sell.texts[0]: missing \"text\"");
  BOOST_TEST(refusal(R"({"controls": {"sell": {"texts": [{"text": 5}]}}})") ==
             "locator.json: $.controls.sell.texts[0].text: must be a string");
  BOOST_TEST(refusal(R"({"controls": {"sell": {"texts": [{"text": "  "}]}}})") ==
             "locator.json: $.controls.sell.texts[0].text: is empty once whitespace is collapsed");
  BOOST_TEST(refusal(R"({"controls": {"clear": {"texts": [{"text": "x", "match": "prefix"}]}}})") ==
             "locator.json: $.controls.clear.texts[0]: a one-character pattern (\"X\") can only match exactly");
  BOOST_TEST(refusal(R"({"controls": {"max": {"texts": [], "css": []}}})") ==
             "locator.json: $.controls.max: no texts and no css: the control could never be found");
  BOOST_TEST(refusal(R"({"controls": {"max": {"kinds": []}}})") ==
             "locator.json: $.controls.max: texts but no kinds: no element would be compared");
}

BOOST_AUTO_TEST_CASE(the_table_is_handed_to_the_page_as_json) {
  const boost::json::value v = locator_table_json(default_locator_table());
  const auto& buy = v.at("controls").at("buy").as_object();
  BOOST_TEST(buy.at("use").as_string() == "click");
  BOOST_TEST(buy.at("texts").as_array().at(0).at("text").as_string() == "BUY");
  BOOST_TEST(buy.at("texts").as_array().at(0).at("match").as_string() == "prefix");
  BOOST_TEST(buy.at("css").as_array().at(0).as_string() == "[class*=\"_actionButton_\"][class*=\"_buy_\"]");
  BOOST_TEST(v.at("controls").at("amount_input").at("use").as_string() == "type");
}

BOOST_AUTO_TEST_SUITE_END()
