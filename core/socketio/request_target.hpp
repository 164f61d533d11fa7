#pragma once
// The HTTP request target of the WebSocket handshake, built from the user's URL:
//   https://backend.rugs.fun?frontend-version=1.0
//     -> GET /socket.io/?EIO=4&transport=websocket&frontend-version=1.0, namespace "/"
// The user's query parameters are kept as written, in order (the real server refuses clients
// without frontend-version). As the JavaScript client does, the URL's path names the namespace:
// https://host/admin?x=1 -> namespace "/admin". And the other way, for the fake server: a
// request target checked and its user query handed back.
#include <boost/system/result.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace replayer::socketio {

inline constexpr std::string_view engine_path = "/socket.io/";
inline constexpr std::size_t max_request_target_bytes = 4096;

struct url_problem {
  std::string reason;
};

struct socketio_target {
  std::string request_target;  // "/socket.io/?EIO=4&transport=websocket[&<user query>]"
  std::string namespace_name;  // "/" when the URL has no path
};

/// From a URL's path and query ("", "/", "?a=1", "/admin?a=1"; a "#fragment" is dropped).
/// Refused: characters a query may not hold, a '%' not followed by two hex digits, and the
/// parameters the client sets itself (EIO, transport, sid).
boost::system::result<socketio_target, url_problem> socketio_request_target(std::string_view path_and_query);

/// Checks a target a client sent (path /socket.io/, EIO=4, transport=websocket) and returns
/// the user's parameters: the query without EIO and transport, the others in order.
boost::system::result<std::string, url_problem> parse_request_target(std::string_view target);

/// The raw value of `key` in a query ("a=1&b=2"), or nullopt; a key without '=' has value "".
std::optional<std::string_view> query_parameter(std::string_view query, std::string_view key);

}  // namespace replayer::socketio
