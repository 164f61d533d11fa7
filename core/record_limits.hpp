#pragma once
// The ranges a recorded tick's values must lie in to be used: one set of rules for every command
// that reads recordings (check, replay, backtest, fake-server), applied where a line is decoded,
// so a value outside them is a bad line (FILE:LINE: reason) everywhere alike.
//
// Prices: the exact decimal (core/decimal.hpp) holds 1e-27 units up to about 1.7e11. A buy
// divides an amount by the price and a position's value multiplies back, so a price far below
// the real ones (6e-5 at the lowest in the shared corpus) makes token counts beyond the range,
// and one far above (824x at the highest) values beyond it. 1e-8 .. 1e9 keeps a position
// bought at any accepted price within range for every price up to ~1e4x its buy price at
// 1 SOL; a jump beyond that is an overflow the backtest reports for that game alone.
// Integers: a tick index beyond the ticks a game may hold, a negative or day-long cooldown,
// a negative trade count are not data a recorder writes, and the trading math need not guard
// against them (a tick near INT64_MAX overflows tick arithmetic).
#include "core/decimal.hpp"
#include "core/record.hpp"

#include <cstdint>
#include <optional>

namespace replayer::record_limits {

inline const decimal min_price = decimal_literal("0.00000001");
inline const decimal max_price = decimal_literal("1000000000");
inline constexpr std::int64_t max_tick_index = 100'000;  // recording_reader::max_ticks_per_game
inline constexpr std::int64_t max_cooldown_ms = 86'400'000;
inline constexpr std::int64_t max_trade_count = 1'000'000'000'000;

/// Why the tick's values cannot be used, or nullopt when every one is in range.
std::optional<line_problem> tick_value_problem(const tick& t);

}  // namespace replayer::record_limits
