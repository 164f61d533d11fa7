#include "core/cdp/page_socket_tap.hpp"

#include "core/socketio/engine_frame.hpp"
#include "core/socketio/socket_packet.hpp"

namespace replayer::cdp {

std::optional<page_event> page_socket_tap::on_frame(std::string_view payload) {
  ++counters_.frames;
  const auto refuse = [&](std::string why) -> std::optional<page_event> {
    ++counters_.refused;
    last_refusal_ = std::move(why);
    return std::nullopt;
  };
  auto engine = socketio::parse_engine_frame(payload, max_frame_bytes);
  if (!engine) return refuse(engine.error().message);
  if (engine->type != socketio::engine_type::message) {
    ++counters_.other_packets;
    return std::nullopt;
  }
  auto packet = socketio::parse_socket_packet(engine->body);
  if (!packet) return refuse(packet.error().message);
  if (packet->type != socketio::packet_type::event) {
    ++counters_.other_packets;
    return std::nullopt;
  }
  auto array = reader_.read(packet->payload, "socket.io EVENT");
  if (!array) return refuse(array.error().message);
  ++counters_.events;
  return page_event{std::string(array->name), std::string(array->last_json)};
}

}  // namespace replayer::cdp
