#pragma once
// The live server's URL as the user gives it: ws://, wss://, http:// or https:// (the Socket.IO
// convention: http means ws, https means wss), a host, an optional port, and the path and query
// the Socket.IO request target is built from (core/socketio/request_target.hpp).
#include <boost/system/result.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace replayer {

inline constexpr std::string_view default_feed_url = "wss://backend.rugs.fun?frontend-version=1.0";

struct feed_url {
  bool tls = false;
  std::string host;
  std::uint16_t port = 0;
  std::string path_and_query;  // "" or starting with '/' or '?'

  /// "host:port", as the Host header and messages name it.
  std::string authority() const { return host + ":" + std::to_string(port); }
  bool loopback() const { return host == "127.0.0.1" || host == "localhost" || host == "::1" || host == "[::1]"; }
};

/// The reason names the flag, the URL and what is wrong with it.
boost::system::result<feed_url, std::string> parse_feed_url(std::string_view url, std::string_view flag = "--url");

}  // namespace replayer
