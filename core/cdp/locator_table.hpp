#pragma once
// How the game's trading panel is found on the page, as data (docs/browser.md): for every
// control, the elements to consider (CSS selectors of element kinds), the normalised texts that
// identify it with their match rule, and CSS fallbacks tried only when no text matches. The
// built-in table follows the real site (BUY+0.030 SOL, generated class names such as
// `_actionButton_1himf_1 _buy_1himf_114`); a JSON file can replace any control's rules without
// rebuilding. browser/locator.js applies the table in the page; the text rule is defined here.
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace replayer::cdp {

enum class text_match : std::uint8_t {
  exact,   // the whole normalised text
  prefix,  // the text starts with the pattern and a non-letter or the end follows (BUY, not BUYBACK)
};

/// What is done with a control: clicked (buttons), typed into (the amount input), read (displays).
enum class control_use : std::uint8_t { click, type, read };

struct text_pattern {
  std::string text;  // normalised (normalise_text)
  text_match match = text_match::exact;
};

struct control_rule {
  std::string name;                 // "buy", "add_0_01", "amount_input", "balance", ...
  control_use use = control_use::click;
  std::vector<std::string> kinds;   // CSS selectors of the elements whose text is compared
  std::vector<text_pattern> texts;  // any of them identifies the control
  std::vector<std::string> css;     // fallbacks, in order, when no text matches
};

struct locator_table {
  std::vector<control_rule> controls;  // in a fixed order (the built-in one)

  const control_rule* find(std::string_view name) const;
};

/// The built-in rules.
const locator_table& default_locator_table();

/// Whitespace runs (ASCII and U+00A0) collapsed to one space, trimmed, ASCII letters upper case:
/// "  Buy\n+0.030\u00a0SOL " -> "BUY +0.030 SOL". browser/locator.js does the same in the page.
std::string normalise_text(std::string_view text);

/// Whether the normalised text `normalised` is the pattern's control. A one-character pattern
/// (`X`) matches only exactly, whatever its rule.
bool text_matches(const text_pattern& pattern, std::string_view normalised);

/// The table with the controls of an override file replaced, field by field:
///   {"controls": {"buy": {"use": "click", "kinds": ["button"],
///                         "texts": [{"text": "BUY", "match": "prefix"}], "css": ["[class*=\"_buy_\"]"]}}}
/// Fields left out keep the base's values. Unknown keys (a control that does not exist, a
/// misspelt field), wrong types, empty selectors and prefix rules on one character are refused
/// with `source` and the JSON path ("locator.json: $.controls.buy.texts[0].match: ...").
boost::system::result<locator_table, std::string> apply_locator_override(const locator_table& base,
                                                                         std::string_view json,
                                                                         std::string_view source);

/// The table as locator.js takes it: {"controls": {name: {use, kinds, texts, css}}}.
boost::json::value locator_table_json(const locator_table& table);

std::string_view control_use_name(control_use u);
std::string_view text_match_name(text_match m);

}  // namespace replayer::cdp
