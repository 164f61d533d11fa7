#include "core/trading/settings.hpp"

#include <charconv>
#include <functional>

namespace replayer {
namespace {

using setter = std::function<std::optional<std::string>(trading_settings&, std::string_view)>;
using getter = std::function<std::string(const trading_settings&)>;

struct setting_entry {
  std::string_view key;
  std::string_view help;
  setter set;
  getter get;
};

std::optional<std::string> parse_positive_decimal(std::string_view v, decimal& out, bool allow_zero) {
  auto d = decimal::parse(v);
  if (!d || d->is_negative() || (!allow_zero && d->is_zero()))
    return "'" + std::string(v) + "' is not a " + (allow_zero ? "non-negative" : "positive") + " decimal number";
  out = *d;
  return std::nullopt;
}

std::optional<std::string> parse_count(std::string_view v, std::int64_t& out) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc{} || end != v.data() + v.size() || n < 0)
    return "'" + std::string(v) + "' is not a whole number >= 0";
  out = n;
  return std::nullopt;
}

setting_entry decimal_entry(std::string_view key, std::string_view help, decimal trading_settings::*field,
                            bool allow_zero) {
  return {key, help,
          [field, allow_zero](trading_settings& s, std::string_view v) { return parse_positive_decimal(v, s.*field, allow_zero); },
          [field](const trading_settings& s) { return (s.*field).str(); }};
}

setting_entry count_entry(std::string_view key, std::string_view help, std::int64_t trading_settings::*field) {
  return {key, help, [field](trading_settings& s, std::string_view v) { return parse_count(v, s.*field); },
          [field](const trading_settings& s) { return std::to_string(s.*field); }};
}

setting_entry rail_decimal(std::string_view key, std::string_view help, std::optional<decimal> trading_settings::*field) {
  return {key, help,
          [field](trading_settings& s, std::string_view v) -> std::optional<std::string> {
            if (v == "off") {
              (s.*field).reset();
              return std::nullopt;
            }
            decimal d;
            if (auto e = parse_positive_decimal(v, d, false)) return e;
            s.*field = d;
            return std::nullopt;
          },
          [field](const trading_settings& s) { return s.*field ? (s.*field)->str() : std::string("off"); }};
}

setting_entry rail_count(std::string_view key, std::string_view help, std::optional<std::int64_t> trading_settings::*field) {
  return {key, help,
          [field](trading_settings& s, std::string_view v) -> std::optional<std::string> {
            if (v == "off") {
              (s.*field).reset();
              return std::nullopt;
            }
            std::int64_t n = 0;
            if (auto e = parse_count(v, n)) return e;
            s.*field = n;
            return std::nullopt;
          },
          [field](const trading_settings& s) { return s.*field ? std::to_string(*(s.*field)) : std::string("off"); }};
}

const std::vector<setting_entry>& entries() {
  static const std::vector<setting_entry> all = {
      decimal_entry("starting_balance", "wallet balance at the start (SOL)", &trading_settings::starting_balance, false),
      decimal_entry("min_amount", "smallest buy or sidebet (SOL)", &trading_settings::min_amount, false),
      decimal_entry("max_amount", "largest buy or sidebet (SOL)", &trading_settings::max_amount, false),
      count_entry("sidebet_window", "a sidebet on tick N wins if the game rugs on N..N+window", &trading_settings::sidebet_window),
      decimal_entry("sidebet_payout", "total return of a won sidebet, times the stake", &trading_settings::sidebet_payout, false),
      count_entry("sidebet_cooldown", "ticks after a sidebet resolves before the next one", &trading_settings::sidebet_cooldown),
      count_entry("latency_ticks", "an order decided on tick t fills at tick t+N", &trading_settings::latency_ticks),
      {"wallet", "session (one balance for all games) or per-game (fresh wallet each game)",
       [](trading_settings& s, std::string_view v) -> std::optional<std::string> {
         if (v == "session") s.wallet = wallet_mode::session;
         else if (v == "per-game") s.wallet = wallet_mode::per_game;
         else return "'" + std::string(v) + "' is not a wallet mode (use session or per-game)";
         return std::nullopt;
       },
       [](const trading_settings& s) { return std::string(s.wallet == wallet_mode::session ? "session" : "per-game"); }},
      rail_decimal("max_stake_per_order", "risk rail: largest single order (SOL)", &trading_settings::max_stake_per_order),
      rail_decimal("max_exposure", "risk rail: open position cost + sidebet stake (SOL)", &trading_settings::max_exposure),
      rail_decimal("session_loss_limit", "risk rail: stop trading once equity fell this much (SOL)", &trading_settings::session_loss_limit),
      rail_count("max_orders_per_game", "risk rail: accepted orders per game", &trading_settings::max_orders_per_game),
      rail_count("max_consecutive_losses", "risk rail: stop trading after this many losing trades in a row", &trading_settings::max_consecutive_losses),
  };
  return all;
}

}  // namespace

std::optional<std::string> apply_setting(trading_settings& s, std::string_view key, std::string_view value) {
  for (const auto& e : entries())
    if (e.key == key) {
      if (auto problem = e.set(s, value)) return std::string(key) + ": " + *problem;
      return std::nullopt;
    }
  return "unknown setting '" + std::string(key) + "' (replayer strategies lists them)";
}

std::vector<setting_description> describe(const trading_settings& s) {
  std::vector<setting_description> out;
  for (const auto& e : entries()) out.push_back({std::string(e.key), e.get(s), std::string(e.help)});
  return out;
}

}  // namespace replayer
