#pragma once
// The Engine.IO v4 open packet, the server's first frame:
//   0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}
// Every field is required and checked; unknown fields are ignored (a newer server may add some).
#include "core/socketio/protocol_error.hpp"

#include <boost/system/result.hpp>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace replayer::socketio {

struct open_packet {
  static constexpr std::size_t max_sid = 128;
  static constexpr std::size_t max_upgrades = 8;
  static constexpr std::chrono::milliseconds max_heartbeat{3'600'000};
  static constexpr std::size_t max_max_payload = std::size_t{1} << 30;

  std::string sid;
  std::vector<std::string> upgrades;  // transports the session could move to; a WebSocket has none
  std::chrono::milliseconds ping_interval{25'000};
  std::chrono::milliseconds ping_timeout{20'000};
  std::size_t max_payload = 1'000'000;  // the largest frame the server accepts from the client
};

/// Parses the body of an open packet (the JSON after the `0`).
boost::system::result<open_packet, protocol_error> parse_open_packet(std::string_view json);

/// Appends the whole open frame, `0{...}`, in the field order servers use.
void write_open_frame(std::string& out, const open_packet& open);

}  // namespace replayer::socketio
