#include "core/cdp/locator_table.hpp"

#include <boost/json/error.hpp>
#include <boost/json/parser.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

namespace replayer::cdp {
namespace {

namespace json = boost::json;

const std::vector<std::string> button_kinds{"button", "[role=\"button\"]", "div[class*=\"button\" i]"};

control_rule button(std::string name, std::vector<text_pattern> texts, std::vector<std::string> css = {}) {
  return {std::move(name), control_use::click, button_kinds, std::move(texts), std::move(css)};
}

text_pattern exact(std::string text) { return {std::move(text), text_match::exact}; }
text_pattern prefix(std::string text) { return {std::move(text), text_match::prefix}; }

locator_table build_default() {
  locator_table t;
  t.controls = {
      button("buy", {prefix("BUY")}, {"[class*=\"_actionButton_\"][class*=\"_buy_\"]", "[class*=\"_buy_\"]"}),
      button("sell", {prefix("SELL")}, {"[class*=\"_actionButton_\"][class*=\"_sell_\"]", "[class*=\"_sell_\"]"}),
      button("sidebet", {prefix("SIDEBET"), prefix("SIDE BET")},
             {"[class*=\"_sidebetButton_\"]", "[class*=\"bet-button\"]"}),
      button("sidebet_open", {exact("SIDE BETS"), exact("SIDEBETS"), exact("OPEN SIDEBET")},
             {"[class*=\"_sidebetToggle_\"]"}),
      {"amount_input", control_use::type, {"input"}, {},
       {"input[class*=\"_betInput_\"]", "input[type=\"number\"]", "input[inputmode=\"decimal\"]",
        "input[placeholder*=\"amount\" i]", "[data-input=\"bet-amount\"]"}},
      button("clear", {exact("X"), exact("\xC3\x97"), exact("\xE2\x9C\x95")}, {"button[class*=\"_clearButton_\"]"}),
      button("add_0_001", {exact("+0.001"), exact("+ 0.001")}),
      button("add_0_01", {exact("+0.01"), exact("+ 0.01")}),
      button("add_0_1", {exact("+0.1"), exact("+ 0.1")}),
      button("add_1", {exact("+1"), exact("+ 1")}),
      button("half", {exact("1/2"), exact("\xC2\xBD"), exact("HALF")}),
      button("double", {exact("X2"), exact("2X"), exact("\xC3\x97" "2"), exact("DOUBLE")}),
      button("max", {exact("MAX")}),
      button("sell_10", {exact("10%"), exact("10 %")}),
      button("sell_25", {exact("25%"), exact("25 %")}),
      button("sell_50", {exact("50%"), exact("50 %")}),
      button("sell_100", {exact("100%"), exact("100 %")}),
      {"balance", control_use::read, {}, {}, {"[class*=\"_balanceValue_\"]", "[data-balance]"}},
      {"position", control_use::read, {}, {}, {"[class*=\"_positionValue_\"]", "[data-position]"}},
  };
  return t;
}

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_letter(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// The number of bytes of a whitespace character at `text[i]`, 0 when there is none.
std::size_t space_at(std::string_view text, std::size_t i) {
  if (is_space(static_cast<unsigned char>(text[i]))) return 1;
  if (i + 1 < text.size() && static_cast<unsigned char>(text[i]) == 0xC2 && static_cast<unsigned char>(text[i + 1]) == 0xA0)
    return 2;
  return 0;
}

constexpr std::array use_names{std::pair{control_use::click, "click"}, std::pair{control_use::type, "type"},
                               std::pair{control_use::read, "read"}};
constexpr std::array match_names{std::pair{text_match::exact, "exact"}, std::pair{text_match::prefix, "prefix"}};

template <class Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::pair<Enum, const char*>, N>& names, std::string_view text) {
  for (const auto& [value, name] : names)
    if (text == name) return value;
  return std::nullopt;
}

template <class Enum, std::size_t N>
std::string choices(const std::array<std::pair<Enum, const char*>, N>& names) {
  std::string out;
  for (const auto& [value, name] : names) out += (out.empty() ? "" : ", ") + std::string("\"") + name + "\"";
  return out;
}

// Reads one override file; every refusal is "SOURCE: $.path: what".
class override_reader {
public:
  explicit override_reader(std::string_view source) : source_(source) {}

  std::optional<std::string> error;

  void fail(const std::string& path, const std::string& what) {
    if (!error) error = source_ + ": " + path + ": " + what;
  }

  std::optional<std::vector<std::string>> strings(const json::value& v, const std::string& path) {
    if (!v.is_array()) return fail(path, "must be an array of strings"), std::nullopt;
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v.as_array().size(); ++i) {
      const json::value& item = v.as_array()[i];
      const std::string at = path + "[" + std::to_string(i) + "]";
      if (!item.is_string()) return fail(at, "must be a string"), std::nullopt;
      if (item.as_string().empty()) return fail(at, "an empty selector matches nothing"), std::nullopt;
      out.emplace_back(item.as_string());
    }
    return out;
  }

  std::optional<std::vector<text_pattern>> patterns(const json::value& v, const std::string& path) {
    if (!v.is_array()) return fail(path, "must be an array of {\"text\", \"match\"} objects"), std::nullopt;
    std::vector<text_pattern> out;
    for (std::size_t i = 0; i < v.as_array().size(); ++i) {
      const json::value& item = v.as_array()[i];
      const std::string at = path + "[" + std::to_string(i) + "]";
      if (!item.is_object()) return fail(at, "must be an object {\"text\": \"BUY\", \"match\": \"prefix\"}"), std::nullopt;
      text_pattern p;
      bool has_text = false;
      for (const auto& member : item.as_object()) {
        const std::string field_at = at + "." + std::string(member.key());
        if (member.key() == "text") {
          if (!member.value().is_string()) return fail(field_at, "must be a string"), std::nullopt;
          p.text = normalise_text(member.value().as_string());
          if (p.text.empty()) return fail(field_at, "is empty once whitespace is collapsed"), std::nullopt;
          has_text = true;
        } else if (member.key() == "match") {
          const auto m = member.value().is_string() ? lookup(match_names, member.value().as_string()) : std::nullopt;
          if (!m) return fail(field_at, "must be one of " + choices(match_names)), std::nullopt;
          p.match = *m;
        } else {
          return fail(field_at, "unknown key (a pattern has \"text\" and \"match\")"), std::nullopt;
        }
      }
      if (!has_text) return fail(at, "missing \"text\""), std::nullopt;
      if (p.match == text_match::prefix && p.text.size() == 1)
        return fail(at, "a one-character pattern (\"" + p.text + "\") can only match exactly"), std::nullopt;
      out.push_back(std::move(p));
    }
    return out;
  }

  void control(control_rule& rule, const json::value& v, const std::string& path) {
    if (!v.is_object()) return fail(path, "must be an object with any of \"use\", \"kinds\", \"texts\", \"css\"");
    for (const auto& member : v.as_object()) {
      const std::string at = path + "." + std::string(member.key());
      if (member.key() == "use") {
        const auto u = member.value().is_string() ? lookup(use_names, member.value().as_string()) : std::nullopt;
        if (!u) return fail(at, "must be one of " + choices(use_names));
        rule.use = *u;
      } else if (member.key() == "kinds") {
        if (auto s = strings(member.value(), at)) rule.kinds = std::move(*s);
      } else if (member.key() == "texts") {
        if (auto p = patterns(member.value(), at)) rule.texts = std::move(*p);
      } else if (member.key() == "css") {
        if (auto s = strings(member.value(), at)) rule.css = std::move(*s);
      } else {
        return fail(at, "unknown key (a control has \"use\", \"kinds\", \"texts\", \"css\")");
      }
      if (error) return;
    }
    if (rule.texts.empty() && rule.css.empty()) return fail(path, "no texts and no css: the control could never be found");
    if (!rule.texts.empty() && rule.kinds.empty()) return fail(path, "texts but no kinds: no element would be compared");
  }

private:
  std::string source_;
};

}  // namespace

const control_rule* locator_table::find(std::string_view name) const {
  const auto it = std::find_if(controls.begin(), controls.end(), [&](const control_rule& c) { return c.name == name; });
  return it == controls.end() ? nullptr : &*it;
}

const locator_table& default_locator_table() {
  static const locator_table table = build_default();
  return table;
}

std::string normalise_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t n = space_at(text, i)) {
      pending_space = !out.empty();
      i += n;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    const char c = text[i++];
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

bool text_matches(const text_pattern& pattern, std::string_view normalised) {
  if (pattern.text.empty()) return false;
  if (pattern.match == text_match::exact || pattern.text.size() == 1) return normalised == pattern.text;
  if (!normalised.starts_with(pattern.text)) return false;
  return normalised.size() == pattern.text.size() || !is_letter(static_cast<unsigned char>(normalised[pattern.text.size()]));
}

boost::system::result<locator_table, std::string> apply_locator_override(const locator_table& base, std::string_view text,
                                                                         std::string_view source) {
  const std::string where(source);
  json::parser parser;
  boost::system::error_code ec;
  const std::size_t used = parser.write_some(text.data(), text.size(), ec);
  if (!ec && used < text.size()) ec = json::error::extra_data;
  if (ec) return where + ": invalid JSON at offset " + std::to_string(used) + ": " + ec.message();
  const json::value root = parser.release();
  if (!root.is_object()) return where + ": $: must be an object {\"controls\": {...}}";

  locator_table table = base;
  override_reader reader(source);
  for (const auto& member : root.as_object()) {
    if (member.key() != "controls") {
      reader.fail("$." + std::string(member.key()), "unknown key (the file has \"controls\")");
      break;
    }
    if (!member.value().is_object()) {
      reader.fail("$.controls", "must be an object of control name: rules");
      break;
    }
    for (const auto& control : member.value().as_object()) {
      const std::string path = "$.controls." + std::string(control.key());
      auto it = std::find_if(table.controls.begin(), table.controls.end(),
                             [&](const control_rule& c) { return c.name == control.key(); });
      if (it == table.controls.end()) {
        std::string names;
        for (const auto& c : table.controls) names += (names.empty() ? "" : ", ") + c.name;
        reader.fail(path, "unknown control (the controls are " + names + ")");
        break;
      }
      reader.control(*it, control.value(), path);
      if (reader.error) break;
    }
  }
  if (reader.error) return *reader.error;
  return table;
}

boost::json::value locator_table_json(const locator_table& table) {
  json::object controls;
  for (const control_rule& c : table.controls) {
    json::array kinds(c.kinds.begin(), c.kinds.end());
    json::array css(c.css.begin(), c.css.end());
    json::array texts;
    for (const text_pattern& p : c.texts)
      texts.push_back(json::object{{"text", p.text}, {"match", text_match_name(p.match)}});
    controls[c.name] = json::object{
        {"use", control_use_name(c.use)}, {"kinds", std::move(kinds)}, {"texts", std::move(texts)}, {"css", std::move(css)}};
  }
  return json::object{{"controls", std::move(controls)}};
}

std::string_view control_use_name(control_use u) {
  for (const auto& [value, name] : use_names)
    if (value == u) return name;
  return "click";
}

std::string_view text_match_name(text_match m) {
  for (const auto& [value, name] : match_names)
    if (value == m) return name;
  return "exact";
}

}  // namespace replayer::cdp
