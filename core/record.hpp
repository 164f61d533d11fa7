#pragma once
// The recording format (JSON lines, one record per line) of the original tool's continuous game
// recorder: `game_start`, `tick`, `game_end`, `game_complete`, `session_start`, `session_end`.
// Records of any other type are kept (and skipped by replay), not errors.
#include "core/json_flat.hpp"
#include "core/json_value.hpp"
#include "core/tick.hpp"

#include <boost/system/result.hpp>

#include <string>
#include <string_view>

namespace replayer {

enum class record_type : std::uint8_t { game_start, tick, game_end, game_complete, session_start, session_end, other };

std::string_view record_type_name(record_type t);

struct record {
  record_type type = record_type::other;
  /// Valid when `type == record_type::tick`.
  replayer::tick tick;
  /// Every other record: the whole line (member order and number texts kept). For a tick: only
  /// members beyond the ten standard ones, written after them.
  json_value fields;

  /// The record's `game_id`, or empty when it has none (session records).
  std::string_view game_id() const;
};

/// Why a line could not be used, in words a user can act on.
struct line_problem {
  std::string reason;
};

using decode_result = boost::system::result<record_type, line_problem>;

/// Decodes lines into records. Holds a reusable parser: one decoder per thread.
class record_decoder {
public:
  /// Decodes one line (no trailing newline) into `out`. Tick lines in the recorder's own
  /// layout take a fast path (core/record_fast.hpp); everything else goes through Boost.JSON.
  decode_result decode(std::string_view line, record& out);
  /// The same through Boost.JSON alone, without the fast path: what the fast path is held to.
  decode_result decode_general(std::string_view line, record& out);

private:
  json_flat_parser parser_;
};

/// Appends the line for `r` (no newline) in the recorder's layout. For every line that the
/// original recorder wrote, decode then encode gives back the same bytes.
void encode(std::string& out, const record& r);
void encode_tick(std::string& out, const tick& t);

}  // namespace replayer
