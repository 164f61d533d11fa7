#include "core/trading/settings.hpp"

#include "core/recording_reader.hpp"

#include <cctype>
#include <charconv>
#include <functional>
#include <utility>

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

// Amounts of SOL are at most a million: with per-game wallets the run's capital is the start
// balance times the games, and that must stay far inside the decimal's range (about 1.7e11).
const decimal max_sol = decimal::from_int(1'000'000);
constexpr std::int64_t max_ticks = static_cast<std::int64_t>(recording_reader::max_ticks_per_game);

// JSON number syntax: what decimal::parse reads when the value is in range.
bool is_number_text(std::string_view v) {
  std::size_t i = v.starts_with('-') ? 1 : 0;
  const std::size_t digits_from = i;
  while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
  if (i == digits_from) return false;
  if (i < v.size() && v[i] == '.') {
    const std::size_t f = ++i;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
    if (i == f) return false;
  }
  if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
    if (++i < v.size() && (v[i] == '+' || v[i] == '-')) ++i;
    const std::size_t x = i;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i;
    if (i == x) return false;
  }
  return i == v.size();
}

std::optional<std::string> parse_positive_decimal(std::string_view v, decimal& out, bool allow_zero, decimal max) {
  const std::string range = std::string(allow_zero ? "0" : "more than 0") + " to " + max.str();
  auto d = decimal::parse(v);
  if (!d && is_number_text(v)) return "'" + std::string(v) + "' is out of range (" + range + ")";
  if (!d || d->is_negative() || (!allow_zero && d->is_zero()))
    return "'" + std::string(v) + "' is not a " + (allow_zero ? "non-negative" : "positive") + " decimal number";
  if (*d > max) return "'" + std::string(v) + "' is out of range (" + range + ")";
  out = *d;
  return std::nullopt;
}

std::optional<std::string> parse_count(std::string_view v, std::int64_t& out, std::int64_t max) {
  const std::string range = "0 to " + std::to_string(max);
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec == std::errc::result_out_of_range && end == v.data() + v.size())
    return "'" + std::string(v) + "' is out of range (" + range + ")";
  if (ec != std::errc{} || end != v.data() + v.size() || n < 0) return "'" + std::string(v) + "' is not a whole number >= 0";
  if (n > max) return "'" + std::string(v) + "' is out of range (" + range + ")";
  out = n;
  return std::nullopt;
}

setting_entry decimal_entry(std::string_view key, std::string_view help, decimal trading_settings::*field,
                            decimal max) {
  return {key, help,
          [field, max](trading_settings& s, std::string_view v) { return parse_positive_decimal(v, s.*field, false, max); },
          [field](const trading_settings& s) { return (s.*field).str(); }};
}

setting_entry count_entry(std::string_view key, std::string_view help, std::int64_t trading_settings::*field,
                          std::int64_t max) {
  return {key, help, [field, max](trading_settings& s, std::string_view v) { return parse_count(v, s.*field, max); },
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
            if (auto e = parse_positive_decimal(v, d, false, max_sol)) return e;
            s.*field = d;
            return std::nullopt;
          },
          [field](const trading_settings& s) { return s.*field ? (s.*field)->str() : std::string("off"); }};
}

setting_entry rail_count(std::string_view key, std::string_view help, std::optional<std::int64_t> trading_settings::*field,
                         std::int64_t max) {
  return {key, help,
          [field, max](trading_settings& s, std::string_view v) -> std::optional<std::string> {
            if (v == "off") {
              (s.*field).reset();
              return std::nullopt;
            }
            std::int64_t n = 0;
            if (auto e = parse_count(v, n, max)) return e;
            s.*field = n;
            return std::nullopt;
          },
          [field](const trading_settings& s) { return s.*field ? std::to_string(*(s.*field)) : std::string("off"); }};
}

const std::vector<setting_entry>& entries() {
  static const std::vector<setting_entry> all = {
      decimal_entry("starting_balance", "wallet balance at the start (SOL)", &trading_settings::starting_balance, max_sol),
      decimal_entry("min_amount", "smallest buy or sidebet (SOL)", &trading_settings::min_amount, max_sol),
      decimal_entry("max_amount", "largest buy or sidebet (SOL)", &trading_settings::max_amount, max_sol),
      count_entry("sidebet_window", "a sidebet on tick N wins if the game rugs on N..N+window", &trading_settings::sidebet_window, max_ticks),
      decimal_entry("sidebet_payout", "total return of a won sidebet, times the stake", &trading_settings::sidebet_payout, decimal::from_int(1000)),
      count_entry("sidebet_cooldown", "ticks after a sidebet resolves before the next one", &trading_settings::sidebet_cooldown, max_ticks),
      count_entry("latency_ticks", "an order decided on tick t fills at tick t+N", &trading_settings::latency_ticks, max_ticks),
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
      rail_decimal("session_loss_limit", "risk rail: once equity fell this much (SOL), sell the position and stop", &trading_settings::session_loss_limit),
      rail_count("max_orders_per_game", "risk rail: filled buys and sidebets per game (sells are never limited)", &trading_settings::max_orders_per_game, max_ticks),
      rail_count("max_consecutive_losses", "risk rail: after this many losing trades in a row, sell the position and stop", &trading_settings::max_consecutive_losses, std::int64_t{1'000'000}),
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

std::optional<std::string> check_settings(const trading_settings& s) {
  const std::string min = "min_amount " + s.min_amount.str();
  if (s.min_amount > s.max_amount)
    return min + " is more than max_amount " + s.max_amount.str() +
           ": no buy or sidebet could be ordered (min_amount must be at most max_amount)";
  if (s.starting_balance < s.min_amount)
    return "starting_balance " + s.starting_balance.str() + " is less than " + min +
           ": the wallet could never place an order (starting_balance must be at least min_amount)";
  const std::pair<std::string_view, const std::optional<decimal>*> rails[] = {
      {"max_stake_per_order", &s.max_stake_per_order}, {"max_exposure", &s.max_exposure}};
  for (const auto& [key, rail] : rails)
    if (*rail && **rail < s.min_amount)
      return std::string(key) + " " + (*rail)->str() + " is less than " + min + ": the rail would refuse every buy and " +
             "sidebet (" + std::string(key) + " must be at least min_amount, or off)";
  return std::nullopt;
}

std::vector<setting_description> describe(const trading_settings& s) {
  std::vector<setting_description> out;
  for (const auto& e : entries()) out.push_back({std::string(e.key), e.get(s), std::string(e.help)});
  return out;
}

}  // namespace replayer
