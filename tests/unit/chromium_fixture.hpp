// Real headless Chromium for the unit tests (browser_panel, html_report, the dashboard's): launched
// by browser/chrome_process, driven over browser/cdp_client. Open a page, evaluate expressions in
// it, wait for a condition, save a screenshot; and, once Chrome is gone, check that nothing of it
// is left (its pid, its process group, anything started with its folder) and its temporary
// profile is removed. Tests skip themselves (exit 77 for their entry) when Chromium is missing.
#pragma once

#include "browser/cdp_client.hpp"
#include "browser/chrome_process.hpp"
#include "core/cdp/targets.hpp"
#include "temp_dir.hpp"

#include <sys/types.h>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chromium_fixture {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

using test_support::read_text;

/// Why Chromium cannot be used here ("" when it can).
std::string chromium_missing();

/// Runs one coroutine of a test on `ioc`, within `limit`. The io_context is the test's: it must
/// outlive the CDP client (a socket cannot outlive its io_context).
void run(boost::asio::io_context& ioc, std::function<boost::asio::awaitable<void>()> body,
         std::chrono::seconds limit = 60s);

boost::asio::awaitable<void> sleep_for(std::chrono::milliseconds d);

/// Processes left of a Chrome: the pid itself, its process group, or anything started with `folder`.
std::vector<std::string> leftovers(pid_t pid, const fs::path& folder);

/// After a Chrome is gone: nothing of it is left running, its temporary folder is removed.
void check_gone(pid_t pid, const fs::path& profile);

/// Chrome on one page, the CDP client's run() going, attached to that page's tab.
struct page {
  std::unique_ptr<replayer::browser::chrome_process> chrome;
  std::unique_ptr<replayer::browser::cdp_client> client;
  replayer::browser::page_session session;
  bool running = false;
  pid_t pid = 0;
  fs::path profile;

  /// Launches headless Chrome on `url` and attaches to the tab `rule` picks: "" or what failed.
  /// (Pass named values: GCC 12 destroys some temporaries of a co_await expression twice.)
  boost::asio::awaitable<std::string> open(std::string url, replayer::cdp::page_rule rule,
                                           std::string_view window_size = "1000,700");

  /// The value of a page expression (returnByValue); a thrown exception is an error.
  boost::asio::awaitable<boost::system::result<boost::json::value, std::string>> evaluate(std::string expression);

  /// Whether `expression` became true within `limit` (polled).
  boost::asio::awaitable<bool> wait_until(std::string expression, std::chrono::milliseconds limit);

  /// Page.captureScreenshot as PNG into `file`: the viewport, or `clip` ({x, y, width, height} in
  /// page pixels, beyond the viewport too). "" or what failed.
  boost::asio::awaitable<std::string> screenshot(const fs::path& file, boost::json::object clip = {});

  /// Closes the connection and waits for run() to return: then the client may go.
  boost::asio::awaitable<void> close();

  /// The client first (its run() has returned), then Chrome (the guard) and its folder.
  void reset();
};

/// Resets `p` and checks that nothing of its Chrome is left (check_gone).
void reset_and_check_gone(page& p);

}  // namespace chromium_fixture
