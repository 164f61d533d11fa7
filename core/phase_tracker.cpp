#include "core/phase_tracker.hpp"

namespace replayer {

std::string phase_anomaly::describe() const {
  return "tick " + std::to_string(tick) + ": " + std::string(phase_name(from)) + " -> " +
         std::string(phase_name(to)) + " (" + std::string(what) + ")";
}

std::optional<phase_anomaly> phase_tracker::step(const tick& t) {
  std::optional<phase_anomaly> anomaly;
  if (started_) {
    if (!transition_allowed(phase_, t.phase))
      anomaly = phase_anomaly{t.index, phase_, t.phase, "transition not allowed"};
    else if (t.index < last_index_)
      anomaly = phase_anomaly{t.index, phase_, t.phase, "tick index went back"};
    else if (t.index == last_index_ && phase_ == phase::active_gameplay && t.phase == phase::active_gameplay)
      anomaly = phase_anomaly{t.index, phase_, t.phase, "tick index repeated in active play"};
  }
  started_ = true;
  phase_ = t.phase;
  last_index_ = t.index;
  return anomaly;
}

}  // namespace replayer
