#include "core/socketio/open_packet.hpp"

#include "core/concat.hpp"
#include "core/socketio/json_text.hpp"

namespace replayer::socketio {
namespace {

constexpr std::string_view context = "engine.io open packet";

protocol_error problem(std::string_view field, std::string_view what) {
  return {error_kind::bad_open_packet, concat({context, ": field ", field, " ", what})};
}

// The member `name`, never null.
boost::system::result<const boost::json::value*, protocol_error> field(const boost::json::object& o,
                                                                        std::string_view name) {
  const auto* value = o.if_contains(boost::json::string_view(name.data(), name.size()));
  if (!value) return problem(name, "is missing");
  return value;
}

// An integer member within [low, high].
boost::system::result<std::int64_t, protocol_error> integer_field(const boost::json::object& o, std::string_view name,
                                                                   std::int64_t low, std::int64_t high) {
  auto value = field(o, name);
  if (!value) return value.error();
  const std::int64_t* number = (*value)->if_int64();
  if (!number) {
    if ((*value)->is_uint64())
      return problem(name, concat({"is ", std::to_string((*value)->get_uint64()), ", too large"}));
    return problem(name, concat({"is ", json_kind_words((*value)->kind()), ", not an integer"}));
  }
  if (*number < low || *number > high)
    return problem(name, concat({"is ", std::to_string(*number), ", outside ", std::to_string(low), "..",
                                 std::to_string(high)}));
  return *number;
}

}  // namespace

boost::system::result<open_packet, protocol_error> parse_open_packet(std::string_view json) {
  auto parsed = parse_json_object(json, context, error_kind::bad_open_packet);
  if (!parsed) return parsed.error();
  const boost::json::object& o = *parsed;
  open_packet open;

  auto sid = field(o, "sid");
  if (!sid) return sid.error();
  if (!(*sid)->is_string()) return problem("sid", concat({"is ", json_kind_words((*sid)->kind()), ", not a string"}));
  const auto& sid_text = (*sid)->get_string();
  if (sid_text.empty()) return problem("sid", "is empty");
  if (sid_text.size() > open_packet::max_sid)
    return problem("sid", concat({"is ", std::to_string(sid_text.size()), " bytes long, over ",
                                  std::to_string(open_packet::max_sid)}));
  open.sid.assign(sid_text.data(), sid_text.size());

  auto upgrades = field(o, "upgrades");
  if (!upgrades) return upgrades.error();
  if (!(*upgrades)->is_array())
    return problem("upgrades", concat({"is ", json_kind_words((*upgrades)->kind()), ", not an array"}));
  const auto& list = (*upgrades)->get_array();
  if (list.size() > open_packet::max_upgrades)
    return problem("upgrades", concat({"has ", std::to_string(list.size()), " entries, over ",
                                       std::to_string(open_packet::max_upgrades)}));
  for (const auto& u : list) {
    if (!u.is_string()) return problem("upgrades", concat({"holds ", json_kind_words(u.kind()), ", not a string"}));
    open.upgrades.emplace_back(u.get_string().data(), u.get_string().size());
  }

  const auto max_ms = open_packet::max_heartbeat.count();
  auto interval = integer_field(o, "pingInterval", 1, max_ms);
  if (!interval) return interval.error();
  open.ping_interval = std::chrono::milliseconds(*interval);
  auto timeout = integer_field(o, "pingTimeout", 1, max_ms);
  if (!timeout) return timeout.error();
  open.ping_timeout = std::chrono::milliseconds(*timeout);
  auto max_payload = integer_field(o, "maxPayload", 1, static_cast<std::int64_t>(open_packet::max_max_payload));
  if (!max_payload) return max_payload.error();
  open.max_payload = static_cast<std::size_t>(*max_payload);
  return open;
}

void write_open_frame(std::string& out, const open_packet& open) {
  out += "0{\"sid\":";
  append_json_string(out, open.sid);
  out += ",\"upgrades\":[";
  for (std::size_t i = 0; i < open.upgrades.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, open.upgrades[i]);
  }
  out += concat({"],\"pingInterval\":", std::to_string(open.ping_interval.count()),
                 ",\"pingTimeout\":", std::to_string(open.ping_timeout.count()),
                 ",\"maxPayload\":", std::to_string(open.max_payload), "}"});
}

}  // namespace replayer::socketio
