#pragma once
// Socket.IO v4 packets (protocol revision 5), the body of an Engine.IO message `4`:
//   <type>[<attachments>-][<namespace>,][<ack id>][<JSON payload>]
//   0  CONNECT        40   40/admin,   40{"sid":"..."} (the server's answer)   40/admin,{"token":"x"}
//   1  DISCONNECT     41   41/admin,
//   2  EVENT          42["name",{...}]   42/admin,["name"]   4212["name",1] (ack id 12)
//   3  ACK            4312["ok"]   43/admin,13[]
//   4  CONNECT_ERROR  44{"message":"Not authorized"}
//   5  BINARY_EVENT   451-["name",{"_placeholder":true,"num":0}]   (refused: binary attachments)
//   6  BINARY_ACK     461-12[...]                                    (refused)
// The namespace is "/" when the packet names none. The payload stays text, a view into the input.
#include "core/socketio/protocol_error.hpp"

#include <boost/system/result.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace replayer::socketio {

enum class packet_type : std::uint8_t { connect, disconnect, event, ack, connect_error, binary_event, binary_ack };

/// "CONNECT", "EVENT", ... as the protocol names them.
std::string_view packet_type_name(packet_type t);

inline constexpr std::string_view default_namespace = "/";
inline constexpr std::size_t max_namespace_bytes = 256;
inline constexpr std::size_t max_ack_id_digits = 18;  // fits in 64 bits; JavaScript's ids are far smaller

struct socket_packet {
  packet_type type = packet_type::event;
  std::string_view nsp = default_namespace;
  std::optional<std::uint64_t> ack_id;
  std::string_view payload;  // the JSON text after the header, possibly empty; a view into the input
};

/// Parses the header of a packet (the body of an Engine.IO message) and checks which parts the
/// type allows: an ack id only on EVENT (optional) and ACK (required); no payload on DISCONNECT.
/// Binary packets are refused (error_kind::binary_attachment) after their header is read.
/// The payload's JSON is not checked here.
boost::system::result<socket_packet, protocol_error> parse_socket_packet(std::string_view body);

/// Checks a namespace name: "/" followed by at most max_namespace_bytes - 1 visible ASCII
/// characters other than ','.
std::optional<std::string> namespace_problem(std::string_view nsp);

/// Appenders of whole Engine.IO frames (the `4` included). `nsp` is written only when it is not "/".
void write_connect_frame(std::string& out, std::string_view nsp);
void write_connect_reply_frame(std::string& out, std::string_view nsp, std::string_view sid);
void write_connect_error_frame(std::string& out, std::string_view nsp, std::string_view message);
void write_disconnect_frame(std::string& out, std::string_view nsp);
/// `42["name",payload]`: the payload (one JSON value, or empty for an event without arguments)
/// is copied as text, never re-serialised.
void write_event_frame(std::string& out, std::string_view nsp, std::string_view name, std::string_view payload_json);

}  // namespace replayer::socketio
