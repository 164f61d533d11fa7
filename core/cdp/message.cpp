#include "core/cdp/message.hpp"

#include "core/concat.hpp"
#include "core/socketio/json_text.hpp"

#include <boost/json/parser.hpp>
#include <boost/json/serialize.hpp>

namespace replayer::cdp {
namespace {

using socketio::json_kind_words;

protocol_error refuse(error_kind kind, std::string_view why) { return {kind, concat({"CDP message: ", why})}; }

std::string_view text_of(const boost::json::string& s) { return {s.data(), s.size()}; }

// The optional string member `name`; false when present but not a string.
bool optional_string(const boost::json::object& o, std::string_view name, std::string& out) {
  const auto* v = o.if_contains(name);
  if (!v) return true;
  if (!v->is_string()) return false;
  out = text_of(v->get_string());
  return true;
}

protocol_error wrong_type(std::string_view member, const boost::json::value& v, std::string_view expected) {
  return refuse(error_kind::bad_member, concat({"'", member, "' is ", json_kind_words(v.kind()), ", not ", expected}));
}

decoded decode_reply(boost::json::object& o, const boost::json::value& id_value) {
  reply r;
  if (id_value.is_int64() && id_value.get_int64() > 0) r.id = static_cast<std::uint64_t>(id_value.get_int64());
  else if (id_value.is_uint64() && id_value.get_uint64() > 0) r.id = id_value.get_uint64();
  else if (id_value.is_number())
    return refuse(error_kind::bad_id, concat({"'id' is ", boost::json::serialize(id_value), ", not a positive integer"}));
  else return refuse(error_kind::bad_id, concat({"'id' is ", json_kind_words(id_value.kind()), ", not a positive integer"}));
  if (!optional_string(o, "sessionId", r.session_id)) return wrong_type("sessionId", o.at("sessionId"), "a string");
  if (auto* error = o.if_contains("error")) {
    if (!error->is_object()) return wrong_type("error", *error, "an object");
    const auto& e = error->get_object();
    const auto* code = e.if_contains("code");
    const auto* message = e.if_contains("message");
    if (!code || !code->is_int64()) return refuse(error_kind::bad_member, "'error' has no integer 'code'");
    if (!message || !message->is_string()) return refuse(error_kind::bad_member, "'error' has no string 'message'");
    remote_error re{code->get_int64(), std::string(text_of(message->get_string())), {}};
    if (const auto* data = e.if_contains("data"))
      re.data = data->is_string() ? std::string(text_of(data->get_string())) : boost::json::serialize(*data);
    r.error = std::move(re);
    return r;
  }
  auto* result = o.if_contains("result");
  if (!result) return refuse(error_kind::bad_member, concat({"the reply to call ", std::to_string(r.id), " has neither 'result' nor 'error'"}));
  if (!result->is_object()) return wrong_type("result", *result, "an object");
  r.result = std::move(*result);
  return r;
}

decoded decode_event(boost::json::object& o, const boost::json::value& method) {
  event e;
  if (!method.is_string()) return wrong_type("method", method, "a string");
  e.method = text_of(method.get_string());
  if (e.method.empty()) return refuse(error_kind::bad_member, "'method' is empty");
  if (!optional_string(o, "sessionId", e.session_id)) return wrong_type("sessionId", o.at("sessionId"), "a string");
  if (auto* params = o.if_contains("params")) {
    if (!params->is_object()) return wrong_type("params", *params, "an object");
    e.params = std::move(params->get_object());
  }
  return e;
}

}  // namespace

std::string_view error_kind_name(error_kind k) {
  switch (k) {
    case error_kind::oversized_message: return "oversized_message";
    case error_kind::not_json: return "not_json";
    case error_kind::not_an_object: return "not_an_object";
    case error_kind::bad_id: return "bad_id";
    case error_kind::bad_member: return "bad_member";
    case error_kind::neither: return "neither";
  }
  return "?";
}

decoded decode(std::string_view message, const decode_limits& limits) {
  if (message.size() > limits.max_message_bytes)
    return refuse(error_kind::oversized_message, concat({std::to_string(message.size()), " bytes, above the bound of ",
                                                         std::to_string(limits.max_message_bytes)}));
  boost::json::parse_options options;
  options.max_depth = limits.max_depth;
  boost::json::parser parser({}, options);
  boost::system::error_code ec;
  const std::size_t used = parser.write(message.data(), message.size(), ec);
  if (ec)
    return refuse(error_kind::not_json, concat({"invalid JSON at byte ", std::to_string(used), " of ",
                                                std::to_string(message.size()), " (", ec.message(), ")"}));
  boost::json::value value = parser.release();
  if (!value.is_object())
    return refuse(error_kind::not_an_object, concat({json_kind_words(value.kind()), ", not an object"}));
  auto& o = value.get_object();
  if (const auto* id = o.if_contains("id")) {
    const boost::json::value id_value = *id;
    return decode_reply(o, id_value);
  }
  if (const auto* method = o.if_contains("method")) {
    const boost::json::value method_value = *method;
    return decode_event(o, method_value);
  }
  return refuse(error_kind::neither, "neither 'id' (a reply) nor 'method' (an event)");
}

std::string encode_call(std::uint64_t id, std::string_view method, const boost::json::object& params,
                        std::string_view session_id) {
  std::string out = "{\"id\":";
  out += std::to_string(id);
  out += ",\"method\":";
  socketio::append_json_string(out, method);
  out += ",\"params\":";
  out += boost::json::serialize(params);
  if (!session_id.empty()) {
    out += ",\"sessionId\":";
    socketio::append_json_string(out, session_id);
  }
  out += '}';
  return out;
}

}  // namespace replayer::cdp
