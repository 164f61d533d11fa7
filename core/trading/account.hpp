#pragma once
// The game's trading rules on one wallet: buys, partial sells, sidebets, the rug and incomplete
// games, all in exact decimals. Pure: it only changes its own state and appends to a log.
// docs/trading-rules.md states every rule with its numbers.
#include "core/tick.hpp"
#include "core/trading/execution.hpp"
#include "core/trading/order.hpp"
#include "core/trading/settings.hpp"
#include "core/trading/trade_event.hpp"

#include <optional>
#include <vector>

namespace replayer {

struct open_position {
  decimal qty;       // tokens
  decimal invested;  // SOL paid for them (reduced pro rata by partial sells)
  std::int64_t opened_tick = 0;
};

struct open_sidebet {
  decimal stake;
  std::int64_t placed_tick = 0;
  std::int64_t last_covered_tick = 0;  // placed_tick + window: a rug up to here wins
};

class account {
public:
  explicit account(const trading_settings& settings);

  /// A new game starts with its next tick. A per-game wallet starts again from the start balance.
  void begin_game();
  /// What a tick does by itself: at the first rugged tick the position is liquidated at its
  /// price and an open sidebet is won; a sidebet whose window has passed is lost.
  void observe(const tick& t, std::vector<trade_event>& log);
  /// The game's last tick was `last_tick` at `last_price`. Without a rug, the game is
  /// incomplete: the position is closed at the last price and an open sidebet's stake is returned.
  void end_game(std::int64_t last_tick, decimal last_price, std::vector<trade_event>& log);

  /// The actions valid on this tick (phase, rug, position, sidebet state); limits, balance and
  /// risk rails are checked when the order comes.
  action_set offered(const tick& t) const;
  /// The game's rules for `o` on tick `t`; nullopt when allowed.
  std::optional<reject_reason> check(const order& o, const tick& t) const;
  /// Applies what the executor says request `r` got. Returns why the wallet cannot take it (the
  /// game has rugged, a sell of more tokens than are held, a buy of nothing) without changing
  /// anything; nullopt when applied.
  std::optional<std::string_view> apply(const order_request& r, const fill& f, std::vector<trade_event>& log);

  /// The server's own account replaces the wallet's (live trading in the browser, after a
  /// reconnect or an order whose fate was unknown): the balance and the position, as they are.
  void adopt(decimal balance, std::optional<open_position> position);

  decimal balance() const { return balance_; }
  const std::optional<open_position>& position() const { return position_; }
  const std::optional<open_sidebet>& sidebet() const { return sidebet_; }
  bool rugged() const { return rugged_; }
  /// Cash + position marked at `price` + open sidebet stake.
  decimal equity(decimal price) const;
  /// The position marked at `price` (zero without one).
  decimal position_value(decimal price) const;

private:
  void close_position(event_kind kind, std::int64_t tick, decimal price, std::vector<trade_event>& log);
  void resolve_sidebet(event_kind kind, std::int64_t tick, decimal price, std::vector<trade_event>& log);

  const trading_settings& settings_;
  // position_value() is asked for twice per tick at the same price (the strategy's pnl_pct and
  // the equity curve); one exact product is kept. An account belongs to one bot and one thread.
  mutable decimal cached_qty_, cached_price_, cached_value_;
  decimal balance_;
  std::optional<open_position> position_;
  std::optional<open_sidebet> sidebet_;
  std::optional<std::int64_t> last_resolved_tick_;
  bool rugged_ = false;
};

}  // namespace replayer
