#include "core/phase.hpp"

namespace replayer {
namespace {

constexpr std::array<std::string_view, phase_count> names = {
    "UNKNOWN", "PRESALE", "GAME_ACTIVATION", "ACTIVE_GAMEPLAY", "RUG_EVENT_1", "RUG_EVENT_2", "COOLDOWN",
};

constexpr std::size_t idx(phase p) { return static_cast<std::size_t>(p); }

// The transition table: row = from, column = to. This is the only place it is written down;
// docs/phases.md gives the reason for every `true`.
//                          UNK    PRE    ACT    PLAY   RUG1   RUG2   COOL
constexpr bool table[phase_count][phase_count] = {
    /* UNKNOWN          */ {true, true, false, false, false, false, true},
    /* PRESALE          */ {false, true, true, true, false, false, false},
    /* GAME_ACTIVATION  */ {false, false, true, true, true, false, false},
    /* ACTIVE_GAMEPLAY  */ {false, false, false, true, true, false, false},
    /* RUG_EVENT_1      */ {false, false, false, false, true, true, true},
    /* RUG_EVENT_2      */ {false, false, false, false, false, true, true},
    /* COOLDOWN         */ {false, true, false, false, false, false, true},
};

}  // namespace

std::string_view phase_name(phase p) { return names[idx(p)]; }

std::optional<phase> parse_phase(std::string_view name) {
  for (std::size_t i = 0; i < phase_count; ++i)
    if (names[i] == name) return static_cast<phase>(i);
  return std::nullopt;
}

bool transition_allowed(phase from, phase to) { return table[idx(from)][idx(to)]; }

bool is_in_play(phase p) { return p == phase::game_activation || p == phase::active_gameplay; }

}  // namespace replayer
