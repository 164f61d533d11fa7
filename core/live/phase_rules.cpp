#include "core/live/phase_rules.hpp"

namespace replayer::live {

// The rules in order, first match wins; docs/live-feed.md numbers them 1-7.
phase derive_phase(const phase_signals& s, phase previous) {
  constexpr std::int64_t presale_window_ms = 10'000;
  if (s.rugged && s.has_history) return s.active ? phase::rug_event_1 : phase::rug_event_2;
  if (s.allow_pre_round_buys && s.cooldown_ms > 0 && s.cooldown_ms <= presale_window_ms) return phase::presale;
  if (s.rugged && !s.active && s.cooldown_ms > presale_window_ms) return phase::cooldown;
  if (s.active && !s.rugged) return s.tick_count > 0 ? phase::active_gameplay : phase::game_activation;
  if (s.active && is_in_play(previous)) return previous;
  return phase::unknown;
}

}  // namespace replayer::live
