#pragma once
// The live feed's transport: a Socket.IO v4 client (core/socketio, the protocol) over a Beast
// WebSocket, ws:// or wss:// (OpenSSL, SNI, certificate verification unless --insecure), with a
// deadline on every step (resolve + connect + TLS + upgrade within connect_timeout, the open
// packet within the protocol's open timeout, then no more than pingInterval + pingTimeout
// between frames), and reconnection forever with capped, jittered backoff. Every connection is
// built afresh: nothing but the handler outlives one. Read-only: it never emits an event.
#include "core/feed/feed_url.hpp"
#include "core/feed/reconnect_backoff.hpp"
#include "core/socketio/client.hpp"
#include "core/timestamp.hpp"

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace replayer::net {

struct feed_client_options {
  feed_url url;
  bool insecure = false;  // no certificate verification (an explicit flag only)
  std::chrono::milliseconds connect_timeout{10'000};
  reconnect_backoff::settings backoff{};
  socketio::client_config protocol{};
};

/// What the feed reports, called on the io_context's thread, in order, never concurrently.
class feed_handler {
public:
  virtual ~feed_handler() = default;
  virtual void on_connected(std::string_view authority) = 0;
  /// An event of our namespace; its views are valid during the call only.
  virtual void on_event(const socketio::event& e, timestamp received) = 0;
  /// A frame refused by the protocol (counted by the caller), the link still up.
  virtual void on_protocol_error(const socketio::protocol_error& e) = 0;
  /// The link is gone (`cause` says why); the next attempt comes after `retry_in`.
  virtual void on_disconnected(std::string_view cause, std::chrono::milliseconds retry_in) = 0;
};

/// Connects, reads, reconnects, until the awaiting coroutine is cancelled; then closes the
/// WebSocket (a bounded wait) and returns.
boost::asio::awaitable<void> run_feed(feed_client_options options, feed_handler& handler);

}  // namespace replayer::net
