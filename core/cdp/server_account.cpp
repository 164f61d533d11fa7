#include "core/cdp/server_account.hpp"

#include "core/concat.hpp"
#include "core/json_flat.hpp"

#include <optional>

namespace replayer::cdp {
namespace {

constexpr std::size_t max_payload_bytes = 256 * 1024;

const json_node* root_member(std::span<const json_node> nodes, std::string_view key) {
  for (std::size_t i = 1; i < nodes.size(); i = nodes[i].end) {
    if (nodes[i].key == key) return &nodes[i];
  }
  return nullptr;
}

const json_node* child_member(std::span<const json_node> nodes, const json_node& object, std::string_view key) {
  const auto at = static_cast<std::size_t>(&object - nodes.data());
  for (std::size_t i = at + 1; i < object.end; i = nodes[i].end) {
    if (nodes[i].key == key) return &nodes[i];
  }
  return nullptr;
}

}  // namespace

boost::system::result<server_account, std::string> parse_player_update(std::string_view payload_json) {
  using out = boost::system::result<server_account, std::string>;
  if (payload_json.size() > max_payload_bytes)
    return out(boost::system::in_place_error, concat({"playerUpdate: ", std::to_string(payload_json.size()), " bytes, more than ",
                                                      std::to_string(max_payload_bytes)}));
  json_flat_parser parser;
  if (parser.parse(payload_json))
    return out(boost::system::in_place_error, concat({"playerUpdate: not JSON (at byte ", std::to_string(parser.error_offset()), ")"}));
  const auto nodes = parser.nodes();
  if (nodes.empty() || nodes[0].kind != json_kind::object)
    return out(boost::system::in_place_error, std::string("playerUpdate: the payload is not an object"));
  server_account a;
  std::string problem;
  const auto number = [&](std::string_view key, decimal& into) {
    if (!problem.empty()) return;
    const json_node* n = root_member(nodes, key);
    if (!n) {
      problem = concat({"playerUpdate: \"", key, "\" is missing"});
    } else if (n->kind != json_kind::number) {
      problem = concat({"playerUpdate: \"", key, "\" is ", json_kind_description(n->kind), ", not a number"});
    } else if (auto d = decimal::parse(n->text)) {
      into = *d;
    } else {
      problem = concat({"playerUpdate: \"", key, "\" = ", n->text, " is out of range"});
    }
  };
  number("cash", a.cash);
  number("positionQty", a.position_qty);
  number("avgCost", a.avg_cost);
  number("totalInvested", a.total_invested);
  if (!problem.empty()) return out(boost::system::in_place_error, std::move(problem));
  if (const json_node* bet = root_member(nodes, "sideBet"); bet && bet->kind == json_kind::object) {
    a.sidebet_open = true;
    if (const json_node* size = child_member(nodes, *bet, "betSize"); size && size->kind == json_kind::number) {
      if (auto d = decimal::parse(size->text)) a.sidebet_stake = *d;
    }
  }
  return a;
}

std::optional<price> payload_price(std::string_view payload_json) {
  if (payload_json.size() > max_payload_bytes) return std::nullopt;
  json_flat_parser parser;
  if (parser.parse(payload_json)) return std::nullopt;
  const json_node* field = root_member(parser.nodes(), "price");
  if (!field || field->kind != json_kind::number) return std::nullopt;
  return price::parse(field->text);
}

std::string describe(const server_account& a) {
  return concat({"cash ", a.cash.str(), " SOL, position ", a.position_qty.str(), " tokens at ", a.avg_cost.str(), " (",
                 a.total_invested.str(), " SOL invested), ",
                 a.sidebet_open ? concat({"sidebet ", a.sidebet_stake.str(), " SOL open"}) : std::string("no sidebet")});
}

}  // namespace replayer::cdp
