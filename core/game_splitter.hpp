#pragma once
// Splits the records of one source (a recording file now, the live feed later) into games,
// incrementally. A game is one game id within one source:
//   - a line of the current game belongs to it, even after lines of other games came between
//     (real data has the next game's first pre-game line between a game's rug tick and its
//     rug-event line);
//   - lines of another game are held back (at most `max_held`) and start the next game when the
//     current one ends: at its game_end / game_complete record, once `max_held` lines of other
//     games have come in a row of the current one's silence, or at the end of the source;
//   - a line of a game that has already ended in this source is late: counted and skipped.
// Only records with a game id are pushed here (session records are the caller's business).
#include "core/record.hpp"

#include <deque>
#include <string>
#include <vector>

namespace replayer {

class game_splitter {
public:
  static constexpr std::size_t max_held = 8;
  static constexpr std::size_t remembered_games = 16;  // ended ids kept to recognise late lines

  class sink {
  public:
    virtual ~sink() = default;
    virtual void begin_game(std::string_view id, std::size_t line) = 0;
    /// A tick, game_start or game_end record of the current game.
    virtual void on_record(const record& r, std::size_t line) = 0;
    virtual void end_game() = 0;
  };

  explicit game_splitter(sink& out) : out_(out) {}

  void push(const record& r, std::size_t line);
  /// The source is exhausted: ends the current game and plays out what was held.
  void finish();

  bool in_game() const { return open_; }
  std::size_t late_lines() const { return late_lines_; }
  /// End records of games that have no lines in this source.
  std::size_t orphan_ends() const { return orphan_ends_; }

private:
  struct held_line {
    record r;
    std::size_t line = 0;
  };
  static bool is_end(const record& r) {
    return r.type == record_type::game_end || r.type == record_type::game_complete;
  }
  bool ended(std::string_view id) const;
  bool holds(std::string_view id) const;
  void end_current();

  sink& out_;
  bool open_ = false;
  std::string current_;
  std::vector<held_line> held_;
  std::deque<std::string> ended_;
  std::size_t late_lines_ = 0;
  std::size_t orphan_ends_ = 0;
};

}  // namespace replayer
