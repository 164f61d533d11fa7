#pragma once
// The names every network coroutine file uses: Asio, Beast, their WebSocket and TCP types, the
// awaitable operators, and the completion token that returns errors as values.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <chrono>

namespace replayer::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using clock = std::chrono::steady_clock;
/// co_await op(..., as_result) gives (error_code, ...) instead of throwing.
inline constexpr auto as_result = asio::as_tuple(asio::use_awaitable);

}  // namespace replayer::net
