#include "core/dashboard/health.hpp"

#include "core/concat.hpp"

namespace replayer::dashboard {
namespace {

std::string millis(std::chrono::steady_clock::duration d) {
  return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()) + " ms";
}

}  // namespace

health_verdict judge_health(const feed_health& h, steady_time now, std::chrono::milliseconds stale_after) {
  if (!h.has_feed) return {health_state::no_feed, 200, "ok: no live feed (replay viewer)"};
  if (h.stopped) return {health_state::stopped, 503, "stopped: the run is shutting down"};
  if (!h.connected) {
    if (!h.disconnected_at) return {health_state::starting, 503, "starting: not connected to the feed yet"};
    return {health_state::reconnecting, 503,
            concat({"reconnecting: disconnected ", millis(now - *h.disconnected_at), " ago: ", h.last_disconnect})};
  }
  if (!h.last_frame) return {health_state::starting, 503, "starting: connected, no frame yet"};
  const auto age = now - *h.last_frame;
  if (age > stale_after)
    return {health_state::stale, 503, concat({"stale: last frame ", millis(age), " ago (limit ", millis(stale_after), ")"})};
  return {health_state::fresh, 200, concat({"ok: last frame ", millis(age), " ago"})};
}

std::string_view health_state_name(health_state s) {
  switch (s) {
    case health_state::fresh: return "fresh";
    case health_state::starting: return "starting";
    case health_state::stale: return "stale";
    case health_state::reconnecting: return "reconnecting";
    case health_state::stopped: return "stopped";
    case health_state::no_feed: return "no_feed";
  }
  return "unknown";
}

}  // namespace replayer::dashboard
