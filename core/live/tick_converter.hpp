#pragma once
// From `gameStateUpdate` payloads to ticks, for the live feed. One payload in (its JSON text and
// the time it was received), zero or more ticks out:
//   - the observed tick: game_id, index = tickCount, the price's exact text, the phase derived
//     from the payload's fields (core/live/phase_rules.hpp), active, rugged, cooldown, trades;
//   - before it, when tickCount jumped by more than one within a game before its rug, the
//     skipped ticks the payload's `partialPrices` holds, marked backfilled; the rest is a gap;
//   - nothing when the payload repeats the game's last tick (duplicate), goes back (out of
//     order) or gives another content for the same tick in active play.
// Every tick handed out goes through the game's phase_tracker (the table replay uses); what
// it reports is counted with the game id. Revealed gameHistory entries are handed out once per
// game id. docs/live-feed.md states every rule with the evidence behind it.
// Pure: no I/O, no clock (the receive time is the caller's), no exceptions for bad input.
#include "core/fair/revealed_game.hpp"
#include "core/live/backfill.hpp"
#include "core/live/feed_counters.hpp"
#include "core/live/game_state_payload.hpp"
#include "core/phase_tracker.hpp"
#include "core/tick.hpp"
#include "core/timestamp.hpp"

#include <boost/system/result.hpp>

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace replayer::live {

/// What became of a well-formed payload.
enum class update_kind : std::uint8_t { ticked, duplicate, out_of_order, repeat_in_play };

/// "ticked", "duplicate", "out of order", "repeat in play"
std::string_view update_kind_name(update_kind k);

/// A finished game the server revealed (a gameHistory entry with its server seed and prices),
/// for the recorder to write with that game's game_end.
struct revealed_close {
  revealed_game game;     // game.id is the game it closes
  bool observed = false;  // this converter handed out ticks of that game
};

/// The output of one payload; reuse one across calls (convert clears it, capacity stays).
struct converted_update {
  std::vector<tick> ticks;               // ascending index: the backfilled ones, then the observed one
  std::vector<tick_range> gaps;          // skipped ticks of this game that could not be filled
  std::vector<live_anomaly> anomalies;   // phase anomalies of these ticks
  std::vector<revealed_close> revealed;  // revealed games not handed out before

  void clear();
};

class tick_converter {
public:
  static constexpr std::size_t followed_games = 4;  // a late line of the previous game still finds its state
  static constexpr std::size_t remembered_ids = 64;  // ids whose seeds were handed out / that had ticks
  static constexpr std::size_t max_revealed_per_update = 32;  // the server sends its last 10 games

  /// `json_text`: a payload in one of the shapes game_state_parser accepts. A refused payload
  /// is counted with its reason and changes nothing else.
  boost::system::result<update_kind, payload_problem> convert(std::string_view json_text, timestamp received,
                                                              converted_update& out);

  const feed_counters& counters() const { return counters_; }

private:
  struct game_state {
    game_id_text id;
    phase_tracker phases;
    bool has_tick = false;
    tick last;  // the last tick handed out
  };

  game_state& follow(const game_id_text& id);
  update_kind place(game_state& g, const tick& observed, converted_update& out);
  void hand_out(game_state& g, converted_update& out);
  void count_gaps(const game_id_text& id, const converted_update& out);
  void extract_history(std::string_view json_text, converted_update& out);
  bool observed(std::string_view id) const;

  game_state_parser parser_;
  game_state_payload payload_;
  revealed_game_reader history_reader_;
  std::vector<revealed_game> history_;
  std::vector<game_state> games_;        // most recently updated last
  std::deque<game_id_text> ticked_ids_;  // games that had ticks handed out, newest last
  std::deque<std::string> revealed_ids_; // seeds handed out, newest last
  feed_counters counters_;
};

}  // namespace replayer::live
