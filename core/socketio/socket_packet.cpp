#include "core/socketio/socket_packet.hpp"

#include "core/concat.hpp"
#include "core/socketio/json_text.hpp"

namespace replayer::socketio {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

protocol_error malformed(std::string_view what) {
  return {error_kind::malformed_frame, concat({"socket.io packet: ", what})};
}

std::string at(std::size_t byte) { return concat({" at byte ", std::to_string(byte)}); }

void write_header(std::string& out, char type, std::string_view nsp) {
  out += '4';
  out += type;
  if (nsp != default_namespace) {
    out += nsp;
    out += ',';
  }
}

}  // namespace

std::string_view packet_type_name(packet_type t) {
  switch (t) {
    case packet_type::connect: return "CONNECT";
    case packet_type::disconnect: return "DISCONNECT";
    case packet_type::event: return "EVENT";
    case packet_type::ack: return "ACK";
    case packet_type::connect_error: return "CONNECT_ERROR";
    case packet_type::binary_event: return "BINARY_EVENT";
    case packet_type::binary_ack: return "BINARY_ACK";
  }
  return "?";
}

std::optional<std::string> namespace_problem(std::string_view nsp) {
  if (nsp.empty() || nsp.front() != '/') return std::string("a namespace must start with '/'");
  if (nsp.size() > max_namespace_bytes)
    return concat({"namespace of ", std::to_string(nsp.size()), " bytes is over the limit of ",
                   std::to_string(max_namespace_bytes)});
  for (std::size_t i = 0; i < nsp.size(); ++i) {
    const auto c = static_cast<unsigned char>(nsp[i]);
    if (c <= 0x20 || c >= 0x7f || c == ',')
      return concat({"namespace holds ", describe_byte(nsp[i]), at(i)});
  }
  return std::nullopt;
}

boost::system::result<socket_packet, protocol_error> parse_socket_packet(std::string_view body) {
  // Offsets in messages count from the start of the Engine.IO frame, so they match what a log shows.
  constexpr std::size_t frame_offset = 1;
  if (body.empty()) return malformed("message packet `4` holds no socket.io packet type");
  const char digit = body.front();
  if (!is_digit(digit))
    return malformed(concat({"packet type ", describe_byte(digit), at(frame_offset), " is not a digit"}));
  if (digit > '6')
    return protocol_error{error_kind::unknown_packet_type,
                          concat({"socket.io packet: unknown packet type ", describe_byte(digit), " (0-6 exist)"})};
  socket_packet packet;
  packet.type = static_cast<packet_type>(digit - '0');
  std::size_t i = 1;

  if (packet.type == packet_type::binary_event || packet.type == packet_type::binary_ack) {
    std::size_t digits = 0;
    while (i + digits < body.size() && is_digit(body[i + digits]) && digits < 6) ++digits;
    const std::string count = digits ? std::string(body.substr(i, digits)) : std::string("an unknown number of");
    return protocol_error{error_kind::binary_attachment,
                          concat({"socket.io ", packet_type_name(packet.type), " with ", count,
                                  " binary attachment(s): binary attachments are not supported"})};
  }

  if (i < body.size() && body[i] == '/') {
    const std::size_t comma = body.find(',', i);
    const std::size_t end = comma == std::string_view::npos ? body.size() : comma;
    packet.nsp = body.substr(i, end - i);
    if (auto problem = namespace_problem(packet.nsp)) return malformed(concat({*problem, " (namespace", at(i + frame_offset), ")"}));
    i = comma == std::string_view::npos ? end : end + 1;
  }

  const std::size_t id_start = i;
  while (i < body.size() && is_digit(body[i])) {
    if (i - id_start == max_ack_id_digits)
      return malformed(concat({"ack id", at(id_start + frame_offset), " has more than ",
                               std::to_string(max_ack_id_digits), " digits"}));
    ++i;
  }
  if (i > id_start) {
    std::uint64_t id = 0;
    for (std::size_t d = id_start; d < i; ++d) id = id * 10 + static_cast<std::uint64_t>(body[d] - '0');
    packet.ack_id = id;
  }
  packet.payload = body.substr(i);

  const bool takes_ack_id = packet.type == packet_type::event || packet.type == packet_type::ack;
  if (packet.ack_id && !takes_ack_id)
    return malformed(concat({packet_type_name(packet.type), " cannot carry an ack id", at(id_start + frame_offset)}));
  if (packet.type == packet_type::ack && !packet.ack_id)
    return malformed(concat({"ACK without an ack id", at(id_start + frame_offset)}));
  if (packet.type == packet_type::disconnect && !packet.payload.empty())
    return malformed(concat({"DISCONNECT carries data", at(i + frame_offset)}));
  return packet;
}

void write_connect_frame(std::string& out, std::string_view nsp) { write_header(out, '0', nsp); }

void write_connect_reply_frame(std::string& out, std::string_view nsp, std::string_view sid) {
  write_header(out, '0', nsp);
  out += "{\"sid\":";
  append_json_string(out, sid);
  out += '}';
}

void write_connect_error_frame(std::string& out, std::string_view nsp, std::string_view message) {
  write_header(out, '4', nsp);
  out += "{\"message\":";
  append_json_string(out, message);
  out += '}';
}

void write_disconnect_frame(std::string& out, std::string_view nsp) { write_header(out, '1', nsp); }

void write_event_frame(std::string& out, std::string_view nsp, std::string_view name, std::string_view payload_json) {
  write_header(out, '2', nsp);
  out += '[';
  append_json_string(out, name);
  if (!payload_json.empty()) {
    out += ',';
    out += payload_json;
  }
  out += ']';
}

}  // namespace replayer::socketio
