#pragma once
// Fills the ticks a jump of tickCount skipped from the server's `partialPrices` window. Only
// what the window holds is filled; every run of indices it does not hold is reported as a range,
// never invented.
#include "core/live/game_state_payload.hpp"
#include "core/tick.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace replayer::live {

/// Tick indices first..last, both included.
struct tick_range {
  std::int64_t first = 0;
  std::int64_t last = 0;

  std::int64_t size() const { return last - first + 1; }
};

/// For every index strictly between `after` and `before` (after < before): a copy of `like`
/// with that index and the window's price, marked backfilled, appended to `filled` in index
/// order; the indices the window lacks appended to `unfilled` as ranges. `window` is sorted by
/// tick with one entry per tick (game_state_payload::partial_prices).
void backfill(std::int64_t after, std::int64_t before, std::span<const partial_price> window, const tick& like,
              std::vector<tick>& filled, std::vector<tick_range>& unfilled);

}  // namespace replayer::live
