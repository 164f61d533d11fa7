#include "core/replay_clock.hpp"

#include <algorithm>

namespace replayer {

std::chrono::nanoseconds replay_delay(timestamp previous, timestamp next, double speed,
                                      std::chrono::microseconds max_gap) {
  const auto recorded = std::clamp(next - previous, std::chrono::microseconds{0}, max_gap);
  return std::chrono::nanoseconds(static_cast<std::int64_t>(
      static_cast<double>(std::chrono::duration_cast<std::chrono::nanoseconds>(recorded).count()) / speed));
}

}  // namespace replayer
