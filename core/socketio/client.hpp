#pragma once
// The Socket.IO v4 client as a sans-I/O state machine: WebSocket text frames in, events and the
// frames to send back out. No sockets, no clock: the caller passes the time of every frame and
// asks for deadline() to know how long it may wait for the next one.
//
//   awaiting_open --0{open}--> awaiting_namespace_connect --40{"sid"}--> connected
//        (every state) --1, 41, 44, a broken handshake, the deadline, close()--> closed
//
// Read-only by construction: the only frames it ever produces are the pong `3` (answering the
// server's ping `2` at once, as Engine.IO v4's server-initiated heartbeat requires), the
// namespace connect (`40`, `40/ns,`) and the close `1`. There is no way to emit an event or an
// ack: the real server blocks listening clients that emit game actions.
#include "core/socketio/counters.hpp"
#include "core/socketio/event_array.hpp"
#include "core/socketio/open_packet.hpp"
#include "core/socketio/protocol_error.hpp"
#include "core/socketio/socket_packet.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace replayer::socketio {

enum class client_state : std::uint8_t { awaiting_open, awaiting_namespace_connect, connected, closed };

/// Why a client is closed, for the transport's reconnect decision and its logs.
enum class close_cause : std::uint8_t {
  none,               // not closed
  server_close,       // Engine.IO close `1` from the server
  server_disconnect,  // Socket.IO DISCONNECT `41` of our namespace
  connect_refused,    // CONNECT_ERROR `44`
  handshake_failed,   // the open packet or the connect reply could not be used
  ping_timeout,       // nothing arrived before the deadline
  local_close,        // close() was called
};

std::string_view client_state_name(client_state s);
std::string_view close_cause_name(close_cause c);

struct client_config {
  /// The namespace to connect to, valid by namespace_problem(); socketio_request_target()
  /// derives (and checks) it from the URL.
  std::string namespace_name = std::string(default_namespace);
  /// The largest frame accepted. The server's maxPayload bounds what the *server* accepts, so
  /// it is not our receive limit; real frames are up to ~400 KB (gameStateUpdate with history).
  std::size_t max_frame_bytes = std::size_t{1} << 20;
  /// How long to wait for the open packet after the WebSocket handshake.
  std::chrono::milliseconds open_timeout{20'000};
};

/// An EVENT of our namespace. Every view points into the frame given to receive(): valid while
/// that frame's buffer lives, and the caller must not overwrite the buffer before it is done
/// with the event (e.g. parse `payload_json` before the next read into the same buffer).
struct event {
  std::string_view name;
  /// The payload: the last argument. Multi-argument events carry a trace envelope
  /// {"__trace":true,...} first and the payload last; for a one-argument event it is the
  /// second array element. Empty for an event without arguments.
  std::string_view payload_json;
  std::string_view arguments_json;  // all arguments as written
  std::size_t argument_count = 0;
  /// Set when the server asked for an acknowledgement (`42<id>[...]`). The client never sends
  /// one (it cannot emit anything); the id is reported so the caller can log it.
  std::optional<std::uint64_t> ack_id;
};

/// What one received frame (or a liveness check) produced.
struct client_step {
  std::optional<socketio::event> event;
  /// The frame was refused; counted in counters().errors_by_kind. The machine carries on
  /// unless `link_closed` is also set.
  std::optional<protocol_error> error;
  /// A text frame to send now when not empty (the pong, the namespace connect). Static or owned
  /// by the client: valid until the client is destroyed.
  std::string_view reply;
  /// This step closed the client (see close_cause()); the transport should close the WebSocket.
  bool link_closed = false;
};

class client {
public:
  using clock = std::chrono::steady_clock;

  /// `now` is when the WebSocket handshake completed: the open packet is due by now + open_timeout.
  client(client_config config, clock::time_point now);

  /// One WebSocket text frame, received at `now`.
  client_step receive(std::string_view frame, clock::time_point now);
  /// One WebSocket binary frame of `size` bytes (an attachment): counted and refused.
  client_step receive_binary(std::size_t size, clock::time_point now);

  /// When the link is dead if no frame arrives before: awaiting the open packet, the start plus
  /// open_timeout; afterwards, the last frame of any kind plus pingInterval + pingTimeout (the
  /// server pings every pingInterval and allows pingTimeout for the answer, so a live link never
  /// stays quiet that long). time_point::max() once closed. The transport waits until here.
  clock::time_point deadline() const;
  /// Past the deadline: closes the client with a ping_timeout error. Otherwise an empty step.
  client_step check_liveness(clock::time_point now);

  /// Closes the client; returns the close frame `1` to send, or "" when there is no session
  /// (before the open packet, or already closed).
  std::string_view close();

  client_state state() const { return state_; }
  close_cause cause() const { return cause_; }
  /// The server's open packet, once received.
  const std::optional<open_packet>& handshake() const { return open_; }
  /// Our socket id in the namespace, once connected.
  const std::string& namespace_sid() const { return namespace_sid_; }
  const client_config& config() const { return config_; }
  const counters& counts() const { return counts_; }

private:
  client_step refuse(protocol_error e);
  client_step end(close_cause cause, std::optional<protocol_error> e = std::nullopt);
  client_step on_open(std::string_view body);
  client_step on_message(std::string_view body);
  client_step on_connect(const socket_packet& p);
  client_step on_event(const socket_packet& p);

  client_config config_;
  client_state state_ = client_state::awaiting_open;
  close_cause cause_ = close_cause::none;
  clock::time_point started_;
  clock::time_point last_frame_;
  std::optional<open_packet> open_;
  std::string connect_frame_;
  std::string namespace_sid_;
  event_array_reader events_;
  counters counts_;
};

}  // namespace replayer::socketio
