#pragma once
// What the dashboard's pages draw, kept by whoever owns the ticks (the live pipeline, the replay
// viewer): the price path of the current game and the last few, the session's trade events as
// markers, and a tail of raw feed events. Everything is bounded: games kept, points per game
// (a long game is compacted, keeping each stretch's low and high), markers per game, events.
// Plain object; the pages get it as JSON.
#include "core/tick.hpp"
#include "core/trading/trade_event.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace replayer::dashboard {

struct board_limits {
  std::size_t games_kept = 4;          // the current game and the three before it
  std::size_t points_per_game = 800;   // compacted to half when reached
  std::size_t markers_per_game = 400;  // later markers are counted, not kept
  std::size_t events_kept = 200;       // raw event tail
  std::size_t event_text = 240;        // characters of a raw event's payload kept
};

struct board_counters {
  std::uint64_t compactions = 0, markers_dropped = 0, events_dropped = 0;
};

class board {
public:
  explicit board(board_limits limits = {}) : limits_(limits) {}

  void begin_game(std::string_view id);
  void on_tick(const tick& t);
  void on_trade(const trade_event& e);
  /// A raw feed event (name and the start of its payload) for the tail.
  void on_raw_event(std::string_view name, std::string_view payload, std::int64_t received_ms);
  void clear();
  /// The sidebet window drawn from a placed sidebet's tick (the session's settings).
  void set_sidebet_window(std::int64_t ticks) { sidebet_window_ = ticks; }

  /// Bumped by every change: a publisher sends only when it moved.
  std::uint64_t version() const { return version_; }
  const board_counters& counters() const { return counters_; }

  /// {"games":[{id, ticks, prices, rugTick, sidebetWindows, markers}], "tick":{...}} for charts.js.
  boost::json::object chart_json() const;
  /// {"tick", "price" (the server's text), "phase", "game", "rugged"} of the last tick, or null.
  boost::json::value now_json() const;
  boost::json::array events_json() const;
  /// The last tick seen, or null.
  const tick* last_tick() const { return has_tick_ ? &last_ : nullptr; }

private:
  struct marker { std::int64_t tick; double price; std::string_view kind; };
  struct game_path {
    std::string id;
    std::vector<std::int64_t> ticks;
    std::vector<double> prices;
    std::vector<marker> markers;
    std::vector<std::pair<std::int64_t, std::int64_t>> sidebet_windows;
    std::int64_t rug_tick = -1;
  };
  struct raw_event { std::string name, payload; std::int64_t received_ms; };

  void compact(game_path& g);

  board_limits limits_;
  board_counters counters_;
  std::deque<game_path> games_;
  std::deque<raw_event> events_;
  tick last_;
  bool has_tick_ = false;
  std::int64_t sidebet_window_ = 40;
  std::uint64_t version_ = 0;
};

}  // namespace replayer::dashboard
