#pragma once
// What the fake server sends, as data: recorded games turned back into the live server's
// `gameStateUpdate` payloads, and raw captures ({"timestamp", "event_type", "data"} lines, as
// in ../shared/data/feed/gamestate_samples.jsonl) passed through byte for byte. Every payload a
// recording gives derives, through core/live's phase rules, the phase it was recorded with.
#include "core/game.hpp"
#include "core/timestamp.hpp"

#include <boost/system/result.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace replayer {

struct scripted_event {
  std::string name;
  std::string payload;            // one JSON value as text
  std::chrono::microseconds at{};  // when, from the script's start, at speed 1
};

/// Ticks of the partialPrices window sent with every in-play update (the real server sends 5).
inline constexpr std::int64_t partial_prices_window = 5;

/// Appends one gameStateUpdate per tick line of `g`. `origin` is the script's time zero.
void append_game_events(const game& g, timestamp origin, std::vector<scripted_event>& out);

/// One raw capture line; `data` is sent as it was captured. The error says what is wrong.
boost::system::result<scripted_event, std::string> parse_capture_line(std::string_view line, timestamp origin);
/// The capture line's time, to pick the script's time zero.
std::optional<timestamp> capture_line_time(std::string_view line);

}  // namespace replayer
