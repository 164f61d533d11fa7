#pragma once
// One observation of a game: what the recorder wrote on a `tick` line, or what the live feed
// derives from one `gameStateUpdate`. Plain data, small and inline (no heap).
#include "core/inline_text.hpp"
#include "core/phase.hpp"
#include "core/price.hpp"
#include "core/timestamp.hpp"

#include <cstdint>

namespace replayer {

struct tick {
  static constexpr std::size_t max_game_id = 47;
  static constexpr std::size_t max_timestamp = 39;

  inline_text<max_game_id> game_id;
  inline_text<max_timestamp> timestamp_text;  // kept so a recording re-serialises byte for byte
  timestamp time{};
  std::int64_t index = 0;  // the server's tickCount; repeats during cooldown and presale
  replayer::price price;
  replayer::phase phase = phase::unknown;
  bool active = false;
  bool rugged = false;
  std::int64_t cooldown_ms = 0;
  std::int64_t trade_count = 0;
  // Filled in afterwards from the server's `partialPrices` window rather than observed as it
  // happened: it counts for the rug and sidebet windows but is never a decision point.
  bool backfilled = false;
};

}  // namespace replayer
