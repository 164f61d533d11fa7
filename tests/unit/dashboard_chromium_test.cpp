// The dashboard end to end in real headless Chromium, driven by replayer's own CDP client: the
// live page follows `replayer live` on the fake server (the tick and price it shows are the
// feed's, at most one update behind); the replay viewer plays, steps back and plays again to the
// same trades; a hand BUY then SELL gives the P&L the trading rules say. Screenshots of both
// pages go to the build folder (dashboard/). Skipped without Chromium.
#include "browser/process_guard.hpp"
#include "chromium_fixture.hpp"
#include "test_support.hpp"

#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <regex>
#include <thread>

using namespace replayer;
using namespace test_support;
namespace fs = std::filesystem;
namespace json = boost::json;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

const fs::path out_dir = fs::path(REPLAYER_BUILD_DIR) / "dashboard";

// A replayer command in the background, its stderr kept in out_dir/NAME.err.
struct command {
  browser::process_guard process;
  fs::path err;
};

command start(const std::string& name, std::vector<std::string> args) {
  fs::create_directories(out_dir);
  browser::spawn_options o;
  o.argv = {REPLAYER_BINARY};
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  o.stderr_path = (out_dir / (name + ".err")).string();
  o.stdout_path = (out_dir / (name + ".out")).string();
  auto p = browser::process_guard::spawn(o);
  if (!p) throw std::runtime_error(p.error());
  return {std::move(*p), o.stderr_path};
}

// The first match of `pattern`'s group 1 in the command's stderr, waited for up to 20 s.
std::string wait_for_line(const command& c, const std::string& pattern) {
  const std::regex re(pattern);
  for (int i = 0; i < 200; ++i) {
    std::ifstream in(c.err);
    for (std::string line; std::getline(in, line);) {
      std::smatch m;
      if (std::regex_search(line, m, re)) return m[1];
    }
    std::this_thread::sleep_for(100ms);
  }
  throw std::runtime_error("no line matching " + pattern + " in " + c.err.string() + ": " + chromium_fixture::read_text(c.err));
}

std::string dashboard_url(const command& c) { return wait_for_line(c, R"((http://127\.0\.0\.1:[0-9]+/\?token=[0-9a-f]+))"); }

// Headless Chromium on the dashboard's page.
asio::awaitable<void> open_dashboard(chromium_fixture::page& p, const std::string& url) {
  const replayer::cdp::page_rule rule{"127.0.0.1", false};
  const std::string window = "1200,1000";
  const std::string opened = co_await p.open(url, rule, window);
  BOOST_TEST_REQUIRE(opened.empty(), opened);
}

bool skip_without_chromium() {
  if (const std::string missing = chromium_fixture::chromium_missing(); !missing.empty()) {
    BOOST_WARN_MESSAGE(false, "skipped: " << missing);
    return true;
  }
  return false;
}

json::value required(const boost::system::result<json::value, std::string>& r) {
  if (!r) throw std::runtime_error(r.error());
  return *r;
}

// The page's controls, clicked as a user would.
std::string click(std::string_view id) { return "document.getElementById('" + std::string(id) + "').click(), true"; }
std::string jump_to(std::size_t line) {
  return "(() => { document.getElementById('jump').value = '" + std::to_string(line) +
         "'; document.getElementById('jump-go').click(); return true; })()";
}
std::string position_is(std::size_t line) {
  return "!!(window.__dashboard.state && window.__dashboard.state.viewer && window.__dashboard.state.viewer.position === " +
         std::to_string(line) + ")";
}

// Jumps the viewer to `line` with the page's jump box and waits for the state to show it.
asio::awaitable<void> seek_on_page(chromium_fixture::page& p, std::size_t line) {
  const std::string jump = jump_to(line);
  required(co_await p.evaluate(jump));
  const std::string arrived = position_is(line);
  BOOST_TEST_REQUIRE(co_await p.wait_until(arrived, 10s), "the viewer did not reach line " << line);
}

// The first game of the file, as the viewer reads it.
game first_game(const fs::path& file) { return read_games({file}).at(0); }

std::size_t first_active_line(const game& g, std::size_t after) {
  for (std::size_t i = after; i < g.ticks.size(); ++i)
    if (g.ticks[i].active && !g.ticks[i].rugged) return i;
  throw std::runtime_error("no active tick");
}

// The recording of tests/data the viewer tests use: the first with a long enough game.
fs::path viewer_file() {
  for (const auto& f : jsonl_files(REPLAYER_TEST_DATA)) {
    const auto games = read_games({f});
    if (!games.empty() && analyse(games[0]).complete() && games[0].ticks.size() > 200) return f;
  }
  throw std::runtime_error("no recording with a complete game in tests/data");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dashboard_chromium)

BOOST_AUTO_TEST_CASE(the_live_page_follows_replayer_live_on_the_fake_server) {
  if (skip_without_chromium()) return;
  auto server = start("fake-server", {"fake-server", "--port", "0", "--speed", "1", "--loop", REPLAYER_TEST_DATA});
  const std::string port = wait_for_line(server, R"(listening on ws://127\.0\.0\.1:([0-9]+))");
  auto live = start("live", {"live", "--strategy", "aggressive", "--url", "ws://127.0.0.1:" + port, "--http", "127.0.0.1:0"});
  const std::string url = dashboard_url(live);
  asio::io_context ioc;
  chromium_fixture::page p;
  chromium_fixture::run(ioc, [&]() -> asio::awaitable<void> {
    co_await open_dashboard(p, url);
    const std::string page_report =
        "JSON.stringify({states: window.__dashboard && window.__dashboard.states, errors: window.__replayerChartErrors, url: location.href,"
        " mode: document.getElementById('mode') && document.getElementById('mode').textContent})";
    const std::string has_state = "!!(window.__dashboard && window.__dashboard.state && window.__dashboard.state.now)";
    if (!co_await p.wait_until(has_state, 20s)) {
      const auto seen = co_await p.evaluate(page_report);
      BOOST_FAIL("the live page got no state: " << (seen ? boost::json::serialize(*seen) : seen.error()));
    }
    // Once the game is in play (the recording starts with its 15 s cooldown), five samples: the
    // tick and price on the page against the server's own state at that moment. At speed 1 a tick
    // comes every 250 ms and the page is sent a state every 100 ms.
    const std::string in_play = "!!(window.__dashboard.state.now && window.__dashboard.state.now.active)";
    BOOST_TEST_REQUIRE(co_await p.wait_until(in_play, 40s), "the game never went into play on the page");
    const std::string shown_and_served =
        "(() => { const x = new XMLHttpRequest(); x.open('GET', '/state', false); x.send(); const s = JSON.parse(x.responseText);"
        " return {server: s.now, tick: document.getElementById('tick').textContent,"
        " price: document.getElementById('price').textContent, game: document.getElementById('game').textContent}; })()";
    int same = 0;
    for (int i = 0; i < 5; ++i) {
      co_await chromium_fixture::sleep_for(700ms);
      const auto sample = required(co_await p.evaluate(shown_and_served));
      const auto& o = sample.as_object();
      const auto& now = o.at("server").as_object();
      const std::int64_t server_tick = now.at("tick").as_int64();
      const std::int64_t shown_tick = std::stoll(std::string(o.at("tick").as_string()));
      BOOST_TEST_MESSAGE("live: server tick " << server_tick << ", page " << shown_tick);
      if (o.at("game").as_string() != now.at("game").as_string()) continue;  // a new game began in between
      BOOST_TEST(server_tick - shown_tick <= 1, "the page is " << server_tick - shown_tick << " ticks behind");
      BOOST_TEST(shown_tick <= server_tick);
      if (shown_tick == server_tick) {
        ++same;
        BOOST_TEST(o.at("price").as_string() == now.at("price").as_string());
      }
    }
    BOOST_TEST(same >= 1);
    const std::string chart_errors = "JSON.stringify(window.__replayerChartErrors)";
    const auto errors = required(co_await p.evaluate(chart_errors));
    BOOST_TEST(errors.as_string() == "[]");
    const std::string health_badge = "document.getElementById('health').textContent";
    BOOST_TEST(required(co_await p.evaluate(health_badge)).as_string() == "fresh");
    const std::string shot = co_await p.screenshot(out_dir / "live.png");
    BOOST_TEST(shot.empty(), shot);
    co_await p.close();
  }, 120s);
  chromium_fixture::reset_and_check_gone(p);
  live.process.terminate();
  server.process.terminate();
}

BOOST_AUTO_TEST_CASE(the_viewer_plays_steps_back_and_replays_to_identical_trades) {
  if (skip_without_chromium()) return;
  const fs::path file = viewer_file();
  auto view = start("view-strategy", {"view", file.string(), "--strategy", "aggressive", "--speed", "max"});
  const std::string url = dashboard_url(view);
  const std::size_t lines = first_game(file).ticks.size();
  asio::io_context ioc;
  chromium_fixture::page p;
  chromium_fixture::run(ioc, [&]() -> asio::awaitable<void> {
    co_await open_dashboard(p, url);
    const std::string at_start = position_is(0);
    BOOST_TEST_REQUIRE(co_await p.wait_until(at_start, 20s));
    const std::string press_play = click("play");
    required(co_await p.evaluate(press_play));
    const std::string at_end = position_is(lines);
    BOOST_TEST_REQUIRE(co_await p.wait_until(at_end, 30s), "did not play to the end");
    const std::string events_json = "JSON.stringify(window.__dashboard.state.viewer.events)";
    const auto first = required(co_await p.evaluate(events_json));
    BOOST_TEST(first.as_string().size() > 2u);
    // Back to the middle: the trades there are the first run's up to that line.
    co_await seek_on_page(p, lines / 2);
    const std::string press_back = click("back");
    required(co_await p.evaluate(press_back));
    const std::string before_middle = position_is(lines / 2 - 1);
    BOOST_TEST_REQUIRE(co_await p.wait_until(before_middle, 10s));
    required(co_await p.evaluate(press_play));
    BOOST_TEST_REQUIRE(co_await p.wait_until(at_end, 30s), "did not play to the end again");
    const auto again = required(co_await p.evaluate(events_json));
    BOOST_TEST(again.as_string() == first.as_string());
    co_await p.close();
  }, 120s);
  chromium_fixture::reset_and_check_gone(p);
  view.process.terminate();
}

BOOST_AUTO_TEST_CASE(a_hand_buy_then_sell_in_the_viewer_gives_the_rules_pnl) {
  if (skip_without_chromium()) return;
  const fs::path file = viewer_file();
  const game g = first_game(file);
  const std::size_t buy_line = first_active_line(g, 0), sell_line = first_active_line(g, buy_line + 20);
  auto view = start("view-hand", {"view", file.string()});
  const std::string url = dashboard_url(view);
  asio::io_context ioc;
  chromium_fixture::page p;
  chromium_fixture::run(ioc, [&]() -> asio::awaitable<void> {
    co_await open_dashboard(p, url);
    const std::string at_start = position_is(0);
    BOOST_TEST_REQUIRE(co_await p.wait_until(at_start, 20s));
    // The bet row: X, +0.01, +0.001 x2 -> 0.012 SOL; BUY on the line shown.
    co_await seek_on_page(p, buy_line + 1);
    const std::string bet_0_012 = "for (const b of ['clear', '10', '1', '1']) document.querySelector(`[data-bet='${b}']`).click(); true";
    required(co_await p.evaluate(bet_0_012));
    const std::string amount_shown = "document.getElementById('amount').textContent";
    BOOST_TEST(required(co_await p.evaluate(amount_shown)).as_string() == "0.012");
    const std::string press_buy = click("buy");
    required(co_await p.evaluate(press_buy));
    const std::string one_event = "window.__dashboard.state.viewer.events.length === 1";
    BOOST_TEST_REQUIRE(co_await p.wait_until(one_event, 10s));
    co_await seek_on_page(p, sell_line + 1);
    const std::string choose_all = "document.querySelector(`[data-sell='1']`).click(), true";
    required(co_await p.evaluate(choose_all));
    const std::string press_sell = click("sell");
    required(co_await p.evaluate(press_sell));
    const std::string two_events = "window.__dashboard.state.viewer.events.length === 2";
    BOOST_TEST_REQUIRE(co_await p.wait_until(two_events, 10s));
    const std::string events_now = "window.__dashboard.state.viewer.events";
    const auto events = required(co_await p.evaluate(events_now));
    const auto& buy_event = events.as_array()[0].as_object();
    const auto& sell_event = events.as_array()[1].as_object();
    BOOST_TEST(buy_event.at("event").as_string() == "buy");
    BOOST_TEST(sell_event.at("event").as_string() == "sell");
    // The rules (docs/trading-rules.md): S SOL at price p buys S / p tokens; selling them all at q
    // credits qty x q; the P&L is that minus S.
    const decimal qty = dec("0.012") / g.ticks[buy_line].price.value();
    const decimal pnl = qty * g.ticks[sell_line].price.value() - dec("0.012");
    BOOST_TEST(sell_event.at("pnl").as_string() == pnl.str());
    BOOST_TEST(buy_event.at("tick").as_int64() == g.ticks[buy_line].index);
    BOOST_TEST(sell_event.at("tick").as_int64() == g.ticks[sell_line].index);
    const std::string shot = co_await p.screenshot(out_dir / "viewer.png");
    BOOST_TEST(shot.empty(), shot);
    co_await p.close();
  }, 120s);
  chromium_fixture::reset_and_check_gone(p);
  view.process.terminate();
}

BOOST_AUTO_TEST_SUITE_END()
