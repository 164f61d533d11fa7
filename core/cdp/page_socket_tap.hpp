#pragma once
// The page's own Socket.IO connection, read through CDP: every text frame the page's WebSocket
// receives (Network.webSocketFrameReceived, response.payloadData) goes in, and the Socket.IO
// events in it come out (name and last argument, where the real server puts the payload).
// Frames that are no event (heartbeats, the open packet, acks) are counted and skipped; frames
// the codec refuses are counted and their reason kept for the log. Nothing is answered: the page
// keeps talking to its server, replayer only listens.
#include "core/socketio/event_array.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace replayer::cdp {

struct page_event {
  std::string name;
  std::string payload_json;  // the last argument as written
};

struct page_tap_counters {
  std::size_t frames = 0, events = 0, other_packets = 0, refused = 0;
};

class page_socket_tap {
public:
  static constexpr std::size_t max_frame_bytes = 1 << 20;

  /// One received text frame; the event in it, if it holds one.
  std::optional<page_event> on_frame(std::string_view payload);

  const page_tap_counters& counters() const { return counters_; }
  /// Why the last refused frame was refused ("socket.io EVENT: ...").
  const std::string& last_refusal() const { return last_refusal_; }

private:
  socketio::event_array_reader reader_;
  page_tap_counters counters_;
  std::string last_refusal_;
};

}  // namespace replayer::cdp
