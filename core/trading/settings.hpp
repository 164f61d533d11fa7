#pragma once
// Every number of the game's trading rules and of the risk rails, as one settings object.
// docs/trading-rules.md explains each one; `replayer strategies` lists them with their values.
#include "core/decimal.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace replayer {

enum class wallet_mode : std::uint8_t {
  session,   // one balance carried through all games in order
  per_game,  // every game starts with a fresh wallet; games are independent
};

struct trading_settings {
  decimal starting_balance = decimal_literal("0.1");
  decimal min_amount = decimal_literal("0.001");  // smallest buy or sidebet, SOL
  decimal max_amount = decimal_literal("5");      // largest buy or sidebet, SOL
  std::int64_t sidebet_window = 40;               // a sidebet on tick N covers N..N+window
  decimal sidebet_payout = decimal_literal("5");  // total return of a won sidebet, times the stake
  std::int64_t sidebet_cooldown = 5;              // ticks after a resolution before the next one
  std::int64_t latency_ticks = 0;                 // an order decided on tick t fills on tick t+N
  wallet_mode wallet = wallet_mode::session;

  // Risk rails, enforced by the executor in backtest and live alike; unset = off.
  std::optional<decimal> max_stake_per_order;
  std::optional<decimal> max_exposure;        // open position cost + open sidebet stake
  std::optional<decimal> session_loss_limit;  // kill switch: stop once equity fell this far
  std::optional<std::int64_t> max_orders_per_game;
  std::optional<std::int64_t> max_consecutive_losses;
};

struct setting_description {
  std::string key;
  std::string value;  // current value as text ("off" for an unset rail)
  std::string help;
};

/// Sets one setting by key (as in `--set key=value`); returns the reason when the key is
/// unknown or the value is unusable.
std::optional<std::string> apply_setting(trading_settings& s, std::string_view key, std::string_view value);
std::vector<setting_description> describe(const trading_settings& s);
/// The rules between settings, checked once all of them are set (a --set may change one before
/// the other): min_amount <= max_amount, and a start balance, a max_stake_per_order and a
/// max_exposure that leave room for the smallest order. The first broken rule, naming its keys.
std::optional<std::string> check_settings(const trading_settings& s);

}  // namespace replayer
