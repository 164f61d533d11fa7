#pragma once
// The replay viewer's model: one game at a time played through the same session as `backtest`
// (paper executor, every rule and rail), a position that moves forwards and backwards, and the
// orders a user places by hand. A position is the number of tick lines played. Moving forwards
// plays on; moving backwards plays the game again from its first line, so the state at a
// position is always exactly what a backtest would have at that line, trades included.
// Hand orders are kept by the line they were placed on: playing past that line again places them
// again; placing a new order drops the hand orders after it (as a new edit drops a redo list).
#include "core/dashboard/board.hpp"
#include "core/game.hpp"
#include "core/trading/backtest.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace replayer::dashboard {

class replay_viewer {
public:
  /// `attached` (may be empty) is the strategy that trades beside the user's hand orders; a hand
  /// order on a line takes that line's decision.
  replay_viewer(trading_settings settings, strategy_factory attached);
  ~replay_viewer();

  /// Starts `g` at position 0 with no hand orders.
  void load(game g);
  bool loaded() const { return game_.has_value(); }
  const game& current_game() const { return *game_; }
  std::size_t position() const { return position_; }
  std::size_t lines() const { return game_ ? game_->ticks.size() : 0; }

  /// Moves to `p` (clamped to 0..lines()). Forwards plays on; backwards plays again from line 0.
  void seek(std::size_t p);
  void step(std::ptrdiff_t n);
  /// Places `o` on the line shown (position - 1) and plays that line again with it. Without a
  /// line shown (position 0) the first line is played with it.
  void place(order o);
  std::size_t hand_orders() const { return hand_.size(); }

  const session& current_session() const { return *session_; }
  /// Trade events of the game so far, in order.
  const std::vector<trade_event>& events() const { return events_; }
  const board& chart() const { return board_; }
  /// Why play stopped early (an arithmetic overflow), or empty.
  const std::string& stopped() const { return stopped_; }

  /// The game as played to the current position, ended there (what a backtest of the game cut at
  /// this line would report); the viewer goes on unchanged.
  game_outcome outcome_here() const;

  /// {"game", "file", "position", "lines", "wallet": session_json, "events": [...]} for the page.
  boost::json::object state_json() const;

private:
  class hand_strategy;
  class recorder;
  void restart();
  void play_to(std::size_t p);

  trading_settings settings_;
  strategy_factory attached_;
  std::optional<game> game_;
  std::map<std::size_t, order> hand_;
  std::unique_ptr<recorder> recorder_;
  std::unique_ptr<session> session_;
  hand_strategy* strategy_ = nullptr;  // owned by session_
  std::vector<trade_event> events_;
  board board_;
  std::size_t position_ = 0;
  std::string stopped_;
};

}  // namespace replayer::dashboard
