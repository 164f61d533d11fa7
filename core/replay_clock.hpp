#pragma once
// Pacing for replays at a finite speed: the recording's own time between two ticks, divided by
// the speed. The wall clock never decides the order of anything; it only sets how long to wait.
#include "core/timestamp.hpp"

#include <chrono>

namespace replayer {

/// The wait before showing a tick recorded at `next` after one recorded at `previous`. Backward
/// steps wait nothing; a pause longer than `max_gap` in the recording is shortened to it.
std::chrono::nanoseconds replay_delay(timestamp previous, timestamp next, double speed,
                                      std::chrono::microseconds max_gap = std::chrono::seconds(5));

}  // namespace replayer
