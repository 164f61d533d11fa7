#pragma once
// A strategy sees the present and the past only: the current tick, the wallet, and the actions
// valid right now. It returns at most one order per tick. Built-in and user strategies are rule
// tables (rule_strategy); this interface is for strategies rules cannot express.
#include "core/tick.hpp"
#include "core/trading/account.hpp"
#include "core/trading/order.hpp"

#include <optional>

namespace replayer {

struct decision_view {
  const tick& now;
  const account& wallet;
  action_set offered;
};

class strategy {
public:
  virtual ~strategy() = default;
  /// Called once per decision point (every tick line). Only offered actions may be returned.
  virtual std::optional<order> decide(const decision_view& view) = 0;
};

}  // namespace replayer
