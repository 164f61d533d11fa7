#include "core/socketio/engine_frame.hpp"

#include "core/concat.hpp"

#include <string>

namespace replayer::socketio {

std::string_view engine_type_name(engine_type t) {
  switch (t) {
    case engine_type::open: return "open";
    case engine_type::close: return "close";
    case engine_type::ping: return "ping";
    case engine_type::pong: return "pong";
    case engine_type::message: return "message";
    case engine_type::upgrade: return "upgrade";
    case engine_type::noop: return "noop";
  }
  return "?";
}

boost::system::result<engine_packet, protocol_error> parse_engine_frame(std::string_view frame, std::size_t limit) {
  if (frame.size() > limit)
    return protocol_error{error_kind::oversized_frame,
                          concat({"engine.io frame of ", std::to_string(frame.size()), " bytes is over the limit of ",
                                  std::to_string(limit), " bytes"})};
  if (frame.empty()) return protocol_error{error_kind::malformed_frame, "engine.io frame is empty (no packet type)"};
  const char digit = frame.front();
  if (digit < '0' || digit > '9')
    return protocol_error{error_kind::malformed_frame,
                          concat({"engine.io frame: packet type ", describe_byte(digit), " at byte 0 is not a digit"})};
  if (digit > '6')
    return protocol_error{error_kind::unknown_packet_type,
                          concat({"engine.io frame: unknown packet type ", describe_byte(digit), " (0-6 exist)"})};
  const engine_packet packet{static_cast<engine_type>(digit - '0'), frame.substr(1)};
  const bool takes_body =
      packet.type == engine_type::open || packet.type == engine_type::message || packet.type == engine_type::upgrade;
  if (!takes_body && !packet.body.empty())
    return protocol_error{error_kind::malformed_frame,
                          concat({"engine.io ", engine_type_name(packet.type), " packet: unexpected ",
                                  std::to_string(packet.body.size()), " bytes of data after the type at byte 1"})};
  return packet;
}

}  // namespace replayer::socketio
