#include "core/game.hpp"

namespace replayer {

game_facts analyse(const game& g) {
  game_facts f;
  f.ticks = g.ticks.size();
  if (g.ticks.empty()) return f;
  f.first_tick = g.ticks.front().index;
  f.last_tick = g.ticks.back().index;
  f.duration = std::chrono::duration_cast<std::chrono::microseconds>(g.ticks.back().time - g.ticks.front().time);
  f.started_mid_game = g.ticks.front().phase == phase::active_gameplay || g.ticks.front().phase == phase::rug_event_1;

  phase_tracker tracker;
  const tick* previous_in_play = nullptr;
  for (const tick& t : g.ticks) {
    ++f.ticks_per_phase[static_cast<std::size_t>(t.phase)];
    if (!f.peak || t.price > *f.peak) f.peak = t.price;
    if (t.rugged && !f.rug_tick) {
      f.rug_tick = t.index;
      f.rug_price = t.price;
    }
    if (auto anomaly = tracker.step(t)) {
      ++f.phase_anomalies;
      if (f.listed_anomalies.size() < game_facts::max_listed) f.listed_anomalies.push_back(*anomaly);
    }
    if (is_in_play(t.phase)) {
      if (previous_in_play && t.index > previous_in_play->index + 1) {
        ++f.gaps;
        const std::int64_t missing = t.index - previous_in_play->index - 1;
        f.missing_ticks += missing;
        if (f.listed_gaps.size() < game_facts::max_listed) f.listed_gaps.push_back({previous_in_play->index, missing});
      }
      previous_in_play = &t;
    }
  }
  return f;
}

}  // namespace replayer
