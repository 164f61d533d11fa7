#pragma once
// A live Socket.IO v4 endpoint on 127.0.0.1 that plays a script of events (core/feed/fake_feed:
// recordings as gameStateUpdate payloads, or raw captures), for tests and demos. It speaks the
// protocol through core/socketio's server machine (the same codec as the client), paces the
// script by its own timestamps (speed x, or as fast as the client reads), and can misbehave on
// purpose: drop the connection every N events, stall, send garbage or an oversized frame, go
// silent (no events, no pings, TCP still open), or restart the session mid-game. A client
// that reconnects goes on from where the script was.
#include "core/feed/fake_feed.hpp"
#include "core/socketio/server.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace replayer::net {

struct fake_server_options {
  std::uint16_t port = 0;  // 0: any free port (see fake_server::port)
  double speed = 1;        // 0: as fast as the client reads
  bool loop = false;       // start the script again at its end
  std::size_t drop_every = 0;       // close the TCP connection after every N events
  std::size_t restart_every = 0;    // end the session (close packet) after every N events
  std::size_t garbage_every = 0;    // a frame that is not Engine.IO after every N events
  std::size_t oversized_every = 0;  // a frame larger than oversized_bytes after every N events
  std::size_t oversized_bytes = std::size_t{2} << 20;
  std::size_t stall_every = 0;      // wait stall_for after every N events
  std::chrono::milliseconds stall_for{0};
  std::size_t silent_after = 0;     // after N events in all: send nothing more, answer nothing
  socketio::server_config protocol{};
  std::function<void()> on_script_done;  // called once, when the last event has been sent
  std::function<void(std::size_t)> on_send;  // called with the script index just before each event is written
};

struct fake_server_stats {
  std::atomic<std::size_t> connections{0}, events_sent{0}, events_missed{0}, faults{0}, protocol_errors{0};
  std::atomic<bool> script_done{false};
};

class fake_server {
public:
  /// Binds 127.0.0.1:port now (so port() is known before run()); throws on a bind error.
  fake_server(boost::asio::any_io_executor executor, fake_server_options options, std::vector<scripted_event> script);
  ~fake_server();

  std::uint16_t port() const;
  /// Accepts and serves clients (one at a time) until cancelled.
  boost::asio::awaitable<void> run();
  const fake_server_stats& stats() const { return stats_; }

private:
  struct state;
  std::unique_ptr<state> state_;
  fake_server_stats stats_;
};

}  // namespace replayer::net
