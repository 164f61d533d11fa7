#pragma once
// What a strategy asks for, and why the executor may refuse it.
#include "core/decimal.hpp"

#include <cstdint>
#include <string_view>

namespace replayer {

enum class action : std::uint8_t { buy, sell, sidebet };

struct order {
  replayer::action action = action::buy;
  /// SOL to spend for buy and sidebet; the fraction of the position (0.1, 0.25, 0.5, 1) for sell.
  decimal amount;
};

/// Set of actions, as offered to a strategy on a tick.
class action_set {
public:
  void add(action a) { bits_ |= bit(a); }
  bool contains(action a) const { return (bits_ & bit(a)) != 0; }
  bool empty() const { return bits_ == 0; }

private:
  static std::uint8_t bit(action a) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(a)); }
  std::uint8_t bits_ = 0;
};

enum class reject_reason : std::uint8_t {
  phase,                  // not allowed in this phase
  zero_price,             // a buy at price 0 would buy infinitely many tokens
  rugged,                 // the game has rugged; nothing until the next presale
  below_min,              // amount under min_amount
  above_max,              // amount over max_amount
  balance,                // not enough balance
  no_position,            // sell without a position
  bad_fraction,           // sell fraction not 10/25/50/100 %
  sidebet_active,         // one sidebet at a time
  sidebet_cooldown,       // too soon after the last resolution
  risk_max_stake,         // risk rail: max_stake_per_order
  risk_max_exposure,      // risk rail: max_exposure
  risk_loss_limit,        // risk rail: session_loss_limit (kill switch)
  risk_orders_per_game,   // risk rail: max_orders_per_game
  risk_consecutive_losses // risk rail: max_consecutive_losses
};
inline constexpr std::size_t reject_reason_count = 15;

std::string_view action_name(action a);
/// A sell fraction the game offers: 0.1, 0.25, 0.5 or 1 of the position (10/25/50/100 %).
bool is_offered_sell_fraction(decimal f);
std::string_view reject_reason_name(reject_reason r);

}  // namespace replayer
