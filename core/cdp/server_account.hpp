#pragma once
// The server's own account of the player, from the authenticated `playerUpdate` event that only
// the page's connection carries: cash, the open position (tokens, average cost, SOL invested)
// and whether a sidebet is open. It is the truth the browser executor confirms orders against
// and adopts after a reconnect or an unconfirmed click. Numbers keep the server's text exactly.
#include "core/decimal.hpp"
#include "core/price.hpp"

#include <boost/system/result.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace replayer::cdp {

struct server_account {
  decimal cash;
  decimal position_qty;    // tokens
  decimal avg_cost;        // SOL per token
  decimal total_invested;  // SOL
  bool sidebet_open = false;
  decimal sidebet_stake;   // when the server says it (sideBet.betSize)

  friend bool operator==(const server_account&, const server_account&) = default;
};

/// Reads a playerUpdate payload (the event's last argument). cash, positionQty, avgCost and
/// totalInvested are required numbers; sideBet is optional (null or an object). The error names
/// the field and what was there.
boost::system::result<server_account, std::string> parse_player_update(std::string_view payload_json);

/// The "price" of a gameStateUpdate payload, exactly as sent; nullopt when it has none.
std::optional<price> payload_price(std::string_view payload_json);

/// "cash 0.9 SOL, position 0.0931579 tokens at 1.0734 (0.1 SOL invested), no sidebet" for logs.
std::string describe(const server_account& a);

}  // namespace replayer::cdp
