#pragma once
// Live trading in the user's browser: the session's executor seam on one side, the game's tab
// (over CDP) on the other. An order the session sends becomes the panel's clicks
// (core/trading/click_plan); it is a fill only when the server's own account, read from the
// page's Socket.IO frames (Network.webSocketFrameReceived -> playerUpdate), shows it; a click not
// confirmed in time is a timeout and holds further orders until the server's account has been
// read again and adopted (core/trading/order_gate). While the tab or Chrome is gone, orders are
// decided on paper and the log says so; the caller reconnects with backoff and calls run() again.
//
// The trader outlives sessions (per-game wallets make one per game): reports and adoptions go to
// whichever session `route_to` names. Everything runs on the io_context's thread.
#include "browser/cdp_client.hpp"
#include "core/cdp/locator_table.hpp"
#include "core/cdp/page_socket_tap.hpp"
#include "core/cdp/server_account.hpp"
#include "core/trading/click_plan.hpp"
#include "core/trading/executor.hpp"
#include "core/trading/order_gate.hpp"
#include "core/trading/session.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>

namespace replayer::browser {

struct browser_trading_settings {
  std::chrono::milliseconds confirm_timeout{3000};  // click -> the server's account shows it
  std::chrono::milliseconds click_gap{50};          // at least this between two clicks (a rate limit)
  std::optional<std::uint64_t> human_delay_seed;    // a seeded extra delay before each click
  std::chrono::milliseconds human_delay_max{40};
  std::size_t max_amount_clicks = default_max_amount_clicks;
  std::chrono::milliseconds call_timeout = default_call_timeout;
  std::chrono::milliseconds control_wait{1500};  // a control missing or disabled for this long is a failure
  /// No playerUpdate this long after attaching: the tab is reloaded once, so that the page's
  /// Socket.IO connection starts again under the tap (one opened before it is not seen).
  std::chrono::milliseconds first_read_timeout{5000};
};

struct browser_trading_stats {
  std::size_t orders = 0, clicked = 0, confirmed = 0, timed_out = 0, click_failures = 0;
  std::size_t drifts = 0, adoptions = 0, page_reloads = 0, player_updates = 0, bad_player_updates = 0;
  /// Decision (submit) to confirmed fill, the most recent ones (bounded).
  std::deque<std::chrono::microseconds> decision_to_fill;
  static constexpr std::size_t max_latency_samples = 4096;
  /// The same, all of them, for /metrics; and the CDP calls' round trips.
  dashboard::latency_histogram decision_to_fill_histogram, cdp_calls;
};

class browser_trader {
public:
  browser_trader(cdp::locator_table table, browser_trading_settings settings);
  browser_trader(const browser_trader&) = delete;
  browser_trader& operator=(const browser_trader&) = delete;

  /// An executor for a session: it forwards to this trader, which must outlive it.
  std::unique_ptr<executor> make_executor();
  /// Where reports go, and who takes the server's account when it is to be adopted: the session
  /// being played (see adopt_into), or a one-off command.
  std::function<void(const execution_report&)> on_report = [](const execution_report&) {};
  std::function<void(const cdp::server_account&)> on_adopt = [](const cdp::server_account&) {};

  /// Trades through this page until the link is lost or the caller is cancelled; returns why it
  /// ended. The client's run() must be going. Orders are decided on paper outside run().
  boost::asio::awaitable<std::string> run(cdp_client& client, const page_session& page);

  const browser_trading_stats& stats() const { return stats_; }
  const order_gate& gate() const { return gate_; }
  /// The last live tick seen (an adopted position opens there).
  std::int64_t last_tick() const { return last_tick_; }
  /// The price in the page's last gameStateUpdate (what `browser click` decides at).
  const std::optional<price>& page_price() const { return page_price_; }
  /// The server's account as last read, if it was.
  const std::optional<cdp::server_account>& server() const { return server_; }
  /// Sends an order outside a session (`browser click`): what `wallet` holds is the server's.
  std::optional<execution_report> send(const order_request& r, const tick& now, const account& wallet) {
    return submit(r, now, wallet);
  }
  /// Drift lines and other things a trader must see ("order 3: price 1.0741, expected 1.0734").
  std::function<void(const std::string&)> log = [](const std::string&) {};

private:
  class forwarding_executor;
  struct pending_order {
    order_request request;
    decimal held;            // the wallet's tokens when it was sent
    decimal decision_price;
    std::chrono::steady_clock::time_point decided;
  };

  std::optional<execution_report> submit(const order_request& r, const tick& now, const account& wallet);
  void on_tick(const tick& now);
  void on_page_event(const cdp::event& e, const page_session& page);
  void adopt_server_account();
  boost::asio::awaitable<void> wait_for_news(std::chrono::steady_clock::time_point until);
  boost::asio::awaitable<std::optional<std::string>> press(cdp_client& client, const page_session& page, panel_control c);
  /// Why the amount input does not show `amount`, if it does not.
  boost::asio::awaitable<std::optional<std::string>> check_amount(cdp_client& client, const page_session& page, decimal amount);
  boost::asio::awaitable<void> trade(cdp_client& client, const page_session& page, pending_order o);

  cdp::locator_table table_;
  browser_trading_settings settings_;
  order_gate gate_;
  cdp::page_socket_tap tap_;
  std::optional<cdp::server_account> server_;
  std::optional<price> page_price_;
  std::size_t server_reads_ = 0;       // playerUpdates read so far
  std::size_t reads_at_hold_ = 0;      // ... when the gate began to hold
  std::optional<pending_order> next_;  // sent by the session, not yet clicked
  std::optional<std::string> lost_;    // why the page went away, when it did
  std::int64_t last_tick_ = 0;
  decimal last_price_;
  std::chrono::steady_clock::time_point last_click_{};
  std::mt19937_64 delay_rng_;
  std::unique_ptr<boost::asio::steady_timer> wake_;  // cancelled by news: an order, an event
  browser_trading_stats stats_;
};

/// The server's account into a session's wallet; the drift from what the wallet had, if any,
/// as a line for the log ("" when they agree).
std::string adopt_into(session& s, const cdp::server_account& a, std::int64_t tick);

}  // namespace replayer::browser
