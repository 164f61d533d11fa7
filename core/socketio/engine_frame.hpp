#pragma once
// Engine.IO v4 packets over WebSocket: one text frame is one packet, a type digit and a body.
//   0{json}  open (server -> client, once)    1  close       2  ping (server -> client in v4)
//   3        pong (client -> server)          4<socket.io packet>  message
//   5        upgrade (never over a WebSocket-only session)    6  noop
// Binary frames (attachments) are not packets of this codec.
#include "core/socketio/protocol_error.hpp"

#include <boost/system/result.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace replayer::socketio {

enum class engine_type : std::uint8_t { open, close, ping, pong, message, upgrade, noop };

/// "open", "close", "ping", ... for messages.
std::string_view engine_type_name(engine_type t);

struct engine_packet {
  engine_type type = engine_type::noop;
  std::string_view body;  // after the type digit; a view into the frame
};

/// Splits one text frame. Refuses frames over `limit` bytes, empty frames, a first byte that is
/// not a digit, unknown type digits, and data after close, ping, pong or noop (the probes "2probe"
/// / "3probe" belong to transport upgrades, which a WebSocket-only session never does).
boost::system::result<engine_packet, protocol_error> parse_engine_frame(std::string_view frame, std::size_t limit);

/// The one-byte frames of the heartbeat and of closing.
inline constexpr std::string_view ping_frame = "2";
inline constexpr std::string_view pong_frame = "3";
inline constexpr std::string_view close_frame = "1";

}  // namespace replayer::socketio
