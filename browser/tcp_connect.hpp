#pragma once
// Resolve and connect within a deadline, for the CDP client's HTTP and WebSocket connections.
// Internal to browser/ (it brings Beast): include it from .cpp files only.
#include "browser/cdp_client.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <chrono>
#include <optional>
#include <string_view>

namespace replayer::browser {

/// Connects `stream` to host:port (a "[::1]" host without its brackets) by `deadline`; the
/// stream's own expiry is left at `deadline` for what follows. The failure says what was tried
/// (`what`, e.g. "GET http://127.0.0.1:9222/json/version") and what to do.
boost::asio::awaitable<std::optional<cdp_failure>> connect_tcp(boost::beast::tcp_stream& stream, std::string_view host,
                                                               std::uint16_t port,
                                                               std::chrono::steady_clock::time_point deadline,
                                                               std::string_view what);

/// Whether the awaiting coroutine was asked to stop (never throws).
boost::asio::awaitable<bool> stop_asked();

}  // namespace replayer::browser
