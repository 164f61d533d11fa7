#include "core/fair/revealed_game.hpp"
#include "core/concat.hpp"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <initializer_list>
#include <span>

namespace replayer {
namespace {

constexpr std::size_t none = static_cast<std::size_t>(-1);
constexpr int max_depth = 4;  // arrays of events or games, events, payloads: no deeper search

using nodes_t = std::span<const json_node>;

// The node after `at` and all its descendants; always at least one on, so a malformed `end`
// can never make a loop stand still.
std::size_t skip(nodes_t nodes, std::size_t at) { return std::max<std::size_t>(nodes[at].end, at + 1); }

std::size_t member(nodes_t nodes, std::size_t object, std::string_view key) {
  if (object == none || nodes[object].kind != json_kind::object) return none;
  for (std::size_t c = object + 1; c < nodes[object].end; c = skip(nodes, c))
    if (nodes[c].key == key) return c;
  return none;
}

// The first of `keys` present in `object`.
std::size_t first_member(nodes_t nodes, std::size_t object, std::initializer_list<std::string_view> keys) {
  for (auto k : keys)
    if (auto m = member(nodes, object, k); m != none) return m;
  return none;
}

bool parse_double(std::string_view text, double& out) {
  const auto r = std::from_chars(text.data(), text.data() + text.size(), out);
  return r.ec == std::errc{} && r.ptr == text.data() + text.size();
}

// Reads a string field; `found` text or a problem.
void read_string(nodes_t nodes, std::size_t at, std::string_view name, std::string& out, std::string& problem) {
  if (at == none) return;
  if (nodes[at].kind != json_kind::string) {
    if (problem.empty()) problem = concat({"\"", name, "\" is ", json_kind_description(nodes[at].kind), ", expected a string"});
    return;
  }
  out.assign(nodes[at].text);
}

bool is_game_object(nodes_t nodes, std::size_t at) {
  return member(nodes, at, "prices") != none && first_member(nodes, at, {"id", "gameId", "game_id"}) != none;
}

void read_game(nodes_t nodes, std::size_t at, std::vector<revealed_game>& out) {
  revealed_game& g = out.emplace_back();
  std::string& problem = g.problem;
  read_string(nodes, first_member(nodes, at, {"id", "gameId", "game_id"}), "id", g.id, problem);

  const std::size_t fair = member(nodes, at, "provablyFair");
  auto seed_field = [&](std::string_view key) {
    const std::size_t m = member(nodes, at, key);
    return m != none ? m : member(nodes, fair, key);
  };
  read_string(nodes, seed_field("serverSeed"), "serverSeed", g.server_seed, problem);
  read_string(nodes, seed_field("serverSeedHash"), "serverSeedHash", g.server_seed_hash, problem);
  std::size_t version = first_member(nodes, at, {"gameVersion", "version"});
  if (version == none) version = member(nodes, fair, "version");
  read_string(nodes, version, "version", g.version, problem);

  const std::size_t prices = member(nodes, at, "prices");
  if (nodes[prices].kind != json_kind::array) {
    if (problem.empty()) problem = concat({"\"prices\" is ", json_kind_description(nodes[prices].kind), ", expected an array"});
  } else {
    g.prices.reserve(nodes[prices].size);
    g.price_text_ends.reserve(nodes[prices].size);
    std::size_t i = 0;
    for (std::size_t c = prices + 1; c < nodes[prices].end; c = skip(nodes, c), ++i) {
      double value = 0;
      if (nodes[c].kind != json_kind::number || !parse_double(nodes[c].text, value)) {
        if (problem.empty()) {
          const bool number = nodes[c].kind == json_kind::number;
          problem = concat({"prices[", std::to_string(i), "] is ", number ? "an unreadable number " : json_kind_description(nodes[c].kind),
                         number ? nodes[c].text : "", ", expected a number"});
        }
        break;
      }
      g.add_price(value, nodes[c].text);
    }
  }

  const std::size_t peak = member(nodes, at, "peakMultiplier");
  if (peak != none && nodes[peak].kind == json_kind::number) {
    double value = 0;
    if (parse_double(nodes[peak].text, value)) {
      g.peak_multiplier = value;
      g.peak_text.assign(nodes[peak].text);
    }
  }
}

void read_history(nodes_t nodes, std::size_t payload, std::vector<revealed_game>& out) {
  const std::size_t history = member(nodes, payload, "gameHistory");
  if (history == none || nodes[history].kind != json_kind::array) return;
  for (std::size_t c = history + 1; c < nodes[history].end; c = skip(nodes, c))
    if (is_game_object(nodes, c)) read_game(nodes, c, out);
}

void extract(nodes_t nodes, std::size_t at, int depth, std::vector<revealed_game>& out) {
  if (depth > max_depth) return;
  const json_node& n = nodes[at];
  if (n.kind == json_kind::array) {
    for (std::size_t c = at + 1; c < n.end; c = skip(nodes, c)) extract(nodes, c, depth + 1, out);
    return;
  }
  if (n.kind != json_kind::object) return;

  const std::size_t data = member(nodes, at, "data");
  if (data != none && first_member(nodes, at, {"event_type", "event"}) != none) {
    if (nodes[data].kind == json_kind::object) {
      read_history(nodes, data, out);
    } else if (nodes[data].kind == json_kind::array) {
      // Socket.IO arguments: the payload is the last one.
      std::size_t last = none;
      for (std::size_t c = data + 1; c < nodes[data].end; c = skip(nodes, c)) last = c;
      if (last != none) read_history(nodes, last, out);
    }
    return;
  }
  if (member(nodes, at, "gameHistory") != none) {
    read_history(nodes, at, out);
    return;
  }
  if (is_game_object(nodes, at)) read_game(nodes, at, out);
}

}  // namespace

void revealed_game::add_price(double value, std::string_view text) {
  prices.push_back(value);
  price_texts.append(text);
  price_text_ends.push_back(static_cast<std::uint32_t>(price_texts.size()));
}

boost::system::result<std::size_t, json_text_problem> revealed_game_reader::read(std::string_view json_text,
                                                                                 std::vector<revealed_game>& out) {
  if (parser_.parse(json_text)) return json_text_problem{parser_.error_text()};
  // The parser stops after one complete value; anything but whitespace after it is an error.
  const auto rest = json_text.substr(std::min(parser_.error_offset(), json_text.size()));
  if (rest.find_first_not_of(" \t\r\n") != std::string_view::npos)
    return json_text_problem{concat({"extra text after the JSON value at column ", std::to_string(parser_.error_offset() + 1)})};
  const std::size_t before = out.size();
  extract(parser_.nodes(), 0, 0, out);
  return out.size() - before;
}

}  // namespace replayer
