#include "core/live/game_state_payload.hpp"
#include "core/concat.hpp"

#include <algorithm>
#include <charconv>
#include <span>

namespace replayer::live {
namespace {

using nodes_t = std::span<const json_node>;
constexpr std::size_t none = static_cast<std::size_t>(-1);
constexpr std::int64_t max_counter = std::int64_t{1} << 40;  // cooldownTimer, tradeCount: far beyond real values

// The next sibling of nodes[at]; always at least one on, so a loop can never stand still.
std::size_t next_sibling(nodes_t nodes, std::size_t at) { return std::max<std::size_t>(nodes[at].end, at + 1); }

std::size_t member(nodes_t nodes, std::size_t object, std::string_view key) {
  if (object == none || nodes[object].kind != json_kind::object) return none;
  for (std::size_t c = object + 1; c < nodes[object].end; c = next_sibling(nodes, c))
    if (nodes[c].key == key) return c;
  return none;
}

std::size_t last_child(nodes_t nodes, std::size_t array) {
  std::size_t last = none;
  for (std::size_t c = array + 1; c < nodes[array].end; c = next_sibling(nodes, c)) last = c;
  return last;
}

// The name of an event other than gameStateUpdate, or empty.
std::string_view other_event(const json_node& name) {
  return name.kind == json_kind::string && name.text != "gameStateUpdate" ? name.text : std::string_view{};
}

// The payload object inside the accepted shapes (see the header); none, with `event` set when
// the text is another event.
std::size_t locate_payload(nodes_t nodes, std::string_view& event) {
  std::size_t at = 0;
  if (nodes[at].kind == json_kind::object && member(nodes, at, "data") != none) {
    std::size_t name = member(nodes, at, "event_type");
    if (name == none) name = member(nodes, at, "event");
    if (name != none) {
      event = other_event(nodes[name]);
      at = member(nodes, at, "data");
    }
  }
  if (nodes[at].kind == json_kind::array) {
    if (at + 1 < nodes[at].end && event.empty()) event = other_event(nodes[at + 1]);
    at = last_child(nodes, at);
  }
  return event.empty() && at != none && nodes[at].kind == json_kind::object ? at : none;
}

payload_problem problem(payload_problem_kind kind, std::string reason) { return {kind, std::move(reason)}; }

payload_problem missing(std::string_view name) {
  return problem(payload_problem_kind::missing_field, concat({"\"", name, "\" is missing"}));
}

payload_problem wrong_type(std::string_view name, const json_node& n, std::string_view expected) {
  return problem(payload_problem_kind::wrong_type,
                 concat({"\"", name, "\" is ", json_kind_description(n.kind), ", expected ", expected}));
}

// A field that may be absent or null.
bool absent(std::size_t at, nodes_t nodes) { return at == none || nodes[at].kind == json_kind::null; }

boost::system::result<bool, payload_problem> read_bool(nodes_t nodes, std::size_t at, std::string_view name) {
  if (nodes[at].kind != json_kind::boolean) return wrong_type(name, nodes[at], "true or false");
  return nodes[at].boolean;
}

boost::system::result<std::int64_t, payload_problem> read_count(nodes_t nodes, std::size_t at, std::string_view name,
                                                                std::int64_t max) {
  const json_node& n = nodes[at];
  if (n.kind != json_kind::number) return wrong_type(name, n, "a whole number");
  if (!n.integer)
    return problem(payload_problem_kind::wrong_type, concat({"\"", name, "\" is ", n.text, ", expected a whole number"}));
  if (n.int_value < 0 || n.int_value > max)
    return problem(payload_problem_kind::out_of_range,
                   concat({"\"", name, "\" is ", n.text, ", expected 0..", std::to_string(max)}));
  return n.int_value;
}

// A tick number written as a key: digits only, within the tick range.
std::optional<std::int64_t> tick_key(std::string_view key) {
  if (key.empty() || key.size() > 9 || key.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  std::int64_t tick = 0;
  std::from_chars(key.data(), key.data() + key.size(), tick);
  if (tick > game_state_payload::max_tick_count) return std::nullopt;
  return tick;
}

void read_partial_prices(nodes_t nodes, std::size_t at, game_state_payload& out) {
  if (absent(at, nodes)) return;
  const std::size_t values = member(nodes, at, "values");
  if (values == none || nodes[values].kind != json_kind::object) {
    ++out.partial_prices_ignored;
    return;
  }
  for (std::size_t c = values + 1; c < nodes[values].end; c = next_sibling(nodes, c)) {
    if (out.partial_prices.size() == game_state_payload::max_partial_prices) {
      ++out.partial_prices_ignored;
      continue;
    }
    const auto tick = tick_key(nodes[c].key);
    const auto p = nodes[c].kind == json_kind::number ? price::parse(nodes[c].text) : std::nullopt;
    if (!tick || !p) {
      ++out.partial_prices_ignored;
      continue;
    }
    out.partial_prices.push_back({*tick, *p});
  }
  // Keys are tick numbers: sorted as numbers, and a repeated key keeps its first value.
  std::stable_sort(out.partial_prices.begin(), out.partial_prices.end(),
                   [](const partial_price& a, const partial_price& b) { return a.tick < b.tick; });
  const auto repeated = std::unique(out.partial_prices.begin(), out.partial_prices.end(),
                                    [](const partial_price& a, const partial_price& b) { return a.tick == b.tick; });
  out.partial_prices_ignored += static_cast<std::size_t>(out.partial_prices.end() - repeated);
  out.partial_prices.erase(repeated, out.partial_prices.end());
}

boost::system::result<void, payload_problem> read_payload(nodes_t nodes, std::size_t payload, game_state_payload& out) {
  const auto field = [&](std::string_view key) { return member(nodes, payload, key); };

  const std::size_t id = field("gameId");
  if (absent(id, nodes)) return missing("gameId");
  if (nodes[id].kind != json_kind::string) return wrong_type("gameId", nodes[id], "a string");
  const auto stored_id = inline_text<tick::max_game_id>::from(nodes[id].text);
  if (nodes[id].text.empty() || !stored_id)
    return problem(payload_problem_kind::out_of_range,
                   concat({"\"gameId\" has ", std::to_string(nodes[id].text.size()), " characters, expected 1..",
                           std::to_string(tick::max_game_id)}));
  out.game_id = *stored_id;

  const std::size_t tick_count = field("tickCount");
  if (absent(tick_count, nodes)) return missing("tickCount");
  const auto count = read_count(nodes, tick_count, "tickCount", game_state_payload::max_tick_count);
  if (!count) return count.error();
  out.tick_count = *count;

  const std::size_t price_at = field("price");
  if (absent(price_at, nodes)) return missing("price");
  if (nodes[price_at].kind != json_kind::number) return wrong_type("price", nodes[price_at], "a number");
  const auto p = price::parse(nodes[price_at].text);
  if (!p)
    return problem(payload_problem_kind::bad_price,
                   concat({"\"price\" ", nodes[price_at].text.substr(0, 64),
                           " is not a price (negative, out of range or longer than ", std::to_string(price::max_text),
                           " characters)"}));
  out.price = *p;

  for (auto [name, target] : {std::pair{std::string_view("active"), &out.active}, {"rugged", &out.rugged}}) {
    const std::size_t at = field(name);
    if (absent(at, nodes)) return missing(name);
    const auto flag = read_bool(nodes, at, name);
    if (!flag) return flag.error();
    *target = *flag;
  }
  if (const std::size_t at = field("allowPreRoundBuys"); !absent(at, nodes)) {
    const auto flag = read_bool(nodes, at, "allowPreRoundBuys");
    if (!flag) return flag.error();
    out.allow_pre_round_buys = *flag;
  }
  if (const std::size_t at = field("cooldownTimer"); !absent(at, nodes)) {
    const auto ms = read_count(nodes, at, "cooldownTimer", max_counter);
    if (!ms) return ms.error();
    out.cooldown_ms = *ms;
  }
  if (const std::size_t at = field("tradeCount"); !absent(at, nodes)) {
    const auto trades = read_count(nodes, at, "tradeCount", max_counter);
    if (!trades) return trades.error();
    out.trade_count = *trades;
  }
  if (const std::size_t at = field("gameHistory"); !absent(at, nodes)) {
    if (nodes[at].kind != json_kind::array) return wrong_type("gameHistory", nodes[at], "an array");
    out.has_history = nodes[at].size > 0;
  }
  read_partial_prices(nodes, field("partialPrices"), out);
  return {};
}

}  // namespace

std::string_view payload_problem_kind_name(payload_problem_kind k) {
  static constexpr std::string_view names[payload_problem_kinds] = {
      "too large", "invalid JSON", "not a game state", "missing field", "wrong type", "out of range", "bad price",
  };
  return names[static_cast<std::size_t>(k)];
}

boost::system::result<void, payload_problem> game_state_parser::parse(std::string_view json_text,
                                                                      game_state_payload& out) {
  std::vector<partial_price> reused = std::move(out.partial_prices);  // keeps its capacity
  reused.clear();
  out = game_state_payload{};
  out.partial_prices = std::move(reused);
  if (json_text.size() > game_state_payload::max_bytes)
    return problem(payload_problem_kind::too_large,
                   concat({"the payload has ", std::to_string(json_text.size()), " bytes, more than the ",
                           std::to_string(game_state_payload::max_bytes), " accepted"}));
  if (auto ec = parser_.parse(json_text))
    return problem(payload_problem_kind::invalid_json,
                   concat({"invalid JSON at column ", std::to_string(parser_.error_offset() + 1), ": ", ec.message()}));
  const auto rest = json_text.substr(std::min(parser_.error_offset(), json_text.size()));
  if (rest.find_first_not_of(" \t\r\n") != std::string_view::npos)
    return problem(payload_problem_kind::invalid_json,
                   concat({"extra text after the JSON value at column ", std::to_string(parser_.error_offset() + 1)}));
  const nodes_t nodes = parser_.nodes();
  std::string_view event;
  const std::size_t payload = locate_payload(nodes, event);
  if (!event.empty())
    return problem(payload_problem_kind::not_a_game_state,
                   concat({"the event is ", event.substr(0, 64), ", not gameStateUpdate"}));
  if (payload == none)
    return problem(payload_problem_kind::not_a_game_state,
                   concat({"the JSON text is ", json_kind_description(nodes[0].kind), " holding no payload object"}));
  return read_payload(nodes, payload, out);
}

}  // namespace replayer::live
