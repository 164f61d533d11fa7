#pragma once
// Revealed games found in JSON text. Accepted shapes (one JSON text at a time: a line of a
// JSONL file or a whole JSON document):
//   - an event `{"timestamp", "event_type": "gameStateUpdate", "data": {...}}` (the feed capture
//     format) or `{"event": "gameStateUpdate", "data": ...}` (Socket.IO style; `data` may be the
//     argument array, the payload is its last object): every entry of `data.gameHistory`;
//   - a bare payload object holding `gameHistory`;
//   - a game object `{id, serverSeed, serverSeedHash, gameVersion | version, prices, ...}`, the
//     seeds possibly under `provablyFair` (the gameHistory entry shape); `gameId`/`game_id` for id;
//   - an array of any of these.
// Prices keep their exact text; their doubles are read with std::from_chars (correctly rounded:
// Boost.JSON 1.81's own double conversion is not, and verification compares bits).
#include "core/json_flat.hpp"

#include <boost/system/result.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace replayer {

struct revealed_game {
  std::string id;
  std::string server_seed;       // empty when the object carries none (not revealed)
  std::string server_seed_hash;
  std::string version;           // as written ("v3"), empty when absent
  std::vector<double> prices;    // the recorded array, the final rug price included
  std::optional<double> peak_multiplier;
  std::string peak_text;
  /// Set when the object is a game but a field is unusable ("prices[4] is a string").
  std::string problem;

  /// The exact text of prices[i].
  std::string_view price_text(std::size_t i) const {
    const std::uint32_t begin = i == 0 ? 0 : price_text_ends[i - 1];
    return std::string_view(price_texts).substr(begin, price_text_ends[i] - begin);
  }
  void add_price(double value, std::string_view text);

  std::string price_texts;                    // every price text, concatenated
  std::vector<std::uint32_t> price_text_ends;  // one past each text in `price_texts`
};

struct json_text_problem {
  std::string reason;  // "invalid JSON at column 17: syntax error"
};

/// Extracts revealed games; keeps a reusable parser, so use one reader per thread.
class revealed_game_reader {
public:
  /// Appends the games found in `json_text` to `out`; returns how many. A text that is valid
  /// JSON but holds no game gives 0 (a recording's tick line, for instance).
  boost::system::result<std::size_t, json_text_problem> read(std::string_view json_text,
                                                             std::vector<revealed_game>& out);

private:
  json_flat_parser parser_;
};

}  // namespace replayer
