#pragma once
// The Socket.IO v4 server side of one session, as a sans-I/O state machine, for the fake server
// (tests and `replayer fake-server`): it writes the open packet, answers the namespace connect,
// writes events, pings on schedule, and checks that the client sends only what a listening
// client may: pong `3`, namespace connect `40`, DISCONNECT `41`, close `1` (and noop `6`).
// Anything else is an error value, counted; an EVENT from the client is one too.
//
//   awaiting_namespace_connect --40--> connected --41 / 1 / close() / no pong--> closed
//
// Heartbeat as Engine.IO v4 servers do it: the first ping pingInterval after the start, a pong
// due pingTimeout after each ping, the next ping pingInterval after that pong.
#include "core/socketio/counters.hpp"
#include "core/socketio/open_packet.hpp"
#include "core/socketio/protocol_error.hpp"
#include "core/socketio/socket_packet.hpp"

#include <boost/system/result.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace replayer::socketio {

enum class server_state : std::uint8_t { awaiting_namespace_connect, connected, closed };

std::string_view server_state_name(server_state s);

struct server_config {
  /// The open packet to announce: sid, heartbeat, maxPayload (also our receive limit).
  open_packet open{"fake-engine-sid", {}, std::chrono::milliseconds(25'000), std::chrono::milliseconds(20'000),
                   1'000'000};
  /// The one namespace served; a CONNECT to another is answered with CONNECT_ERROR.
  std::string namespace_name = std::string(default_namespace);
  /// The client's socket id in the namespace, sent in the connect reply.
  std::string namespace_sid = "fake-socket-sid";
};

struct server_step {
  /// What the client sent was refused (counted). The session carries on unless `link_closed`.
  std::optional<protocol_error> error;
  /// A text frame to send now when not empty: the connect reply or error, a ping. Static or
  /// owned by the server: valid until the next call on it.
  std::string_view reply;
  /// This step closed the session.
  bool link_closed = false;
};

class server {
public:
  using clock = std::chrono::steady_clock;

  /// The session starts at `now` (the WebSocket accepted): send open_frame() first.
  server(server_config config, clock::time_point now);

  /// `0{"sid":...}`: the first frame to send.
  std::string_view open_frame() const { return open_frame_; }

  /// One text frame from the client, received at `now`.
  server_step receive(std::string_view frame, clock::time_point now);
  /// A binary frame from the client: counted and refused.
  server_step receive_binary(std::size_t size, clock::time_point now);

  /// When poll() has something to do: the next ping, or the pong's due time. max() once closed.
  clock::time_point deadline() const;
  /// At or after deadline(): the ping to send, or, when the pong is overdue, a ping_timeout
  /// error that closes the session. Before it: an empty step.
  server_step poll(clock::time_point now);

  /// Appends `42["name",payload]` (namespace included) to `out`. The payload is one JSON value
  /// as text, or empty for no argument, copied as is (the caller vouches for it; recorded
  /// payloads are not re-serialised). Refused before the namespace connect, after close, and
  /// when the frame would exceed `frame_limit` (default: no limit but memory's).
  boost::system::result<void, protocol_error> write_event(std::string& out, std::string_view name,
                                                          std::string_view payload_json,
                                                          std::size_t frame_limit = SIZE_MAX);

  /// Ends the session: the close frame `1` to send, or "" when already closed.
  std::string_view close();
  /// Ends the namespace (and so this session): DISCONNECT `41` to send, or "" when not connected.
  std::string_view disconnect();

  server_state state() const { return state_; }
  const server_config& config() const { return config_; }
  const counters& counts() const { return counts_; }

private:
  server_step refuse(protocol_error e);
  server_step end();
  server_step on_message(std::string_view body);

  server_config config_;
  server_state state_ = server_state::awaiting_namespace_connect;
  std::string open_frame_;
  std::string reply_;  // the last connect reply or error
  clock::time_point next_ping_;
  std::optional<clock::time_point> pong_due_;  // set while a ping is unanswered
  counters counts_;
};

}  // namespace replayer::socketio
