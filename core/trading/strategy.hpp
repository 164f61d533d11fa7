#pragma once
// A strategy sees the present and the past only: the current tick, the wallet, the actions
// valid right now and what the session remembers of the game and of its closed trades
// (core/trading/decision_history). It returns at most one order per tick. Built-in and user
// strategies are rule tables (rule_strategy); this interface is for strategies rules cannot express.
#include "core/tick.hpp"
#include "core/trading/account.hpp"
#include "core/trading/order.hpp"

#include <cstdint>
#include <optional>

namespace replayer {

/// What happened before this tick, kept by the session for its strategy. Streaks run over the
/// session (one wallet); the rest starts again with every game.
struct decision_inputs {
  decimal peak;  // the game's highest price on the ticks seen so far (backfilled ones included)
  std::optional<std::int64_t> last_fill_tick;          // this game's last filled buy, sell or sidebet
  std::optional<std::int64_t> previous_decision_tick;  // the tick the strategy was last asked on, in this game
  std::int64_t streak = 0;          // closed trades: +n after n wins in a row, -n after n losses
  std::int64_t sidebet_streak = 0;  // resolved sidebets (won or lost), the same way
};

struct decision_view {
  const tick& now;
  const account& wallet;
  action_set offered;
  decision_inputs inputs = {};
};

class strategy {
public:
  virtual ~strategy() = default;
  /// Called once per decision point (every tick line). Only offered actions may be returned.
  virtual std::optional<order> decide(const decision_view& view) = 0;
};

}  // namespace replayer
