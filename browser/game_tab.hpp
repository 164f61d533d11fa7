#pragma once
// The game's tab, ready to trade in: either a Chrome the user runs (--cdp URL; loopback only
// unless allowed) or one replayer launches (a process guard and, unless given, a temporary
// profile: both gone on every exit path), then the browser's WebSocket, the page whose URL
// matches, attached with a flattened session. Closing detaches and never closes the user's tab
// or browser; a Chrome replayer launched is stopped by its guard.
#include "browser/cdp_client.hpp"
#include "browser/chrome_process.hpp"
#include "core/cdp/targets.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace replayer::browser {

struct game_tab_options {
  std::string cdp_url;                  // "" = launch Chrome with `launch`
  bool allow_remote = false;            // a --cdp host other than loopback
  chrome_options launch;
  cdp::page_rule page;                  // which tab is the game's
  std::chrono::milliseconds timeout{10000};  // discovery, connect, attach
};

struct game_tab {
  std::unique_ptr<chrome_process> chrome;  // the Chrome replayer launched, if it did
  cdp::endpoint endpoint;                  // where the browser's DevTools are
  std::unique_ptr<cdp_client> client;
  page_session page;
  std::string browser;  // "HeadlessChrome/156.0..." from /json/version
};

/// Launches Chrome (if asked) and connects to the browser. The client's run() is not started:
/// the caller owns it, and attaches with attach_game_page while it runs. The error says which
/// step failed and what to do.
boost::asio::awaitable<boost::system::result<game_tab, std::string>> open_game_tab(const game_tab_options& o);

/// Finds the game's page and attaches to it (tab.page), retrying until o.timeout while the page
/// is not listed yet (a Chrome just launched opens it a moment later).
boost::asio::awaitable<boost::system::result<void, std::string>> attach_game_page(game_tab& tab, const game_tab_options& o);

/// Detaches (bounded) and closes the connection; the launched Chrome, if any, stops when the tab
/// is destroyed.
boost::asio::awaitable<void> close_game_tab(game_tab& tab);

}  // namespace replayer::browser
