#pragma once
// A refused frame as a value: what kind of problem (counted per kind) and a message that says
// what and where, e.g. "engine.io open packet: field pingInterval is missing".
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace replayer::socketio {

enum class error_kind : std::uint8_t {
  oversized_frame,      // a frame over the limit (ours when receiving, the announced maxPayload when serving)
  malformed_frame,      // outside the grammar: empty, not a digit, bad namespace, ack id or JSON
  unknown_packet_type,  // a type digit Engine.IO or Socket.IO does not define
  binary_attachment,    // BINARY_EVENT, BINARY_ACK or a binary frame: not supported
  unexpected_packet,    // a well-formed packet in the wrong state or from the wrong side
  bad_open_packet,      // the Engine.IO handshake cannot be used
  connect_refused,      // CONNECT_ERROR: the server refused the namespace
  ping_timeout,         // the peer went quiet for longer than the heartbeat allows
};
inline constexpr std::size_t error_kind_count = 8;

/// "oversized_frame", "malformed_frame", ...
std::string_view error_kind_name(error_kind k);

struct protocol_error {
  error_kind kind = error_kind::malformed_frame;
  std::string message;
};

/// A byte for a message: 'x' when printable, otherwise byte 0x1f.
std::string describe_byte(char c);

}  // namespace replayer::socketio
