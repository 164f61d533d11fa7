#pragma once
// The game's phases, as the recorder and the live feed name them, and the table of transitions
// a well-formed game goes through. docs/phases.md explains every edge with the data behind it.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace replayer {

enum class phase : std::uint8_t {
  unknown,
  presale,
  game_activation,
  active_gameplay,
  rug_event_1,
  rug_event_2,
  cooldown,
};

inline constexpr std::size_t phase_count = 7;

/// The wire name: "UNKNOWN", "PRESALE", "GAME_ACTIVATION", ...
std::string_view phase_name(phase p);
std::optional<phase> parse_phase(std::string_view name);

/// True when a game may go straight from `from` to `to` (same-phase steps included).
bool transition_allowed(phase from, phase to);

/// Whether a game is still running (trading on the chart is possible) in this phase.
bool is_in_play(phase p);

}  // namespace replayer
