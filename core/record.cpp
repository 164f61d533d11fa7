#include "core/record.hpp"

#include "core/append_int.hpp"
#include "core/record_fast.hpp"
#include "core/record_limits.hpp"

#include <boost/json/error.hpp>

#include <array>
#include <charconv>
#include <span>

namespace replayer {
namespace {

constexpr std::array<std::string_view, 7> type_names = {
    "game_start", "tick", "game_end", "game_complete", "session_start", "session_end", "other",
};

// The ten members of every tick line, then `origin`, written only for backfilled ticks so that
// every recording made before it existed still round-trips byte for byte.
constexpr std::array<std::string_view, 11> tick_keys = {
    "type", "timestamp", "game_id", "tick", "price", "phase", "active", "rugged", "cooldown_timer", "trade_count",
    "origin",
};
constexpr std::size_t required_tick_keys = 10;
constexpr std::string_view backfilled_origin = "backfilled";

line_problem missing(std::string_view key) { return {"missing field \"" + std::string(key) + "\""}; }

line_problem mistyped(std::string_view key, const json_node& n, std::string_view expected) {
  return {"field \"" + std::string(key) + "\" is " + std::string(json_kind_description(n.kind)) + ", expected " +
          std::string(expected)};
}

line_problem bad_value(std::string_view key, std::string_view value, std::string_view why) {
  return {"field \"" + std::string(key) + "\" has " + std::string(why) + " \"" + std::string(value) + "\""};
}

// Positions in tick_keys.
enum tick_key : std::size_t { k_type, k_timestamp, k_game_id, k_tick, k_price, k_phase, k_active, k_rugged,
                              k_cooldown_timer, k_trade_count, k_origin, k_none };
static_assert(k_none == tick_keys.size());

// The position of `key` in tick_keys, or k_none. One comparison at most (with a literal, so
// the compiler inlines it): the keys differ in length, or else in their second letter.
std::size_t tick_key_index(std::string_view key) {
  using namespace std::string_view_literals;
  switch (key.size()) {
    case 4: return key == "type"sv ? k_type : key == "tick"sv ? k_tick : k_none;
    case 9: return key == "timestamp"sv ? k_timestamp : k_none;
    case 7: return key == "game_id"sv ? k_game_id : k_none;
    case 5: return key == "price"sv ? k_price : key == "phase"sv ? k_phase : k_none;
    case 6: return key == "active"sv ? k_active : key == "rugged"sv ? k_rugged : key == "origin"sv ? k_origin : k_none;
    case 14: return key == "cooldown_timer"sv ? k_cooldown_timer : k_none;
    case 11: return key == "trade_count"sv ? k_trade_count : k_none;
    default: return k_none;
  }
}

// The first occurrence of each standard tick member (what json_flat_parser::member would
// find), in one pass over the root object rather than one scan of the members per field:
// this is the hot path of every replay.
class tick_members {
public:
  explicit tick_members(std::span<const json_node> nodes) {
    for (std::size_t i = 1; i < nodes.size(); i = nodes[i].end) {
      const std::size_t k = tick_key_index(nodes[i].key);
      if (k != k_none && !at_[k]) at_[k] = &nodes[i];
    }
  }
  const json_node* operator[](tick_key k) const { return at_[k]; }

private:
  std::array<const json_node*, k_none> at_{};
};

// Checks the member `n` (null when missing) named `key` is of a given kind; fills `problem`
// and returns nullptr otherwise.
const json_node* require(const json_node* n, std::string_view key, json_kind kind, std::string_view expected,
                         line_problem& problem) {
  if (!n) {
    problem = missing(key);
    return nullptr;
  }
  if (n->kind != kind) {
    problem = mistyped(key, *n, expected);
    return nullptr;
  }
  return n;
}

const json_node* require(const tick_members& m, tick_key k, json_kind kind, std::string_view expected,
                         line_problem& problem) {
  return require(m[k], tick_keys[k], kind, expected, problem);
}

bool require_int(const tick_members& m, tick_key k, std::int64_t& out, line_problem& problem) {
  const json_node* n = require(m, k, json_kind::number, "an integer", problem);
  if (!n) return false;
  if (!n->integer) {
    problem = bad_value(tick_keys[k], n->text, "a non-integer value");
    return false;
  }
  out = n->int_value;
  return true;
}

template <std::size_t N>
bool require_text(const tick_members& m, tick_key k, inline_text<N>& out, line_problem& problem) {
  const json_node* n = require(m, k, json_kind::string, "a string", problem);
  if (!n) return false;
  auto t = inline_text<N>::from(n->text);
  if (!t) {
    problem = {"field \"" + std::string(tick_keys[k]) + "\" is longer than " + std::to_string(N) + " characters"};
    return false;
  }
  out = *t;
  return true;
}

decode_result decode_tick(const json_flat_parser& parser, record& out) {
  const tick_members p(parser.nodes());
  line_problem problem;
  tick& t = out.tick;
  if (!require_text(p, k_timestamp, t.timestamp_text, problem) || !require_text(p, k_game_id, t.game_id, problem) ||
      !require_int(p, k_tick, t.index, problem))
    return problem;
  auto when = parse_timestamp(t.timestamp_text);
  if (!when) return bad_value("timestamp", t.timestamp_text, "an unreadable time");
  t.time = *when;

  const json_node* price_node = require(p, k_price, json_kind::number, "a number", problem);
  if (!price_node) return problem;
  auto pr = price::parse(price_node->text);
  if (!pr) return bad_value("price", price_node->text, "an unusable price");
  t.price = *pr;

  const json_node* phase_node = require(p, k_phase, json_kind::string, "a string", problem);
  if (!phase_node) return problem;
  auto ph = parse_phase(phase_node->text);
  if (!ph) return bad_value("phase", phase_node->text, "an unknown phase");
  t.phase = *ph;

  const json_node* active = require(p, k_active, json_kind::boolean, "a boolean", problem);
  if (!active) return problem;
  const json_node* rugged = require(p, k_rugged, json_kind::boolean, "a boolean", problem);
  if (!rugged) return problem;
  t.active = active->boolean;
  t.rugged = rugged->boolean;
  if (!require_int(p, k_cooldown_timer, t.cooldown_ms, problem) || !require_int(p, k_trade_count, t.trade_count, problem))
    return problem;
  t.backfilled = false;
  if (const json_node* origin = p[k_origin]) {
    if (origin->kind != json_kind::string || origin->text != backfilled_origin)
      return bad_value("origin", origin->text, "an unknown origin (only \"backfilled\" is written)");
    t.backfilled = true;
  }
  if (auto out_of_range = record_limits::tick_value_problem(t)) return std::move(*out_of_range);

  // Members beyond the standard ones are kept and written after them.
  out.fields = json_value{};
  const auto nodes = parser.nodes();
  if (nodes[0].size > required_tick_keys + (t.backfilled ? 1 : 0)) {
    out.fields.kind = json_kind::object;
    for (std::size_t i = 1; i < nodes.size(); i = nodes[i].end) {
      if (tick_key_index(nodes[i].key) == k_none)
        out.fields.add_member(std::string(nodes[i].key), to_json_value(nodes, i));
    }
  }
  return record_type::tick;
}

}  // namespace

std::string_view record_type_name(record_type t) { return type_names[static_cast<std::size_t>(t)]; }

std::string_view record::game_id() const {
  if (type == record_type::tick) return tick.game_id;
  const json_value* id = fields.find("game_id");
  return id && id->kind == json_kind::string ? std::string_view(id->text) : std::string_view{};
}

decode_result record_decoder::decode(std::string_view line, record& out) {
  // A tick out of range is left to the general decoder, which says why.
  if (decode_recorder_tick(line, out.tick) && !record_limits::tick_value_problem(out.tick)) {
    out.type = record_type::tick;
    out.fields = json_value{};
    return record_type::tick;
  }
  return decode_general(line, out);
}

decode_result record_decoder::decode_general(std::string_view line, record& out) {
  if (auto ec = parser_.parse(line))
    return line_problem{parser_.error_text()};
  const auto nodes = parser_.nodes();
  if (nodes[0].kind != json_kind::object)
    return line_problem{"expected a JSON object, found " + std::string(json_kind_description(nodes[0].kind))};
  line_problem problem;
  const json_node* type = require(parser_.member("type"), "type", json_kind::string, "a string", problem);
  if (!type) return problem;
  out.type = record_type::other;
  for (std::size_t i = 0; i + 1 < type_names.size(); ++i)
    if (type->text == type_names[i]) out.type = static_cast<record_type>(i);
  if (out.type == record_type::tick) return decode_tick(parser_, out);
  if (out.type == record_type::game_start || out.type == record_type::game_end ||
      out.type == record_type::game_complete) {
    if (!require(parser_.member("game_id"), "game_id", json_kind::string, "a string", problem)) return problem;
  }
  out.fields = to_json_value(nodes);
  return out.type;
}

namespace {

// The standard members, without the closing brace, so extra members can follow.
void encode_tick_members(std::string& out, const tick& t) {
  out += "{\"type\": \"tick\", \"timestamp\": ";
  write_python_json_string(out, t.timestamp_text);
  out += ", \"game_id\": ";
  write_python_json_string(out, t.game_id);
  out += ", \"tick\": ";
  append_int(out, t.index);
  out += ", \"price\": ";
  out += t.price.text();
  out += ", \"phase\": \"";
  out += phase_name(t.phase);
  out += "\", \"active\": ";
  out += t.active ? "true" : "false";
  out += ", \"rugged\": ";
  out += t.rugged ? "true" : "false";
  out += ", \"cooldown_timer\": ";
  append_int(out, t.cooldown_ms);
  out += ", \"trade_count\": ";
  append_int(out, t.trade_count);
  if (t.backfilled) {
    out += ", \"origin\": \"";
    out += backfilled_origin;
    out += '"';
  }
}

}  // namespace

void encode_tick(std::string& out, const tick& t) {
  encode_tick_members(out, t);
  out += '}';
}

void encode(std::string& out, const record& r) {
  if (r.type != record_type::tick) {
    write_python_json(out, r.fields);
    return;
  }
  encode_tick_members(out, r.tick);
  for (std::size_t i = 0; i < r.fields.keys.size(); ++i) {
    out += ", ";
    write_python_json_string(out, r.fields.keys[i]);
    out += ": ";
    write_python_json(out, r.fields.items[i]);
  }
  out += '}';
}

}  // namespace replayer
