#include "core/socketio/protocol_error.hpp"

#include <cstdio>

namespace replayer::socketio {

std::string_view error_kind_name(error_kind k) {
  switch (k) {
    case error_kind::oversized_frame: return "oversized_frame";
    case error_kind::malformed_frame: return "malformed_frame";
    case error_kind::unknown_packet_type: return "unknown_packet_type";
    case error_kind::binary_attachment: return "binary_attachment";
    case error_kind::unexpected_packet: return "unexpected_packet";
    case error_kind::bad_open_packet: return "bad_open_packet";
    case error_kind::connect_refused: return "connect_refused";
    case error_kind::ping_timeout: return "ping_timeout";
  }
  return "?";
}

std::string describe_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte >= 0x20 && byte < 0x7f) return std::string{'\'', c, '\''};
  char text[16];
  std::snprintf(text, sizeof text, "byte 0x%02x", byte);
  return text;
}

}  // namespace replayer::socketio
