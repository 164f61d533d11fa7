#pragma once
// Recording timestamps: ISO-8601 text as written by the recorder ("2025-10-29T18:36:08.376110",
// local wall time without a zone). Replay only uses differences between them, so the text is
// read as if it were UTC; an explicit `Z` or `+HH:MM` offset is honoured.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace replayer {

using timestamp = std::chrono::sys_time<std::chrono::microseconds>;

std::optional<timestamp> parse_timestamp(std::string_view text);
/// "2025-10-29T18:36:08.376110" (UTC, microseconds), the recorder's own layout.
std::string format_timestamp(timestamp t);

/// The wall clock now, for the I/O layers (the feed's receive times, the recorder, logs); the
/// domain code never reads a clock.
inline timestamp wall_clock_now() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

}  // namespace replayer
