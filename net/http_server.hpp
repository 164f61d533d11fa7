#pragma once
// The dashboard's server: HTTP/1.1 and WebSocket (Beast) on the io_context that runs the feed
// and the session. Requests are answered by a handler (routes, pages, /healthz, /metrics); every
// WebSocket handshake and every request that is not GET or HEAD must pass the access policy
// (core/dashboard/access: Origin and the per-run token) or gets 403. Pages get state through
// publish(): each connected page has a latest-wins slot, so a slow or stalled tab never makes
// anyone wait; a state it had not been sent yet when a newer one came is dropped and counted.
// Bounded: connections, request header and body, incoming WebSocket messages, the time a page
// may take to read one state.
#include "core/dashboard/access.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/address.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace replayer::net {

struct http_request {
  std::string_view method, target, origin, body;
};

struct http_response {
  unsigned status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

/// A one-line plain-text answer (a newline is added).
inline http_response text_response(unsigned status, std::string line) {
  return {status, "text/plain; charset=utf-8", std::move(line) + "\n", {}};
}

class http_handler {
public:
  virtual ~http_handler() = default;
  virtual http_response on_request(const http_request& r) = 0;
  /// A text message from a page's WebSocket (a command). Runs on the io thread.
  virtual void on_page_message(std::string_view text) = 0;
};

struct http_server_options {
  boost::asio::ip::address address = boost::asio::ip::make_address("127.0.0.1");
  std::uint16_t port = 0;  // 0: any free port (see http_server::port)
  std::size_t max_connections = 32;
  std::size_t max_header_bytes = 8 * 1024;
  std::size_t max_body_bytes = 64 * 1024;
  std::size_t max_page_message = 4 * 1024;
  std::chrono::milliseconds request_timeout{10'000};  // to read one request
  std::chrono::milliseconds write_timeout{5'000};     // a page that takes longer to read a state is closed
};

struct http_server_stats {
  std::uint64_t connections = 0, refused_connections = 0, requests = 0, forbidden = 0, bad_requests = 0;
  std::uint64_t pages_connected = 0, states_sent = 0, states_dropped = 0, slow_pages_closed = 0, page_messages = 0;
  std::size_t open_connections = 0, open_pages = 0;
};

class http_server {
public:
  /// Binds now (so port() is known before run()); a bind error is returned as a message.
  static std::unique_ptr<http_server> bind(boost::asio::any_io_executor executor, http_server_options options,
                                           dashboard::access_policy policy, http_handler& handler, std::string& error);
  ~http_server();

  std::uint16_t port() const;
  /// The Origins the access policy accepts (known once the port is: bind 0 picks one).
  void set_origins(std::vector<std::string> origins);
  /// Accepts and serves until cancelled; then closes every connection and waits for them.
  boost::asio::awaitable<void> run();
  /// Hands `state` to every connected page (latest wins).
  void publish(std::shared_ptr<const std::string> state);
  const http_server_stats& stats() const;

  struct state;

private:
  explicit http_server(std::shared_ptr<state> s);
  std::shared_ptr<state> state_;
};

}  // namespace replayer::net
