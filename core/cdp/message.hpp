#pragma once
// The Chrome DevTools Protocol's JSON-RPC messages as values, sans I/O: a call is encoded to
// one WebSocket text message, and one incoming text message is decoded into a reply (to a call,
// by id: a result or an error), an event (a method and its params, no id), or a protocol error
// that says what was wrong with the message. Flattened sessions (Target.attachToTarget with
// flatten: true) carry a "sessionId" member on calls, replies and events.
//
//   call:   {"id":7,"method":"Runtime.evaluate","params":{...},"sessionId":"..."}
//   reply:  {"id":7,"result":{...},"sessionId":"..."}  or  {"id":7,"error":{"code":-32000,"message":"..."}}
//   event:  {"method":"Page.loadEventFired","params":{...},"sessionId":"..."}
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace replayer::cdp {

/// Chrome sends large messages (DOM snapshots, screenshots): the default bound is generous.
inline constexpr std::size_t default_max_message_bytes = std::size_t{16} << 20;
/// Nesting beyond this is refused (DOM.getDocument with depth -1 nests one level per element).
inline constexpr unsigned default_max_depth = 512;

enum class error_kind : std::uint8_t {
  oversized_message,  // above the size bound
  not_json,           // not JSON (or nested deeper than the bound)
  not_an_object,      // JSON, but not an object
  bad_id,             // "id" is not a positive integer
  bad_member,         // a member of the wrong type: method, params, result, error, sessionId
  neither,            // neither "id" (a reply) nor "method" (an event)
};
inline constexpr std::size_t error_kind_count = 6;

/// "oversized_message", "not_json", ...
std::string_view error_kind_name(error_kind k);

/// A message refused by decode(), e.g. "CDP message: 'id' is -3, not a positive integer".
struct protocol_error {
  error_kind kind = error_kind::not_json;
  std::string message;
};

/// The "error" member of a reply: what Chrome refused and why.
struct remote_error {
  std::int64_t code = 0;  // JSON-RPC: -32601 method not found, -32602 invalid params, -32000 server error
  std::string message;
  std::string data;       // the optional "data" member, as text ("" when absent)
};

struct reply {
  std::uint64_t id = 0;
  boost::json::value result;          // the "result" member (an object), null when `error` is set
  std::optional<remote_error> error;
  std::string session_id;
};

struct event {
  std::string method;
  boost::json::object params;
  std::string session_id;
};

using decoded = std::variant<reply, event, protocol_error>;

struct decode_limits {
  std::size_t max_message_bytes = default_max_message_bytes;
  unsigned max_depth = default_max_depth;
};

/// One incoming WebSocket text message.
decoded decode(std::string_view message, const decode_limits& limits = {});

/// One call as a text message; "sessionId" only when `session_id` is not empty.
std::string encode_call(std::uint64_t id, std::string_view method, const boost::json::object& params,
                        std::string_view session_id = {});

}  // namespace replayer::cdp
