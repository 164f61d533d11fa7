#pragma once
// One `gameStateUpdate` payload read into the fields a tick is made of. Only the fields below
// are read; the rest (leaderboard, rugpool, ...) is skipped. Prices keep the server's text.
// Accepted shapes: the payload object itself, a capture event {"event_type" | "event":
// "gameStateUpdate", "data": payload} (data may be the Socket.IO argument array), or the
// Socket.IO argument array ["gameStateUpdate", ..., payload]: the payload is the last argument.
// An event named otherwise ("standard/newTrade") is refused as not a game state.
#include "core/inline_text.hpp"
#include "core/json_flat.hpp"
#include "core/price.hpp"
#include "core/tick.hpp"

#include <boost/system/result.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace replayer::live {

enum class payload_problem_kind : std::uint8_t {
  too_large,         // longer than game_state_payload::max_bytes
  invalid_json,
  not_a_game_state,  // valid JSON but no payload object in it
  missing_field,     // gameId, tickCount, price, active or rugged absent
  wrong_type,        // a field of another JSON type ("price" is a string)
  out_of_range,      // a negative tickCount, an empty or overlong gameId, ...
  bad_price,         // a number price::parse refuses (negative, too long, out of range)
};
inline constexpr std::size_t payload_problem_kinds = 7;

/// "too large", "invalid JSON", ... for summaries.
std::string_view payload_problem_kind_name(payload_problem_kind k);

struct payload_problem {
  payload_problem_kind kind = payload_problem_kind::invalid_json;
  std::string reason;  // "\"tickCount\" is missing"
};

/// One entry of `partialPrices.values`: the price of tick `tick`.
struct partial_price {
  std::int64_t tick = 0;
  replayer::price price;
};

struct game_state_payload {
  static constexpr std::size_t max_bytes = std::size_t{4} << 20;  // the connect snapshot is ~0.4 MiB
  static constexpr std::size_t max_partial_prices = 64;         // the server sends 5
  static constexpr std::int64_t max_tick_count = 10'000'000;     // games last a few thousand ticks

  inline_text<tick::max_game_id> game_id;
  std::int64_t tick_count = 0;
  replayer::price price;
  bool active = false;
  bool rugged = false;
  bool allow_pre_round_buys = false;      // absent: false
  std::int64_t cooldown_ms = 0;           // absent: 0
  std::optional<std::int64_t> trade_count;  // absent in the connect snapshot
  bool has_history = false;               // a non-empty `gameHistory`
  /// `partialPrices.values`, sorted by tick as numbers ("10" after "9"), one entry per tick
  /// (the first of repeated keys), at most max_partial_prices.
  std::vector<partial_price> partial_prices;
  /// Entries of `partialPrices` that could not be used: a key that is not a tick number, a value
  /// that is not a price, a repeated key, entries beyond the bound, or a `partialPrices` that is
  /// not an object. They only serve backfill, so the payload is still used.
  std::size_t partial_prices_ignored = 0;
};

/// Reads payloads; keeps a reusable parser, so one per thread.
class game_state_parser {
public:
  boost::system::result<void, payload_problem> parse(std::string_view json_text, game_state_payload& out);

private:
  json_flat_parser parser_;
};

}  // namespace replayer::live
