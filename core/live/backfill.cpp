#include "core/live/backfill.hpp"

#include <algorithm>

namespace replayer::live {

void backfill(std::int64_t after, std::int64_t before, std::span<const partial_price> window, const tick& like,
              std::vector<tick>& filled, std::vector<tick_range>& unfilled) {
  auto entry = std::upper_bound(window.begin(), window.end(), after,
                                [](std::int64_t index, const partial_price& p) { return index < p.tick; });
  std::int64_t next = after + 1;  // the first index not yet filled or reported
  for (; entry != window.end() && entry->tick < before; ++entry) {
    if (entry->tick > next) unfilled.push_back({next, entry->tick - 1});
    tick& t = filled.emplace_back(like);
    t.index = entry->tick;
    t.price = entry->price;
    t.backfilled = true;
    next = entry->tick + 1;
  }
  if (next < before) unfilled.push_back({next, before - 1});
}

}  // namespace replayer::live
