#include "core/trading/rule_strategy.hpp"

#include "core/json_flat.hpp"
#include "core/json_value.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <stdexcept>

namespace replayer {
namespace {

constexpr std::array<std::string_view, 8> field_names = {"price",      "tick",         "pnl_pct",     "ticks_held",
                                                          "balance",    "has_position", "has_sidebet", "phase"};
constexpr std::array<std::string_view, 6> comparison_names = {"<", "<=", ">", ">=", "==", "!="};
constexpr std::array<std::string_view, 3> action_names = {"buy", "sell", "sidebet"};

template <class Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == text) return static_cast<Enum>(i);
  return std::nullopt;
}

// A scalar as text: strings as they are, numbers by their exact text.
std::optional<std::string> scalar(const json_value* v) {
  if (!v || (v->kind != json_kind::string && v->kind != json_kind::number)) return std::nullopt;
  return v->text;
}

// A condition's value: a scalar, or true / false written as JSON booleans.
std::optional<std::string> operand(const json_value& v) {
  if (v.kind == json_kind::boolean) return std::string(v.boolean ? "true" : "false");
  return scalar(&v);
}

// The first key of `object` that is not in `allowed`, or a key given twice.
std::optional<std::string> bad_key(const json_value& object, std::span<const std::string_view> allowed,
                                   const std::string& path) {
  std::string list;
  for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  for (std::size_t i = 0; i < object.keys.size(); ++i) {
    const std::string& key = object.keys[i];
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      return path + "." + key + ": unknown key (allowed: " + list + ")";
    for (std::size_t j = 0; j < i; ++j)
      if (object.keys[j] == key) return path + "." + key + ": given twice";
  }
  return std::nullopt;
}

constexpr std::string_view table_keys[] = {"name", "description", "parameters", "rules"};
constexpr std::string_view rule_keys[] = {"action", "amount", "when"};

std::string rule_path(std::size_t r) { return "$.rules[" + std::to_string(r) + "]"; }

bool holds(decimal a, rule_strategy::comparison op, decimal b) {
  switch (op) {
    case rule_strategy::comparison::lt: return a < b;
    case rule_strategy::comparison::le: return a <= b;
    case rule_strategy::comparison::gt: return a > b;
    case rule_strategy::comparison::ge: return a >= b;
    case rule_strategy::comparison::eq: return a == b;
    case rule_strategy::comparison::ne: return a != b;
  }
  return false;
}

// x * 100 exactly (what x * decimal::from_int(100) gives, without the 256-bit product).
decimal times_100(decimal x) {
  decimal::raw_type r;
  if (__builtin_mul_overflow(x.raw(), decimal::raw_type(100), &r)) throw std::overflow_error("decimal overflow");
  return decimal::from_raw(r);
}

}  // namespace

boost::system::result<rule_strategy, std::string> rule_strategy::parse(std::string_view json, std::string_view source) {
  using result = boost::system::result<rule_strategy, std::string>;
  const std::string where(source);
  // Every problem is "FILE: JSON-PATH: what is wrong (what is allowed)".
  auto fail = [&](std::string why) { return result(boost::system::in_place_error, where + ": " + why); };
  json_flat_parser parser;
  if (auto ec = parser.parse(json))
    return fail("invalid JSON at offset " + std::to_string(parser.error_offset()) + ": " + ec.message());
  const json_value root = to_json_value(parser.nodes());
  if (root.kind != json_kind::object) return fail("$: a strategy is a JSON object {name, description, parameters, rules}");
  if (auto e = bad_key(root, table_keys, "$")) return fail(*e);

  rule_strategy s;
  const json_value* name = root.find("name");
  if (!name || name->kind != json_kind::string || name->text.empty()) return fail("$.name: missing (a non-empty string)");
  s.name_ = name->text;
  if (const json_value* d = root.find("description")) {
    if (d->kind != json_kind::string) return fail("$.description: must be a string");
    s.description_ = d->text;
  }

  if (const json_value* params = root.find("parameters")) {
    if (params->kind != json_kind::object) return fail("$.parameters: must be an object of name: value");
    for (std::size_t i = 0; i < params->keys.size(); ++i) {
      const std::string at = "$.parameters." + params->keys[i];
      auto value = scalar(&params->items[i]);
      if (!value) return fail(at + ": must be a number or a string");
      if (s.has_parameter(params->keys[i])) return fail(at + ": given twice");
      s.parameters_.emplace_back(params->keys[i], *value);
    }
  }

  const json_value* rules = root.find("rules");
  if (!rules || rules->kind != json_kind::array || rules->items.empty())
    return fail("$.rules: missing (a non-empty array of rules)");
  for (std::size_t r = 0; r < rules->items.size(); ++r) {
    const std::string at = rule_path(r);
    const json_value& item = rules->items[r];
    if (item.kind != json_kind::object) return fail(at + ": a rule is an object {action, amount, when}");
    if (auto e = bad_key(item, rule_keys, at)) return fail(*e);
    const json_value* act = item.find("action");
    auto a = act && act->kind == json_kind::string ? lookup<replayer::action>(action_names, act->text) : std::nullopt;
    if (!a) return fail(at + ".action: missing or not buy, sell or sidebet");
    auto amount = scalar(item.find("amount"));
    if (!amount)
      return fail(at + ".amount: missing (a number or a string: SOL for buy and sidebet, the fraction 0.1, 0.25, 0.5 or 1 "
                       "for sell)");
    rule parsed{*a, *amount, {}};
    if (const json_value* when = item.find("when")) {
      if (when->kind != json_kind::array) return fail(at + ".when: must be an array of [field, op, value]");
      for (std::size_t k = 0; k < when->items.size(); ++k) {
        const json_value& c = when->items[k];
        const std::string cat = at + ".when[" + std::to_string(k) + "]";
        if (c.kind != json_kind::array || c.items.size() != 3 || c.items[0].kind != json_kind::string ||
            c.items[1].kind != json_kind::string)
          return fail(cat + ": a condition is [field, op, value], e.g. [\"price\", \"<\", \"1.5\"]");
        auto f = lookup<field>(field_names, c.items[0].text);
        if (!f)
          return fail(cat + "[0]: unknown field \"" + c.items[0].text +
                      "\" (price, tick, pnl_pct, ticks_held, balance, has_position, has_sidebet, phase)");
        auto op = lookup<comparison>(comparison_names, c.items[1].text);
        if (!op) return fail(cat + "[1]: unknown comparison \"" + c.items[1].text + "\" (<, <=, >, >=, ==, !=)");
        auto value = operand(c.items[2]);
        if (!value) return fail(cat + "[2]: must be a number, a string, true or false");
        parsed.when.push_back({*f, *op, *value});
      }
    }
    s.rules_.push_back(std::move(parsed));
  }
  if (auto problem = s.compile()) return fail(*problem);
  return s;
}

bool rule_strategy::has_parameter(std::string_view key) const {
  for (const auto& [k, v] : parameters_)
    if (k == key) return true;
  return false;
}

std::optional<std::string> rule_strategy::set_parameter(std::string_view key, std::string_view value) {
  for (auto& [k, v] : parameters_)
    if (k == key) {
      const std::string old = std::exchange(v, std::string(value));
      if (auto problem = compile()) {
        v = old;
        compile();
        return problem;
      }
      return std::nullopt;
    }
  return "strategy " + name_ + " has no parameter '" + std::string(key) + "'";
}

std::optional<std::string> rule_strategy::compile() {
  std::vector<compiled_rule> out;
  // A value with its parameter resolved, and how to name it in a message: its JSON path, and
  // the parameter it came from.
  struct resolved {
    std::string text, at;
  };
  auto resolve = [&](const std::string& text, const std::string& path) -> boost::system::result<resolved, std::string> {
    if (text.empty() || text[0] != '$') return resolved{text, path};
    for (const auto& [k, v] : parameters_)
      if (k == text.substr(1)) return resolved{v, path + " (" + text + " = '" + v + "')"};
    std::string names;
    for (const auto& [k, v] : parameters_) names += (names.empty() ? "" : ", ") + k;
    return boost::system::result<resolved, std::string>(
        boost::system::in_place_error,
        path + ": unknown parameter " + text + " (" + (names.empty() ? "the table has none" : "the table has " + names) + ")");
  };
  for (std::size_t r = 0; r < rules_.size(); ++r) {
    const rule& in = rules_[r];
    auto amount_text = resolve(in.amount, rule_path(r) + ".amount");
    if (!amount_text) return amount_text.error();
    auto amount = decimal::parse(amount_text->text);
    if (!amount || !(amount->raw() > 0))
      return amount_text->at + ": '" + amount_text->text + "' is not a positive decimal";
    if (in.action == action::sell && !is_offered_sell_fraction(*amount))
      return amount_text->at + ": a sell's amount is the fraction of the position sold: 0.1, 0.25, 0.5 or 1, not " +
             amount_text->text;
    compiled_rule c{in.action, *amount, {}, false};
    for (std::size_t k = 0; k < in.when.size(); ++k) {
      const condition& cond = in.when[k];
      const std::string cat = rule_path(r) + ".when[" + std::to_string(k) + "]";
      auto value = resolve(cond.operand, cat + "[2]");
      if (!value) return value.error();
      const std::string& text = value->text;
      compiled_condition cc{cond.subject, cond.op, {}, phase::unknown};
      if (cond.subject == field::phase) {
        auto p = parse_phase(text);
        if (!p) return value->at + ": '" + text + "' is not a phase name";
        if (cond.op != comparison::eq && cond.op != comparison::ne) return cat + "[1]: phase compares with == or != only";
        cc.phase_value = *p;
      } else if (cond.subject == field::has_position || cond.subject == field::has_sidebet) {
        if (text != "true" && text != "false") return value->at + ": '" + text + "' is not true or false";
        if (cond.op != comparison::eq && cond.op != comparison::ne) return cat + "[1]: true/false compare with == or != only";
        cc.value = decimal::from_int(text == "true" ? 1 : 0);
      } else {
        auto v = decimal::parse(text);
        if (!v) return value->at + ": '" + text + "' is not a decimal number";
        cc.value = *v;
      }
      c.needs_pnl = c.needs_pnl || cond.subject == field::pnl_pct;
      c.when.push_back(cc);
    }
    out.push_back(std::move(c));
  }
  compiled_ = std::move(out);
  return std::nullopt;
}

std::optional<order> rule_strategy::decide(const decision_view& view) {
  if (view.offered.empty()) return std::nullopt;
  const auto& pos = view.wallet.position();
  std::optional<decimal> pnl_pct;  // computed once per tick, only if a rule asks for it
  bool pnl_known = false;
  for (const compiled_rule& r : compiled_) {
    if (!view.offered.contains(r.action)) continue;
    if (r.needs_pnl && !pnl_known && pos && !pos->invested.is_zero()) {
      pnl_pct = times_100(view.wallet.position_value(view.now.price.value()) - pos->invested) / pos->invested;
      pnl_known = true;
    }
    bool all = true;
    for (const compiled_condition& c : r.when) {
      decimal subject;
      switch (c.subject) {
        case field::price: subject = view.now.price.value(); break;
        case field::tick: subject = decimal::from_int(view.now.index); break;
        case field::balance: subject = view.wallet.balance(); break;
        case field::has_position: subject = decimal::from_int(pos ? 1 : 0); break;
        case field::has_sidebet: subject = decimal::from_int(view.wallet.sidebet() ? 1 : 0); break;
        case field::pnl_pct:
          if (!pnl_pct) all = false;
          else subject = *pnl_pct;
          break;
        case field::ticks_held:
          if (!pos) all = false;
          else subject = decimal::from_int(view.now.index - pos->opened_tick);
          break;
        case field::phase:
          all = (view.now.phase == c.phase_value) == (c.op == comparison::eq);
          if (!all) break;
          continue;
      }
      if (!all || !holds(subject, c.op, c.value)) {
        all = false;
        break;
      }
    }
    if (all) return order{r.action, r.amount};
  }
  return std::nullopt;
}

}  // namespace replayer
