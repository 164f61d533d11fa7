#pragma once
// When to try the live server again: capped exponential backoff with full jitter, from a seeded
// generator so that a test (or a replayed incident) sees the same delays. The cap doubles from
// `initial` to `max` with every failed attempt; the delay is uniform in [0, cap]. A connection
// that stayed healthy for `healthy_after` resets the count; one that dies right after opening
// counts as a failed attempt, so a server that accepts and drops at once is not hammered.
#include <chrono>
#include <cstdint>
#include <random>

namespace replayer {

class reconnect_backoff {
public:
  using duration = std::chrono::milliseconds;
  struct settings {
    duration initial{500};
    duration max{30'000};
    duration healthy_after{30'000};
    std::uint64_t seed = 1;
  };

  explicit reconnect_backoff(settings s) : settings_(s), random_(s.seed) {}

  /// A connection attempt ended; it had been open for `uptime` (zero if it never opened).
  /// Returns how long to wait before the next attempt.
  duration next_delay(duration uptime);
  /// Failed attempts in a row (what the next cap is computed from).
  unsigned failures() const { return failures_; }
  /// The upper bound of the delay the next failure will draw from.
  duration cap() const;

private:
  settings settings_;
  std::mt19937_64 random_;
  unsigned failures_ = 0;
};

}  // namespace replayer
