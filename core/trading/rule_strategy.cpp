#include "core/trading/rule_strategy.hpp"

#include "core/json_flat.hpp"
#include "core/json_value.hpp"
#include "core/record_limits.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <span>
#include <stdexcept>
#include <tuple>

namespace replayer {
namespace {

using field = rule_strategy::field;
using node_kind = rule_strategy::when_node::kind;
using parameter_list = std::vector<std::pair<std::string, std::string>>;

constexpr std::array<std::string_view, 13> field_names = {
    "price",       "tick",        "pnl_pct", "ticks_held",        "balance", "has_position",  "has_sidebet",
    "phase",       "peak",        "from_peak_pct", "ticks_since_trade", "streak", "sidebet_streak"};
constexpr std::array<std::string_view, 6> comparison_names = {"<", "<=", ">", ">=", "==", "!="};
constexpr std::array<std::string_view, 3> action_names = {"buy", "sell", "sidebet"};

// An amount object's result is rounded down to whole thousandths of a SOL: what the panel's
// buttons can build (core/trading/click_plan), so the same table trades in the browser.
const decimal amount_step = decimal_literal("0.001");
// A cap, like every SOL amount of the settings, stays far inside the decimal's range.
const decimal max_sol = decimal::from_int(1'000'000);
const decimal max_multiplier = decimal::from_int(100);

template <class Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::string_view, N>& names, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == text) return static_cast<Enum>(i);
  return std::nullopt;
}

template <std::size_t N>
std::string joined(const std::array<std::string_view, N>& names) {
  std::string out;
  for (std::string_view n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
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

// The first key of `object` that is not in `allowed` (a key given twice the JSON reader refuses).
std::optional<std::string> bad_key(const json_value& object, std::span<const std::string_view> allowed,
                                   const std::string& path) {
  std::string list;
  for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  for (const std::string& key : object.keys)
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      return path + "." + key + ": unknown key (allowed: " + list + ")";
  return std::nullopt;
}

constexpr std::string_view table_keys[] = {"name", "description", "parameters", "rules"};
constexpr std::string_view rule_keys[] = {"action", "amount", "when", "at_tick"};
constexpr std::string_view amount_keys[] = {"sol", "of_balance", "times_after_loss", "times_after_win", "max"};
constexpr std::string_view group_keys[] = {"all", "any"};

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

decimal round_down_to_step(decimal x) { return decimal::from_raw(x.raw() - x.raw() % amount_step.raw()); }

// Parses one element of a `when` list (or of a group) at `path`, `depth` groups deep.
boost::system::result<rule_strategy::when_node, std::string> parse_node(const json_value& c, const std::string& path,
                                                                       std::size_t depth) {
  using out = boost::system::result<rule_strategy::when_node, std::string>;
  auto fail = [](std::string why) { return out(boost::system::in_place_error, std::move(why)); };
  rule_strategy::when_node node;
  node.path = path;
  if (c.kind == json_kind::object) {
    if (auto e = bad_key(c, group_keys, path)) return fail(*e);
    if (c.keys.size() != 1) return fail(path + ": a group is {\"all\": [...]} or {\"any\": [...]}, one of them");
    const std::string at = path + "." + c.keys[0];
    if (depth >= rule_strategy::max_group_depth)
      return fail(at + ": groups nest at most " + std::to_string(rule_strategy::max_group_depth) + " deep");
    const json_value& list = c.items[0];
    if (list.kind != json_kind::array || list.items.empty())
      return fail(at + ": must be a non-empty array of conditions and groups");
    node.type = c.keys[0] == "all" ? node_kind::all : node_kind::any;
    for (std::size_t k = 0; k < list.items.size(); ++k) {
      auto item = parse_node(list.items[k], at + "[" + std::to_string(k) + "]", depth + 1);
      if (!item) return item.error();
      node.items.push_back(std::move(*item));
    }
    return node;
  }
  if (c.kind != json_kind::array || c.items.size() != 3 || c.items[0].kind != json_kind::string ||
      c.items[1].kind != json_kind::string)
    return fail(path + ": a condition is [field, op, value], e.g. [\"price\", \"<\", \"1.5\"], or a group "
                       "{\"any\": [...]} / {\"all\": [...]}");
  auto f = lookup<field>(field_names, c.items[0].text);
  if (!f) return fail(path + "[0]: unknown field \"" + c.items[0].text + "\" (" + joined(field_names) + ")");
  auto op = lookup<rule_strategy::comparison>(comparison_names, c.items[1].text);
  if (!op) return fail(path + "[1]: unknown comparison \"" + c.items[1].text + "\" (" + joined(comparison_names) + ")");
  auto value = operand(c.items[2]);
  if (!value) return fail(path + "[2]: must be a number, a string, true or false");
  node.leaf = {*f, *op, *value};
  return node;
}

// Parses a rule's `amount` at `path`: a scalar, or an amount object.
boost::system::result<rule_strategy::amount_spec, std::string> parse_amount(const json_value* v, action a,
                                                                           const std::string& path) {
  using out = boost::system::result<rule_strategy::amount_spec, std::string>;
  auto fail = [](std::string why) { return out(boost::system::in_place_error, std::move(why)); };
  rule_strategy::amount_spec spec;
  if (auto text = scalar(v)) {
    spec.base = *text;
    return spec;
  }
  if (!v || v->kind != json_kind::object)
    return fail(path + ": missing (SOL for buy and sidebet: a number, a string or {sol | of_balance, "
                       "times_after_loss, times_after_win, max}; the fraction 0.1, 0.25, 0.5 or 1 for sell)");
  if (a == action::sell)
    return fail(path + ": a sell's amount is the fraction of the position sold (0.1, 0.25, 0.5 or 1), not an object");
  if (auto e = bad_key(*v, amount_keys, path)) return fail(*e);
  spec.object = true;
  const json_value* sol = v->find("sol");
  const json_value* of_balance = v->find("of_balance");
  if ((sol != nullptr) == (of_balance != nullptr))
    return fail(path + ": give one of sol (SOL) or of_balance (a fraction of the balance)");
  spec.of_balance = of_balance != nullptr;
  auto text = [&](std::string_view key, std::string& into) -> std::optional<std::string> {
    const json_value* item = v->find(key);
    if (!item) return std::nullopt;
    auto t = scalar(item);
    if (!t) return path + "." + std::string(key) + ": must be a number or a string";
    into = *t;
    return std::nullopt;
  };
  const std::array<std::pair<std::string_view, std::string*>, 4> texts = {{{spec.of_balance ? "of_balance" : "sol", &spec.base},
                                                                           {"times_after_loss", &spec.times_after_loss},
                                                                           {"times_after_win", &spec.times_after_win},
                                                                           {"max", &spec.max}}};
  for (auto [key, into] : texts)
    if (auto e = text(key, *into)) return fail(*e);
  if ((!spec.times_after_loss.empty() || !spec.times_after_win.empty()) && spec.max.empty())
    return fail(path + ": an amount that grows with a streak needs max (the largest amount, SOL)");
  return spec;
}

}  // namespace

boost::system::result<rule_strategy, std::string> rule_strategy::parse(std::string_view json, std::string_view source) {
  using result = boost::system::result<rule_strategy, std::string>;
  const std::string where(source);
  // Every problem is "FILE: JSON-PATH: what is wrong (what is allowed)".
  auto fail = [&](std::string why) { return result(boost::system::in_place_error, where + ": " + why); };
  json_flat_parser parser;
  if (auto ec = parser.parse(json))
    return fail(parser.error_text());
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
      s.parameters_.emplace_back(params->keys[i], *value);
    }
  }

  const json_value* rules = root.find("rules");
  if (!rules || rules->kind != json_kind::array || rules->items.empty())
    return fail("$.rules: missing (a non-empty array of rules)");
  for (std::size_t r = 0; r < rules->items.size(); ++r) {
    const std::string at = rule_path(r);
    const json_value& item = rules->items[r];
    if (item.kind != json_kind::object) return fail(at + ": a rule is an object {action, amount, when, at_tick}");
    if (auto e = bad_key(item, rule_keys, at)) return fail(*e);
    const json_value* act = item.find("action");
    auto a = act && act->kind == json_kind::string ? lookup<replayer::action>(action_names, act->text) : std::nullopt;
    if (!a) return fail(at + ".action: missing or not buy, sell or sidebet");
    auto amount = parse_amount(item.find("amount"), *a, at + ".amount");
    if (!amount) return fail(amount.error());
    rule parsed{*a, std::move(*amount), {}, {}};
    if (const json_value* when = item.find("when")) {
      if (when->kind != json_kind::array) return fail(at + ".when: must be an array of [field, op, value] and groups");
      for (std::size_t k = 0; k < when->items.size(); ++k) {
        auto node = parse_node(when->items[k], at + ".when[" + std::to_string(k) + "]", 0);
        if (!node) return fail(node.error());
        parsed.when.push_back(std::move(*node));
      }
    }
    if (const json_value* at_tick = item.find("at_tick")) {
      auto text = scalar(at_tick);
      if (!text) return fail(at + ".at_tick: must be a number or a string (a tick, or \"$parameter\")");
      parsed.at_tick = *text;
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

namespace {

// A value with its parameter resolved, and how to name it in a message: its JSON path, and
// the parameter it came from.
struct resolved {
  std::string text, at;
};

boost::system::result<resolved, std::string> resolve(const parameter_list& parameters, const std::string& text,
                                                     const std::string& path) {
  if (text.empty() || text[0] != '$') return resolved{text, path};
  for (const auto& [k, v] : parameters)
    if (k == text.substr(1)) return resolved{v, path + " (" + text + " = '" + v + "')"};
  std::string names;
  for (const auto& [k, v] : parameters) names += (names.empty() ? "" : ", ") + k;
  return boost::system::result<resolved, std::string>(
      boost::system::in_place_error,
      path + ": unknown parameter " + text + " (" + (names.empty() ? "the table has none" : "the table has " + names) + ")");
}

// A resolved decimal in (0, max] (or [0, max] when zero is allowed); `what` says what it is.
boost::system::result<decimal, std::string> resolve_decimal(const parameter_list& parameters, const std::string& text,
                                                            const std::string& path, decimal low, bool low_allowed,
                                                            decimal high, std::string_view what) {
  auto value = resolve(parameters, text, path);
  if (!value) return value.error();
  auto d = decimal::parse(value->text);
  if (!d || (low_allowed ? *d < low : *d <= low) || *d > high)
    return boost::system::result<decimal, std::string>(
        boost::system::in_place_error, value->at + ": '" + value->text + "' is not " + std::string(what));
  return *d;
}

}  // namespace

boost::system::result<rule_strategy::compiled_node, std::string> rule_strategy::compile_node(const when_node& in) const {
  using out = boost::system::result<compiled_node, std::string>;
  compiled_node c;
  c.type = in.type;
  if (in.type != when_node::kind::condition) {
    for (const when_node& item : in.items) {
      auto compiled = compile_node(item);
      if (!compiled) return compiled.error();
      c.items.push_back(std::move(*compiled));
    }
    return c;
  }
  const condition& cond = in.leaf;
  c.subject = cond.subject;
  c.op = cond.op;
  auto value = resolve(parameters_, cond.operand, in.path + "[2]");
  if (!value) return value.error();
  const std::string& text = value->text;
  auto fail = [](std::string why) { return out(boost::system::in_place_error, std::move(why)); };
  if (cond.subject == field::phase) {
    auto p = parse_phase(text);
    if (!p) return fail(value->at + ": '" + text + "' is not a phase name");
    if (cond.op != comparison::eq && cond.op != comparison::ne) return fail(in.path + "[1]: phase compares with == or != only");
    c.phase_value = *p;
  } else if (cond.subject == field::has_position || cond.subject == field::has_sidebet) {
    if (text != "true" && text != "false") return fail(value->at + ": '" + text + "' is not true or false");
    if (cond.op != comparison::eq && cond.op != comparison::ne)
      return fail(in.path + "[1]: true/false compare with == or != only");
    c.value = decimal::from_int(text == "true" ? 1 : 0);
  } else {
    auto v = decimal::parse(text);
    if (!v) return fail(value->at + ": '" + text + "' is not a decimal number");
    c.value = *v;
  }
  return c;
}

boost::system::result<rule_strategy::compiled_amount, std::string> rule_strategy::compile_amount(const rule& in,
                                                                                                std::size_t r) const {
  using out = boost::system::result<compiled_amount, std::string>;
  const amount_spec& spec = in.amount;
  const std::string at = rule_path(r) + ".amount";
  compiled_amount c;
  if (!spec.object) {
    auto text = resolve(parameters_, spec.base, at);
    if (!text) return text.error();
    auto amount = decimal::parse(text->text);
    if (!amount || !(amount->raw() > 0))
      return out(boost::system::in_place_error, text->at + ": '" + text->text + "' is not a positive decimal");
    if (in.action == action::sell && !is_offered_sell_fraction(*amount))
      return out(boost::system::in_place_error,
                 text->at + ": a sell's amount is the fraction of the position sold: 0.1, 0.25, 0.5 or 1, not " + text->text);
    c.base = *amount;
    return c;
  }
  c.computed = true;
  c.of_balance = spec.of_balance;
  const decimal one = decimal::from_int(1);
  auto base = spec.of_balance
                  ? resolve_decimal(parameters_, spec.base, at + ".of_balance", decimal{}, false, one,
                                    "a fraction of the balance (more than 0, at most 1)")
                  : resolve_decimal(parameters_, spec.base, at + ".sol", decimal{}, false, max_sol,
                                    "a positive amount of SOL (at most 1000000)");
  if (!base) return base.error();
  c.base = *base;
  for (auto [text, key, into] : {std::tuple{&spec.times_after_loss, "times_after_loss", &c.after_loss},
                                 std::tuple{&spec.times_after_win, "times_after_win", &c.after_win}}) {
    if (text->empty()) continue;
    auto m = resolve_decimal(parameters_, *text, at + "." + key, one, true, max_multiplier,
                             "a multiplier from 1 to 100");
    if (!m) return m.error();
    *into = *m;
  }
  if (!spec.max.empty()) {
    auto max = resolve_decimal(parameters_, spec.max, at + ".max", decimal{}, false, max_sol,
                               "a positive amount of SOL (at most 1000000)");
    if (!max) return max.error();
    c.max = *max;
  }
  return c;
}

std::optional<std::string> rule_strategy::compile() {
  std::vector<compiled_rule> out;
  for (std::size_t r = 0; r < rules_.size(); ++r) {
    const rule& in = rules_[r];
    auto amount = compile_amount(in, r);
    if (!amount) return amount.error();
    compiled_rule c{in.action, std::move(*amount), {}, std::nullopt};
    for (const when_node& node : in.when) {
      auto compiled = compile_node(node);
      if (!compiled) return compiled.error();
      c.when.push_back(std::move(*compiled));
    }
    if (!in.at_tick.empty()) {
      auto text = resolve(parameters_, in.at_tick, rule_path(r) + ".at_tick");
      if (!text) return text.error();
      std::int64_t n = -1;
      const char* end = text->text.data() + text->text.size();
      auto [stop, ec] = std::from_chars(text->text.data(), end, n);
      if (ec != std::errc{} || stop != end || n < 0 || n > record_limits::max_tick_index)
        return text->at + ": '" + text->text + "' is not a tick (a whole number from 0 to " +
               std::to_string(record_limits::max_tick_index) + ")";
      c.at_tick = n;
    }
    out.push_back(std::move(c));
  }
  compiled_ = std::move(out);
  return std::nullopt;
}

// One tick's subjects, each computed when a condition first asks for it.
class rule_strategy::evaluation {
public:
  explicit evaluation(const decision_view& v) : v_(v) {}

  bool holds(const compiled_node& n) {
    switch (n.type) {
      case when_node::kind::all:
        return std::all_of(n.items.begin(), n.items.end(), [&](const compiled_node& i) { return holds(i); });
      case when_node::kind::any:
        return std::any_of(n.items.begin(), n.items.end(), [&](const compiled_node& i) { return holds(i); });
      case when_node::kind::condition:
        break;
    }
    if (n.subject == field::phase) return (v_.now.phase == n.phase_value) == (n.op == comparison::eq);
    const std::optional<decimal> s = subject(n.subject);
    return s && replayer::holds(*s, n.op, n.value);  // without a subject no comparison holds
  }

private:
  std::optional<decimal> subject(field f) {
    const auto& pos = v_.wallet.position();
    const decimal price = v_.now.price.value();
    switch (f) {
      case field::price: return price;
      case field::tick: return decimal::from_int(v_.now.index);
      case field::balance: return v_.wallet.balance();
      case field::has_position: return decimal::from_int(pos ? 1 : 0);
      case field::has_sidebet: return decimal::from_int(v_.wallet.sidebet() ? 1 : 0);
      case field::pnl_pct:
        if (!pnl_known_) {  // computed once per tick: an exact product and quotient
          pnl_known_ = true;
          if (pos && !pos->invested.is_zero())
            pnl_pct_ = times_100(v_.wallet.position_value(price) - pos->invested) / pos->invested;
        }
        return pnl_pct_;
      case field::ticks_held:
        if (!pos) return std::nullopt;
        return decimal::from_int(v_.now.index - pos->opened_tick);
      case field::peak: return peak();
      case field::from_peak_pct:
        if (peak().is_zero()) return std::nullopt;
        return times_100(price - peak()) / peak();
      case field::ticks_since_trade:
        return decimal::from_int(v_.now.index - v_.inputs.last_fill_tick.value_or(0));
      case field::streak: return decimal::from_int(v_.inputs.streak);
      case field::sidebet_streak: return decimal::from_int(v_.inputs.sidebet_streak);
      case field::phase: break;
    }
    return std::nullopt;
  }
  // The peak so far includes this tick.
  decimal peak() const { return std::max(v_.inputs.peak, v_.now.price.value()); }

  const decision_view& v_;
  bool pnl_known_ = false;
  std::optional<decimal> pnl_pct_;
};

std::optional<order> rule_strategy::decide(const decision_view& view) {
  if (view.offered.empty()) return std::nullopt;
  evaluation e(view);
  for (const compiled_rule& r : compiled_) {
    if (!view.offered.contains(r.action)) continue;
    if (r.at_tick && (view.now.index < *r.at_tick ||
                      (view.inputs.previous_decision_tick && *view.inputs.previous_decision_tick >= *r.at_tick)))
      continue;  // at_tick holds on the game's first decision point at or after that tick only
    if (!std::all_of(r.when.begin(), r.when.end(), [&](const compiled_node& n) { return e.holds(n); })) continue;
    const compiled_amount& a = r.amount;
    if (!a.computed) return order{r.action, a.base};
    decimal amount = a.of_balance ? a.base * view.wallet.balance() : a.base;
    const std::int64_t streak = r.action == action::sidebet ? view.inputs.sidebet_streak : view.inputs.streak;
    const decimal times = streak < 0 ? a.after_loss : a.after_win;
    if (times != decimal::from_int(1))
      for (std::int64_t i = 0; i < (streak < 0 ? -streak : streak) && !amount.is_zero() && !(a.max && amount >= *a.max); ++i)
        amount = amount * times;
    if (a.max && amount > *a.max) amount = *a.max;
    amount = round_down_to_step(amount);
    if (amount.is_zero()) continue;  // under a thousandth: the rule does not hold
    return order{r.action, amount};
  }
  return std::nullopt;
}

}  // namespace replayer
