#pragma once
// Follows the phases of one game, tick by tick, and reports every step the transition table
// (core/phase.cpp) does not allow, or a tick index that goes backwards. It never rejects a
// tick: the phase the server sent is adopted either way, the anomaly is counted by the caller.
#include "core/phase.hpp"
#include "core/tick.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace replayer {

struct phase_anomaly {
  std::int64_t tick = 0;
  phase from = phase::unknown;
  phase to = phase::unknown;
  std::string_view what;  // "transition not allowed", "tick index went back", ...

  /// "tick 12: ACTIVE_GAMEPLAY -> PRESALE (transition not allowed)"
  std::string describe() const;
};

class phase_tracker {
public:
  /// Feeds the next tick of the game. The first tick of a game may be in any phase: a
  /// recording can start at any point of a game.
  std::optional<phase_anomaly> step(const tick& t);
  void reset() { started_ = false; }
  phase current() const { return phase_; }

private:
  bool started_ = false;
  phase phase_ = phase::unknown;
  std::int64_t last_index_ = 0;
};

}  // namespace replayer
