#pragma once
// The trading panel's controls on the game's tab, over CDP: found by browser/locator.js (the
// locator table's rules applied in the page, one Runtime.evaluate for any number of controls),
// clicked as a user clicks (Input.dispatchMouseEvent: moved, pressed, released at the control's
// centre: trusted events), typed into (the amount input: focus, select all, Input.insertText)
// and read (balance, position). Every failure is a value with a sentence: what is missing and
// the candidates the locator saw and set aside, and why.
#include "browser/cdp_client.hpp"
#include "core/cdp/locator_table.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace replayer::browser {

/// browser/locator.js, compiled in (browser/CMakeLists.txt).
std::string_view locator_script();

struct point {
  double x = 0, y = 0;  // CSS pixels in the viewport
};

struct rejected_candidate {
  std::string element;  // "button._actionButton_1himf_1._buy_1himf_114"
  std::string text;
  std::string reason;   // "hidden (display: none)", "zero size (0x0)", "disabled", "off-screen (...)", ...
};

struct located_control {
  std::string name;
  bool found = false;
  std::string by;    // "text" or "css"
  std::string rule;  // "BUY (prefix)" or the CSS selector that matched
  std::string text;  // as shown, whitespace collapsed
  std::optional<std::string> value;  // an input's value
  point centre;
  std::string problem;  // when not found: "missing", "disabled", "ambiguous: ...", "not in the locator table", ...
  std::vector<rejected_candidate> rejected;  // at most 20; rejected_count says how many there were
  std::size_t rejected_count = 0;

  /// One line: "buy: by text BUY (prefix), \"BUY+0.030 SOL\" at (83, 102)" or
  /// "sell: disabled; set aside: button._sell_x \"SELL-0.030 SOL\" (disabled), ...".
  std::string describe() const;
};

struct panel_view {
  double viewport_width = 0, viewport_height = 0;
  std::vector<located_control> controls;  // in the order asked
};

/// locator.js's answer (the value of its Runtime.evaluate) as a panel_view. A control found by
/// text whose text the table's rule does not take is refused: the page script and the table
/// disagree.
boost::system::result<panel_view, std::string> parse_panel_view(const boost::json::value& v, const cdp::locator_table& table);

/// The controls `names` as the page shows them now.
boost::asio::awaitable<boost::system::result<panel_view, std::string>> locate(
    cdp_client& client, const page_session& page, const cdp::locator_table& table, std::span<const std::string> names,
    std::chrono::milliseconds timeout = default_call_timeout);

/// One control, found; otherwise the error is its describe() line.
boost::asio::awaitable<boost::system::result<located_control, std::string>> locate_control(
    cdp_client& client, const page_session& page, const cdp::locator_table& table, std::string_view name,
    std::chrono::milliseconds timeout = default_call_timeout);

/// locate_control again every 25 ms until it is found or `within` has passed (a panel that
/// re-renders late, a sidebet panel just opened); the error is the last describe() line.
boost::asio::awaitable<boost::system::result<located_control, std::string>> wait_for_control(
    cdp_client& client, const page_session& page, const cdp::locator_table& table, std::string_view name,
    std::chrono::milliseconds within, std::chrono::milliseconds timeout = default_call_timeout);

/// A left click at `at`: mouseMoved, mousePressed, mouseReleased (trusted events).
boost::asio::awaitable<boost::system::result<void, std::string>> click_point(
    cdp_client& client, const page_session& page, point at, std::chrono::milliseconds timeout = default_call_timeout);

/// Replaces the text of a control whose rule is "use": "type" (the amount input): a click to
/// focus it, select all, Input.insertText; then the input's value is read back and must be `text`.
boost::asio::awaitable<boost::system::result<void, std::string>> set_text(
    cdp_client& client, const page_session& page, const cdp::locator_table& table, std::string_view name,
    std::string_view text, std::chrono::milliseconds timeout = default_call_timeout);

/// The shown text of a display ("balance", "position"), whitespace collapsed.
boost::asio::awaitable<boost::system::result<std::string, std::string>> read_display(
    cdp_client& client, const page_session& page, const cdp::locator_table& table, std::string_view name,
    std::chrono::milliseconds timeout = default_call_timeout);

}  // namespace replayer::browser
