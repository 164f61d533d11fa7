#pragma once
// /healthz: whether the live feed is fresh, judged from plain facts the feed owner keeps. Pure:
// the caller passes the time.
#include <chrono>
#include <optional>
#include <string>

namespace replayer::dashboard {

using steady_time = std::chrono::steady_clock::time_point;

/// What the feed owner knows about its feed. Updated as frames arrive and connections change.
struct feed_health {
  bool has_feed = true;           // false for `view`: nothing live to be stale
  bool connected = false;
  bool stopped = false;           // the run is shutting down
  std::optional<steady_time> last_frame;  // any frame from the server, pings included
  std::optional<steady_time> disconnected_at;
  std::string last_disconnect;    // the cause, as the feed client told it
};

enum class health_state { fresh, starting, stale, reconnecting, stopped, no_feed };

struct health_verdict {
  health_state state = health_state::fresh;
  int status = 200;   // HTTP status: 200 while usable, 503 otherwise
  std::string reason; // one line
};

/// A connected feed with a frame in the last `stale_after` is fresh; one whose last frame is
/// older is stale; a feed between connections is reconnecting (with the cause).
health_verdict judge_health(const feed_health& h, steady_time now, std::chrono::milliseconds stale_after);

std::string_view health_state_name(health_state s);

}  // namespace replayer::dashboard
