#include "core/feed/reconnect_backoff.hpp"

#include <algorithm>

namespace replayer {

reconnect_backoff::duration reconnect_backoff::cap() const {
  duration cap = settings_.initial;
  for (unsigned i = 0; i < failures_ && cap < settings_.max; ++i) cap *= 2;
  return std::min(cap, settings_.max);
}

reconnect_backoff::duration reconnect_backoff::next_delay(duration uptime) {
  if (uptime >= settings_.healthy_after) failures_ = 0;
  const auto bound = static_cast<std::uint64_t>(cap().count());
  // The generator's raw output, reduced by modulo: the same delays on every standard library
  // (std::uniform_int_distribution's algorithm is not specified).
  const duration delay{static_cast<duration::rep>(random_() % (bound + 1))};
  if (failures_ < 64) ++failures_;
  return delay;
}

}  // namespace replayer
