// The browser trader (browser/browser_trader.hpp) against the scripted fake CDP endpoint: the
// page's playerUpdate frames arrive as Network.webSocketFrameReceived events, the locator's
// answers as Runtime.evaluate replies, clicks as Input.dispatchMouseEvent calls. What is checked
// is the trader's side of the contract: a click becomes a fill only when the server's account
// shows it; an order not confirmed in time is a timeout and holds the next one; a tab whose
// connection predates the tap is reloaded and the server's account is adopted; Chrome dying
// mid-click fails the order and sends the next ones to paper. The real page is
// tests/e2e/browser_trading.sh's job.
#include "browser/browser_trader.hpp"
#include "browser/fake_cdp_endpoint.hpp"

// GCC 12 sees Asio's aligned_delete inlined into coroutine frames and reports the free() of
// memory it believes came from operator new (a false positive on coroutine frames).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include "test_support.hpp"
#include "with_fake_cdp.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace json = boost::json;
using namespace replayer::browser;
using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;
using replayer::execution_report;
using replayer::order_request;
using test_support::buy;
using test_support::dec;

namespace {

constexpr std::string_view page_id = "8C5F1E2A0B6D4C3E9F7A1B2C3D4E5F60";
const std::string page_session_id = "SESSION-8C5F1E2A0B6D4C3E9F7A1B2C3D4E5F60";

// A frame the page's Socket.IO connection received, as CDP reports it.
fake_cdp_event player_update(std::string_view cash, std::string_view qty, std::string_view invested) {
  const std::string frame = "42[\"playerUpdate\",{\"cash\":" + std::string(cash) + ",\"positionQty\":" + std::string(qty) +
                            ",\"avgCost\":0,\"totalInvested\":" + std::string(invested) + "}]";
  return {"Network.webSocketFrameReceived",
          json::object{{"requestId", "1"}, {"timestamp", 1.0}, {"response", json::object{{"opcode", 1}, {"mask", false}, {"payloadData", frame}}}},
          page_session_id};
}

// locator.js's answer: one control, found by a CSS rule at (10, 20); an input showing `value`.
fake_cdp_script control_found(std::string_view value) {
  const json::object control{{"name", "any"}, {"found", true}, {"by", "css"}, {"rule", "[data-test]"},
                             {"text", "BUTTON"}, {"value", value}, {"x", 10}, {"y", 20}};
  const json::object view{{"viewport", json::object{{"width", 800}, {"height", 600}}}, {"controls", json::array{control}}};
  fake_cdp_script s;
  s.result = json::object{{"result", json::object{{"type", "object"}, {"value", view}}}};
  return s;
}

struct scenario {
  fake_cdp_options fake;
  browser_trading_settings settings;
  std::vector<execution_report> reports;
  std::vector<replayer::cdp::server_account> adopted;
  std::vector<std::string> log;
  std::string ended;
  std::function<void(browser_trader&)> after_run = [](browser_trader&) {};  // once run() has returned

  scenario() {
    fake.page_url = "http://127.0.0.1:1/panel";
    fake.methods["Runtime.evaluate"] = control_found("0.010");
    fake.methods["Input.dispatchMouseEvent"] = fake_cdp_script{};
    fake.methods["Network.enable"] = fake_cdp_script{};
    fake.methods["Page.reload"] = fake_cdp_script{};
    settings.click_gap = 0ms;
    settings.confirm_timeout = 300ms;
    settings.control_wait = 100ms;
    settings.first_read_timeout = 5s;
  }

  // Attaches a trader to the fake's page and runs `drive` beside it; bounded by `limit`.
  void run(const std::function<asio::awaitable<void>(browser_trader&)>& drive, std::chrono::milliseconds limit = 10s) {
    browser_trader trader(replayer::cdp::default_locator_table(), settings);
    trader.on_report = [&](const execution_report& r) { reports.push_back(r); };
    trader.on_adopt = [&](const replayer::cdp::server_account& a) { adopted.push_back(a); };
    trader.log = [&](const std::string& line) { log.push_back(line); };
    test_support::with_fake_cdp(
        fake,
        [&](fake_cdp_endpoint& endpoint) -> asio::awaitable<void> {
          auto client = co_await cdp_client::connect(endpoint.browser_ws_url(), 2s);
          BOOST_TEST_REQUIRE(client.has_value());
          auto where = replayer::cdp::parse_cdp_url(endpoint.http_url(), false);
          auto work = [&]() -> asio::awaitable<void> {
            const replayer::cdp::page_rule rule{"127.0.0.1:1/panel", false};
            auto page = co_await attach_page(**client, *where, rule);
            BOOST_TEST_REQUIRE(page.has_value());
            auto trading = [&]() -> asio::awaitable<void> { ended = co_await trader.run(**client, *page); };
            co_await (trading() || drive(trader));
            after_run(trader);
            if ((*client)->open()) co_await (*client)->close();
          };
          co_await ((*client)->run() && work());
        },
        limit);
  }
};

asio::awaitable<void> pause(std::chrono::milliseconds d) {
  asio::steady_timer t(co_await asio::this_coro::executor, d);
  co_await t.async_wait(asio::as_tuple(asio::use_awaitable));
}

// Waits (bounded) until `ready`.
asio::awaitable<bool> eventually(const std::function<bool()>& ready, std::chrono::milliseconds within = 3s) {
  for (auto waited = 0ms; !ready(); waited += 10ms) {
    if (waited >= within) co_return false;
    co_await pause(10ms);
  }
  co_return true;
}

order_request request(replayer::order_id id, const replayer::order& o) {
  order_request r;
  r.id = id;
  r.order = o;
  return r;
}

replayer::tick tick_at(std::int64_t index, std::string_view price) { return test_support::active(index, price); }

}  // namespace

BOOST_AUTO_TEST_SUITE(browser_trading)

BOOST_AUTO_TEST_CASE(a_click_is_a_fill_only_once_the_server_shows_it) {
  scenario s;
  // The server's account when the tap starts, then (after the clicks) the bought position.
  s.fake.methods["Network.enable"].events_after = {player_update("1", "0", "0")};
  s.fake.methods["Input.dispatchMouseEvent"].events_after = {player_update("0.9", "0.0931579", "0.1")};
  s.fake.methods["Runtime.evaluate"] = control_found("0.100");
  replayer::trading_settings settings;
  replayer::account wallet(settings);
  s.run([&](browser_trader& t) -> asio::awaitable<void> {
    BOOST_TEST_REQUIRE(co_await eventually([&] { return !t.gate().holding() && t.gate().online(); }));
    BOOST_TEST(s.adopted.size() == 1u);
    BOOST_TEST(!t.send(request(1, buy("0.1")), tick_at(7, "1.0734"), wallet).has_value());
    BOOST_TEST_REQUIRE(co_await eventually([&] { return !s.reports.empty(); }));
  });
  const auto* f = std::get_if<replayer::fill>(&s.reports.front());
  BOOST_TEST_REQUIRE(f);
  BOOST_TEST(f->id == 1u);
  BOOST_TEST(f->amount.str() == "0.1");
  BOOST_TEST(f->qty.str() == "0.0931579");
  BOOST_TEST(f->tick == 7);
  BOOST_TEST(s.ended == "stopped");
  BOOST_TEST_REQUIRE(s.log.size() == 1u);  // the price drift: 0.1 / 0.0931579 is not 1.0734
  BOOST_TEST(s.log.front().find("expected 1.0734") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_unconfirmed_click_is_a_timeout_and_holds_the_next_order) {
  scenario s;
  s.fake.methods["Network.enable"].events_after = {player_update("1", "0", "0")};
  replayer::trading_settings settings;
  replayer::account wallet(settings);
  std::optional<execution_report> second;
  s.run([&](browser_trader& t) -> asio::awaitable<void> {
    BOOST_TEST_REQUIRE(co_await eventually([&] { return !t.gate().holding() && t.gate().online(); }));
    t.send(request(1, buy("0.01")), tick_at(3, "1.5"), wallet);
    BOOST_TEST_REQUIRE(co_await eventually([&] { return !s.reports.empty(); }));
    second = t.send(request(2, buy("0.01")), tick_at(4, "1.5"), wallet);
  });
  const auto* f = std::get_if<replayer::failure>(&s.reports.front());
  BOOST_TEST_REQUIRE(f);
  BOOST_TEST(f->timed_out);
  BOOST_TEST(f->what == "order 1 (buy 0.01): the server's account did not show it within 300 ms");
  BOOST_TEST_REQUIRE(second.has_value());
  const auto* held = std::get_if<replayer::failure>(&*second);
  BOOST_TEST_REQUIRE(held);
  BOOST_TEST(!held->timed_out);
  BOOST_TEST(held->what.find("held until the server's account is read again") == 0u);
}

BOOST_AUTO_TEST_CASE(an_amount_the_page_does_not_show_is_never_clicked) {
  scenario s;
  s.fake.methods["Network.enable"].events_after = {player_update("1", "0", "0")};
  s.fake.methods["Runtime.evaluate"] = control_found("0.002");  // a lost +0.001 click, three times
  replayer::trading_settings settings;
  replayer::account wallet(settings);
  std::optional<execution_report> next;
  s.run([&](browser_trader& t) -> asio::awaitable<void> {
    BOOST_TEST_REQUIRE(co_await eventually([&] { return !t.gate().holding() && t.gate().online(); }));
    t.send(request(1, test_support::sidebet("0.003")), tick_at(3, "1.5"), wallet);
    BOOST_TEST_REQUIRE(co_await eventually([&] { return !s.reports.empty(); }));
    next = t.send(request(2, buy("0.01")), tick_at(4, "1.5"), wallet);
  });
  const auto* f = std::get_if<replayer::failure>(&s.reports.front());
  BOOST_TEST_REQUIRE(f);
  BOOST_TEST(!f->timed_out);
  BOOST_TEST(f->what == "order 1 (sidebet 0.003): the amount input shows \"0.002\", not 0.003: not clicked");
  BOOST_TEST(s.log.size() == 2u);  // built again twice
  BOOST_TEST(!next.has_value());   // nothing was clicked: the next order is not held
}

BOOST_AUTO_TEST_CASE(a_tab_older_than_the_tap_is_reloaded_and_the_server_account_adopted) {
  scenario s;
  s.settings.first_read_timeout = 50ms;
  s.fake.methods["Page.reload"].events_after = {player_update("2.5", "0.4", "0.3")};
  s.run([&](browser_trader& t) -> asio::awaitable<void> {
    BOOST_TEST_REQUIRE(co_await eventually([&] { return !t.gate().holding() && t.gate().online(); }));
  });
  BOOST_TEST_REQUIRE(s.adopted.size() == 1u);
  BOOST_TEST(s.adopted.front().cash.str() == "2.5");
  BOOST_TEST(s.adopted.front().position_qty.str() == "0.4");
  BOOST_TEST_REQUIRE(!s.log.empty());
  BOOST_TEST(s.log.front().find("reloading the game's tab") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(chrome_dying_mid_click_fails_the_order_and_the_next_ones_go_to_paper) {
  scenario s;
  s.fake.methods["Network.enable"].events_after = {player_update("1", "0", "0")};
  // Calls: attach, Network.enable, then the order's first Runtime.evaluate: Chrome dies there.
  s.fake.die_at_call = 3;
  replayer::trading_settings settings;
  replayer::account wallet(settings);
  std::optional<execution_report> after;
  s.after_run = [&](browser_trader& t) { after = t.send(request(2, buy("0.01")), tick_at(4, "1.5"), wallet); };
  s.run([&](browser_trader& t) -> asio::awaitable<void> {
    BOOST_TEST_REQUIRE(co_await eventually([&] { return !t.gate().holding() && t.gate().online(); }));
    t.send(request(1, buy("0.01")), tick_at(3, "1.5"), wallet);
    co_await pause(1h);  // until the trader's run() ends with the link
  });
  const auto* f = std::get_if<replayer::failure>(&s.reports.front());
  BOOST_TEST_REQUIRE(f);
  BOOST_TEST(f->what.find("order 1 (buy 0.01): ") == 0u);
  BOOST_TEST(s.ended.find("Chrome went away") != std::string::npos, s.ended);
  // Decided on paper while Chrome is gone: a fill by the game's rules, at the tick's price.
  BOOST_TEST_REQUIRE(after.has_value());
  const auto* paper = std::get_if<replayer::fill>(&*after);
  BOOST_TEST_REQUIRE(paper);
  BOOST_TEST(paper->price.str() == "1.5");
}

BOOST_AUTO_TEST_SUITE_END()
