#pragma once
// What the session remembers for its strategy's decisions (decision_inputs): the game's peak
// price so far, the tick of the game's last fill, the tick the strategy was last asked on, and the
// streaks of won and lost trades and sidebets. It learns from ticks and trade events only, so the
// inputs are a function of what was played, in order: pure and deterministic. The bot's
// consecutive-loss rail reads the same streak.
#include "core/tick.hpp"
#include "core/trading/strategy.hpp"
#include "core/trading/trade_event.hpp"

#include <cstdint>

namespace replayer {

class decision_history {
public:
  /// A new game: the peak, the last fill and the last decision start again; streaks carry on.
  void begin_game();
  /// Every tick of the game, backfilled ones included.
  void observe(const tick& t);
  /// Every trade event, as it happens: fills move the last fill, closes and sidebets the streaks.
  void learn(const trade_event& e);
  /// The strategy was asked on tick `index`.
  void asked(std::int64_t index) { inputs_.previous_decision_tick = index; }

  const decision_inputs& inputs() const { return inputs_; }
  /// Closed trades lost in a row (0 after a win).
  std::int64_t losses_in_a_row() const { return inputs_.streak < 0 ? -inputs_.streak : 0; }

private:
  decision_inputs inputs_;
};

}  // namespace replayer
