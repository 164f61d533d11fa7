#pragma once
// The phase of one `gameStateUpdate`. The payload carries no phase: it is derived from the
// fields the server sends, with the rules of the live phase machine the recordings were labelled
// with (docs/live-feed.md has the table and the evidence), so live ticks and recorded ticks name
// phases alike and go through the same transition table (core/phase.cpp).
#include "core/phase.hpp"

#include <cstdint>

namespace replayer::live {

/// The fields of a payload the phase depends on.
struct phase_signals {
  bool active = false;
  bool rugged = false;
  bool allow_pre_round_buys = false;
  bool has_history = false;  // a non-empty `gameHistory`: the server is revealing seeds
  std::int64_t tick_count = 0;
  std::int64_t cooldown_ms = 0;
};

/// `previous` is the phase of the game's last accepted tick (UNKNOWN for its first): the rug
/// frame (active and rugged, no history yet) keeps the in-play phase it interrupts.
phase derive_phase(const phase_signals& s, phase previous);

}  // namespace replayer::live
