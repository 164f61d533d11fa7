#include "core/trading/order.hpp"

#include <array>

namespace replayer {

std::string_view action_name(action a) {
  constexpr std::array<std::string_view, 3> names = {"buy", "sell", "sidebet"};
  return names[static_cast<std::size_t>(a)];
}

std::string_view reject_reason_name(reject_reason r) {
  constexpr std::array<std::string_view, reject_reason_count> names = {
      "phase", "zero_price", "rugged",           "below_min",      "above_max",          "balance",
      "no_position", "bad_fraction",     "sidebet_active", "sidebet_cooldown",   "risk_max_stake",
      "risk_max_exposure", "risk_loss_limit", "risk_orders_per_game", "risk_consecutive_losses",
  };
  return names[static_cast<std::size_t>(r)];
}

bool is_offered_sell_fraction(decimal f) {
  static const decimal offered[] = {decimal_literal("0.1"), decimal_literal("0.25"), decimal_literal("0.5"),
                                    decimal_literal("1")};
  for (decimal a : offered)
    if (f == a) return true;
  return false;
}

}  // namespace replayer
