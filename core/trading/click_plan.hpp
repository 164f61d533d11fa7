#pragma once
// The buttons an order is made of on the game's trading panel, as a plain list. A buy or a
// sidebet: X (the amount back to zero), then the increment buttons for the amount in whole
// thousandths, largest first (0.153 = +0.1, +0.01 x5, +0.001 x3), then the action. A sell: the
// percentage button, then SELL. Only exact amounts are built: an amount that is not a whole
// number of thousandths, or needs more clicks than allowed, is refused, never rounded (the
// original's X2 shortcut placed 0.002 for 0.003).
#include "core/trading/order.hpp"

#include <boost/system/result.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace replayer {

/// The panel's controls; their names are the locator table's keys (core/cdp/locator_table.hpp).
enum class panel_control : std::uint8_t {
  buy, sell, sidebet, clear, add_0_001, add_0_01, add_0_1, add_1, sell_10, sell_25, sell_50, sell_100
};

/// "buy", "add_0_01", "sell_25", ...
std::string_view panel_control_name(panel_control c);

inline constexpr std::size_t default_max_amount_clicks = 40;

/// The clicks for `o`, the action last. The error says why the order cannot be clicked.
boost::system::result<std::vector<panel_control>, std::string> click_plan(const order& o,
                                                                         std::size_t max_amount_clicks = default_max_amount_clicks);

}  // namespace replayer
