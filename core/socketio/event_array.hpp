#pragma once
// The payload of an EVENT (or ACK): a JSON array whose first element is the event name and whose
// other elements are the arguments, e.g. ["gameStateUpdate",{"gameId":"...","price":1.06,...}].
// The array is checked once with Boost.JSON's SAX parser (no tree is built, nothing is copied),
// then the arguments' extents are found in the text, so the caller hands `payload_json` straight
// to its own parser.
#include "core/socketio/protocol_error.hpp"

#include <boost/system/result.hpp>

#include <cstddef>
#include <memory>
#include <string_view>

namespace replayer::socketio {

/// Views into the text given to event_array_reader::read: valid while that text lives.
struct event_array {
  std::string_view name;            // the first element, without its quotes (never holds an escape)
  std::string_view arguments_json;  // every argument as written, commas included; empty when none
  std::string_view first_json;      // the first argument (after the name); empty when none
  std::string_view last_json;       // the last argument; the same as first_json when there is one
  std::size_t argument_count = 0;
};

class event_array_reader {
public:
  static constexpr std::size_t max_depth = 32;
  static constexpr std::size_t max_name_bytes = 256;

  event_array_reader();
  ~event_array_reader();
  event_array_reader(const event_array_reader&) = delete;
  event_array_reader& operator=(const event_array_reader&) = delete;
  /// A moved-from reader may only be assigned to or destroyed.
  event_array_reader(event_array_reader&&) noexcept;
  event_array_reader& operator=(event_array_reader&&) noexcept;

  /// Reads `text`, which must be one JSON array of at least one element, the first a string
  /// without escapes (event names are identifiers; one with an escape is refused, not decoded).
  /// `context` starts the messages ("socket.io EVENT").
  boost::system::result<event_array, protocol_error> read(std::string_view text, std::string_view context);

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace replayer::socketio
