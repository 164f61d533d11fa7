#pragma once
// What the server's account says an order got: the account read before the click against a
// later one. A buy has filled once the position grew (SOL spent = cash before - cash after), a
// sell once it shrank (SOL received = cash after - cash before), a sidebet once one is open.
// The fill is put in the wallet's terms: a sell never takes more tokens than the wallet holds
// (a full sell takes exactly the wallet's), so the session's own checks accept it; what the
// server did differently from the paper expectation is a drift, reported, and the wallet adopts
// the server's account afterwards.
#include "core/cdp/server_account.hpp"
#include "core/trading/execution.hpp"

#include <optional>
#include <string>

namespace replayer {

/// The fill `after` shows for `r`, or nullopt while it shows none.
/// `held` is the wallet's position (tokens) when the order was sent.
std::optional<fill> server_fill(const order_request& r, const cdp::server_account& before, const cdp::server_account& after,
                                decimal held, std::int64_t tick, decimal tick_price);

/// How a fill differs from the paper expectation at the decision price `expected_price`:
/// an empty string when it does not. "amount 0.0099 SOL, expected 0.01; price 1.0741, expected 1.0734"
std::string fill_drift(const order_request& r, const fill& f, decimal held, decimal expected_price);

}  // namespace replayer
