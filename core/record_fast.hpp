#pragma once
// The fast path of record_decoder: a tick line in exactly the layout the recorder writes,
//   {"type": "tick", "timestamp": "...", "game_id": "...", "tick": 107, "price": 1.67904889,
//    "phase": "ACTIVE_GAMEPLAY", "active": true, "rugged": false, "cooldown_timer": 0,
//    "trade_count": 0}
// optionally with `, "origin": "backfilled"` before the brace, read without a JSON parser.
// It accepts only lines the general decoder accepts and decodes them to the same tick; for
// anything else (another layout, escapes, non-ASCII text, a bad value) it declines, and the
// general decoder decides. tests/fuzz/record_diff_fuzz.cpp and unit.record_fast hold it to that.
#include "core/tick.hpp"

#include <string_view>

namespace replayer {

/// Decodes `line` into `out` when it is a tick in the recorder's layout; false otherwise (then
/// `out` may be partly written).
bool decode_recorder_tick(std::string_view line, tick& out);

}  // namespace replayer
