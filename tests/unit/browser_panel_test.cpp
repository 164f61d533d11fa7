// browser_panel: the locator and the clicks against real headless Chromium and the test trading
// page (tests/reference/trading_panel: its node server with npm socket.io, installed from the
// pinned tests/reference/socketio_server package into a temporary folder). Chrome is launched by
// chrome_process, driven over the CDP client (tests/unit/chromium_fixture): every control is
// found, by the rule expected and never a decoy; an order built from the amount buttons reaches
// the page's server and its playerUpdate comes back; and after every test no Chrome process is
// left (its pid, its process group, anything started with its profile) and the temporary profile
// is gone, also when Chrome is killed mid-session and when a click is cancelled. Without
// Chromium, node or npm's packages the tests that need them skip themselves (exit 77).
#include "chromium_fixture.hpp"

#include "browser/cdp_client.hpp"
#include "browser/chrome_process.hpp"
#include "browser/page_controls.hpp"
#include "browser/process_guard.hpp"
#include "core/cdp/locator_table.hpp"
#include "temp_dir.hpp"

#include <signal.h>
#include <sys/wait.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using test_support::temp_dir;

namespace asio = boost::asio;
namespace json = boost::json;
namespace fs = std::filesystem;
namespace browser = replayer::browser;
namespace cdp = replayer::cdp;
using namespace std::chrono_literals;
using asio::experimental::awaitable_operators::operator||;
using chromium_fixture::check_gone;
using chromium_fixture::leftovers;
using chromium_fixture::read_text;
using chromium_fixture::run;
using chromium_fixture::sleep_for;

const fs::path reference_dir = fs::path(REPLAYER_TEST_DATA) / ".." / "reference";

std::optional<std::string> in_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');)
    if (!dir.empty() && ::access((fs::path(dir) / program).c_str(), X_OK) == 0) return (fs::path(dir) / program).string();
  return std::nullopt;
}

// npm socket.io, installed once per run from the pinned package by the end-to-end tests' helper
// (tests/e2e/lib/npm_socketio.sh): `skip` says why the browser tests cannot run, `failure` that
// the install failed although npm's registry answers.
struct node_setup {
  std::string node;
  std::string skip;
  std::string failure;
  fs::path dir;
  ~node_setup() {
    std::error_code ec;
    if (!dir.empty()) fs::remove_all(dir, ec);
  }
};

const node_setup& node_modules() {
  static node_setup s = [] {
    node_setup n;
    if (auto chrome = browser::find_chrome_binary(""); !chrome) {
      n.skip = chrome.error();
      return n;
    }
    std::string pattern = (fs::temp_directory_path() / "replayer-panel-npm-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) {
      n.failure = "cannot make a temporary folder";
      return n;
    }
    n.dir = pattern;
    const fs::path source = reference_dir / ".." / "..";
    const std::string log = (n.dir / "install.log").string();
    const std::string command = "bash -c 'skip() { echo \"$*\"; exit 77; }; . \"$1/tests/e2e/lib/npm_socketio.sh\"; "
                                "install_socketio \"$1\" \"$2\"' install '" + source.string() + "' '" + n.dir.string() +
                                "' >'" + log + "' 2>&1";
    const int status = std::system(command.c_str());
    if (status != 0) {
      (WIFEXITED(status) && WEXITSTATUS(status) == 77 ? n.skip : n.failure) = read_text(log);
      return n;
    }
    n.node = in_path("node").value_or("node");
    ::setenv("NODE_PATH", (n.dir / "node_modules").c_str(), 1);
    return n;
  }();
  return s;
}

// Skips the test (exit 77 for its entry) when Chromium or node's packages are missing.
#define REQUIRE_BROWSER()                                                  \
  do {                                                                     \
    BOOST_TEST_REQUIRE(node_modules().failure.empty(), node_modules().failure); \
    if (!node_modules().skip.empty()) {                                    \
      BOOST_WARN_MESSAGE(false, "skipped: " << node_modules().skip);       \
      return;                                                              \
    }                                                                      \
  } while (false)

// The page's server for one test: a fresh account (cash 1, price 1.25).
struct page_server {
  fs::path out_file;
  std::optional<browser::process_guard> node;
  std::uint16_t port = 0;

  page_server() {
    out_file = fs::temp_directory_path() / ("replayer-panel-server-" + std::to_string(::getpid()) + ".out");
    auto started = browser::process_guard::spawn(
        {{node_modules().node, (reference_dir / "trading_panel" / "server.js").string(), "--port", "0"}, out_file.string(),
         (out_file.string() + ".err"), 2000ms});
    BOOST_TEST_REQUIRE(started.has_value(), (started ? "" : started.error()));
    node.emplace(std::move(*started));
    for (int i = 0; i < 200 && port == 0; ++i) {
      const std::string text = read_text(out_file);
      if (text.starts_with("listening ")) port = static_cast<std::uint16_t>(std::stoi(text.substr(10)));
      else std::this_thread::sleep_for(25ms);
    }
    BOOST_TEST_REQUIRE(port != 0, "the page server did not start: " << read_text(out_file.string() + ".err"));
  }
  ~page_server() {
    node.reset();
    std::error_code ec;
    fs::remove(out_file, ec);
    fs::remove(out_file.string() + ".err", ec);
  }
  std::string url(std::string_view query = "") const { return "http://127.0.0.1:" + std::to_string(port) + "/" + std::string(query); }
};

// Chrome on the test trading page: ready once its socket is connected and the first playerUpdate is drawn.
struct tab : chromium_fixture::page {
  asio::awaitable<std::string> open(const page_server& server, std::string_view query = "") {
    std::string url = server.url(query);
    cdp::page_rule rule{"127.0.0.1:" + std::to_string(server.port), false};
    const std::string opened = co_await page::open(std::move(url), std::move(rule));
    if (!opened.empty()) co_return opened;
    const std::string probe = "!!(window.__panel && window.__panel.state.connected && window.__panel.state.account)";
    const bool ready = co_await wait_until(probe, 5s);
    co_await sleep_for(100ms);  // once ready, the late re-render
    co_return ready ? std::string() : std::string("the page did not connect to its server");
  }
};

const cdp::locator_table& table() { return cdp::default_locator_table(); }

// Clicks a control found now; the test fails with the locator's line when it is not there.
asio::awaitable<void> press(tab& t, std::string_view name) {
  auto c = co_await browser::wait_for_control(*t.client, t.session, table(), name, 2s);
  BOOST_TEST_REQUIRE(c.has_value(), (c ? "" : c.error()));
  auto clicked = co_await browser::click_point(*t.client, t.session, c->centre);
  BOOST_TEST_REQUIRE(clicked.has_value(), (clicked ? "" : clicked.error()));
}

// Checks that the control's shown text becomes `text` within 2 s (the page re-renders late).
asio::awaitable<void> expect_text(tab& t, std::string_view name, std::string_view text) {
  std::string last;
  for (int i = 0; i < 100; ++i) {
    auto shown = co_await browser::read_display(*t.client, t.session, table(), name);
    last = shown ? *shown : shown.error();
    if (last == text) break;
    co_await sleep_for(20ms);
  }
  BOOST_TEST(last == text, name << " shows " << last);
}

std::string three_decimals(const json::value& v) {
  char number[32];
  std::snprintf(number, sizeof number, "%.3f", v.to_number<double>());
  return number;
}

// "buyOrder amount=0.030": one order as the page or the server logged it.
std::string order_text(const json::value& e) {
  const auto& o = e.as_object();
  std::string out(o.at("event").as_string());
  for (const auto& field : o.at("data").as_object()) out += " " + std::string(field.key()) + "=" + three_decimals(field.value());
  return out;
}

asio::awaitable<json::value> server_log(const page_server& server) {
  const cdp::endpoint where{"127.0.0.1", server.port, ""};
  auto body = co_await browser::http_get_json(where, "/log", 5s);
  BOOST_TEST_REQUIRE(body.has_value(), (body ? "" : body.error().what));
  co_return json::parse(*body);
}

// The script that stands in for a Chrome that never names its port: it writes its pid and sleeps.
fs::path silent_browser(const fs::path& dir) {
  const fs::path script = dir / "silent-browser.sh";
  std::ofstream(script) << "#!/bin/sh\necho $$ > '" << (dir / "pid").string() << "'\nexec /bin/sleep 30\n";
  fs::permissions(script, fs::perms::owner_all);
  return script;
}

pid_t pid_written(const fs::path& dir) {
  const std::string text = read_text(dir / "pid");
  return text.empty() ? 0 : static_cast<pid_t>(std::stol(text));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(browser_panel)

BOOST_AUTO_TEST_CASE(devtools_active_port_is_read_once_both_lines_are_there) {
  auto ok = browser::parse_devtools_active_port("38517\n/devtools/browser/5e0c-aa\n");
  BOOST_TEST_REQUIRE(ok.has_value());
  BOOST_TEST(ok->port == 38517);
  BOOST_TEST(ok->browser_path == "/devtools/browser/5e0c-aa");
  BOOST_TEST(browser::parse_devtools_active_port("38517").error() == "no second line yet");
  BOOST_TEST(browser::parse_devtools_active_port("").error() == "no second line yet");
  BOOST_TEST(browser::parse_devtools_active_port("x1\n/devtools/browser/a").error() == "the first line is not a port: \"x1\"");
  BOOST_TEST(browser::parse_devtools_active_port("70000\n/devtools/browser/a").has_error());
  BOOST_TEST(browser::parse_devtools_active_port("0\n/devtools/browser/a").has_error());
  BOOST_TEST(browser::parse_devtools_active_port("9222\n/json").error() ==
             "the second line is not /devtools/browser/...: \"/json\"");
}

BOOST_AUTO_TEST_CASE(the_command_line_is_a_list_with_the_flags_asked_for) {
  browser::chrome_options o;
  o.start_url = "https://rugs.fun/";
  auto plain = browser::chrome_argv(o, "/usr/bin/chromium", "/tmp/p x");
  const std::vector<std::string> expected{"/usr/bin/chromium", "--remote-debugging-port=0", "--user-data-dir=/tmp/p x",
                                          "--no-first-run", "--no-default-browser-check", "https://rugs.fun/"};
  BOOST_TEST(plain == expected, boost::test_tools::per_element());
  o.headless = true;
  o.extension_dir = "/home/u/phantom";
  o.window_size = "1280,900";
  auto full = browser::chrome_argv(o, "/usr/bin/chromium", "/tmp/p");
  for (const char* flag : {"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync", "--disable-quic", "--window-size=1280,900",
                           "--load-extension=/home/u/phantom"})
    BOOST_TEST((std::find(full.begin(), full.end(), flag) != full.end()), flag);
  BOOST_TEST(full.back() == "https://rugs.fun/");
}

BOOST_AUTO_TEST_CASE(the_locator_answer_is_read_and_held_to_the_table) {
  const json::value answer = json::parse(R"json({"viewport": {"width": 800, "height": 600}, "controls": [
      {"name": "buy", "found": true, "by": "text", "rule": "BUY (prefix)", "text": "BUY+0.030 SOL", "value": null,
       "x": 83.25, "y": 102, "problem": "", "rejected": [{"element": "button", "text": "BUY", "reason": "disabled"}],
       "rejected_count": 3},
      {"name": "sell", "found": false, "by": "", "rule": "", "text": "", "value": null, "x": 0, "y": 0,
       "problem": "disabled", "rejected_count": 2,
       "rejected": [{"element": "button._sell_x", "text": "SELL-0.030 SOL", "reason": "disabled"}]},
      {"name": "amount_input", "found": true, "by": "css", "rule": "input[type=\"number\"]", "text": "", "value": "0.5",
       "x": 10, "y": 20, "problem": "", "rejected": [], "rejected_count": 0}]})json");
  auto view = browser::parse_panel_view(answer, table());
  BOOST_TEST_REQUIRE(view.has_value(), (view ? "" : view.error()));
  BOOST_TEST(view->viewport_width == 800);
  BOOST_TEST_REQUIRE(view->controls.size() == 3u);
  const auto& buy = view->controls[0];
  BOOST_TEST(buy.centre.x == 83.25);
  BOOST_TEST(buy.rejected_count == 3u);
  BOOST_TEST(buy.describe() == "buy: by text BUY (prefix), \"BUY+0.030 SOL\" at (83, 102)");
  BOOST_TEST(view->controls[1].describe() ==
             "sell: disabled; set aside: button._sell_x \"SELL-0.030 SOL\" (disabled), and 1 more");
  BOOST_TEST(view->controls[2].value.value_or("(none)") == "0.5");
  BOOST_TEST(view->controls[2].describe() == "amount_input: by css input[type=\"number\"], \"\" (value \"0.5\") at (10, 20)");

  // A control the page says it found by text, with a text the table does not take.
  json::value wrong = answer;
  wrong.at("controls").at(0).at("text") = "BUYBACK";
  auto refused = browser::parse_panel_view(wrong, table());
  BOOST_TEST(refused.error() == "the page's locator answered something else: buy: the page's locator chose \"BUYBACK\", "
                                "which the table's texts do not take (locator.js and core/cdp/locator_table disagree)");
  BOOST_TEST(browser::parse_panel_view(json::value(5), table()).error() == "the page's locator answered something else: not an object");
  json::value no_centre = answer;
  no_centre.at("controls").at(1).as_object().erase("x");
  BOOST_TEST(browser::parse_panel_view(no_centre, table()).error() == "the page's locator answered something else: sell: no centre");
}

BOOST_AUTO_TEST_CASE(a_missing_binary_is_refused_with_what_was_tried) {
  auto r = browser::find_chrome_binary("/nonexistent/chrome");
  BOOST_TEST(r.error() == "the Chrome binary /nonexistent/chrome is not an executable file (give another with --chrome)");
  auto spawned = browser::process_guard::spawn({{"/nonexistent/program"}});
  BOOST_TEST(spawned.error() == "cannot start /nonexistent/program: No such file or directory");
}

BOOST_AUTO_TEST_CASE(a_chrome_that_exits_at_once_fails_with_its_status) {
  asio::io_context ioc;
  // A folder left by a replayer that was killed (its owner has exited), and one in use.
  auto gone = browser::process_guard::spawn({{"/bin/true"}});
  BOOST_TEST_REQUIRE(gone.has_value());
  while (!gone->exited()) std::this_thread::sleep_for(5ms);
  const fs::path stale = fs::temp_directory_path() / ("replayer-chrome-stale" + std::to_string(gone->pid()));
  const fs::path live = fs::temp_directory_path() / ("replayer-chrome-live" + std::to_string(::getpid()));
  for (const auto& [dir, owner] : {std::pair{stale, gone->pid()}, std::pair{live, ::getpid()}}) {
    fs::create_directories(dir / "profile");
    std::ofstream(dir / "owner") << owner << "\n";
  }
  browser::chrome_options o;
  o.binary = "/bin/false";
  std::string error;
  run(ioc, [&]() -> asio::awaitable<void> {
    auto r = co_await browser::chrome_process::launch(o);
    BOOST_TEST_REQUIRE(r.has_error());
    error = r.error();
  });
  BOOST_TEST(error.starts_with("Chrome (/bin/false) exited with status 1 before opening its DevTools port; its stderr: "), error);
  BOOST_TEST(!fs::exists(stale), "the launch left " << stale);
  BOOST_TEST(fs::exists(live), "the launch removed a folder in use, " << live);
  fs::remove_all(live);
}

BOOST_AUTO_TEST_CASE(a_real_chrome_that_cannot_start_says_why_in_its_stderr) {
  asio::io_context ioc;
  // Not headless: as root without --no-sandbox, or without a display, Chromium refuses to run.
  const bool will_refuse = ::getuid() == 0 || std::getenv("DISPLAY") == nullptr;
  if (!browser::find_chrome_binary("") || !will_refuse) {
    BOOST_WARN_MESSAGE(false, "skipped: no Chromium, or one that could start with a window here");
    return;
  }
  browser::chrome_options o;
  o.start_timeout = 10s;
  std::string error;
  run(ioc, [&]() -> asio::awaitable<void> {
    auto r = co_await browser::chrome_process::launch(o);
    BOOST_TEST_REQUIRE(r.has_error());
    error = r.error();
  });
  BOOST_TEST(error.find(" before opening its DevTools port; its stderr: ") != std::string::npos, error);
  BOOST_TEST(error.find("its stderr: (nothing)") == std::string::npos, error);
  BOOST_TEST_MESSAGE(error);
}

BOOST_AUTO_TEST_CASE(a_chrome_that_never_names_its_port_is_stopped_at_the_deadline_or_on_cancellation) {
  asio::io_context ioc;
  temp_dir dir;
  browser::chrome_options o;
  o.binary = silent_browser(dir.path).string();
  o.start_timeout = 400ms;
  std::string error;
  run(ioc, [&]() -> asio::awaitable<void> {
    auto r = co_await browser::chrome_process::launch(o);
    BOOST_TEST_REQUIRE(r.has_error());
    error = r.error();
  });
  BOOST_TEST(error.find("did not name its DevTools port within 0.4 s (no DevToolsActivePort file in ") != std::string::npos, error);
  const pid_t timed_out = pid_written(dir.path);
  BOOST_TEST_REQUIRE(timed_out > 0);
  BOOST_TEST(leftovers(timed_out, {}).empty());

  fs::remove(dir.path / "pid");
  o.start_timeout = 10s;
  bool cancelled = false;
  const auto started = std::chrono::steady_clock::now();
  run(ioc, [&]() -> asio::awaitable<void> {
    auto r = co_await (browser::chrome_process::launch(o) || sleep_for(300ms));
    cancelled = r.index() == 1;
  });
  BOOST_TEST(cancelled);
  BOOST_TEST((std::chrono::steady_clock::now() - started < 5s));
  const pid_t stopped = pid_written(dir.path);
  BOOST_TEST_REQUIRE(stopped > 0);
  BOOST_TEST(leftovers(stopped, {}).empty());
}

BOOST_AUTO_TEST_CASE(every_control_is_found_by_its_rule_and_no_decoy_is_chosen) {
  asio::io_context ioc;
  REQUIRE_BROWSER();
  page_server server;
  tab t;
  run(ioc, [&]() -> asio::awaitable<void> {
    const std::string opened = co_await t.open(server);
    BOOST_TEST_REQUIRE(opened.empty(), opened);
    std::vector<std::string> names;
    for (const auto& c : table().controls) names.push_back(c.name);
    auto view = co_await browser::locate(*t.client, t.session, table(), names);
    BOOST_TEST_REQUIRE(view.has_value(), (view ? "" : view.error()));
    const std::map<std::string, std::string> expected{
        {"buy", "text BUY (prefix)"},        {"sidebet_open", "text SIDE BETS (exact)"},
        {"amount_input", "css input[class*=\"_betInput_\"]"},
        {"clear", "text X (exact)"},         {"add_0_001", "text +0.001 (exact)"}, {"add_0_01", "text +0.01 (exact)"},
        {"add_0_1", "text +0.1 (exact)"},    {"add_1", "text +1 (exact)"},         {"half", "text 1/2 (exact)"},
        {"double", "text X2 (exact)"},       {"max", "text MAX (exact)"},          {"sell_10", "text 10% (exact)"},
        {"sell_25", "text 25% (exact)"},     {"sell_50", "text 50% (exact)"},      {"sell_100", "text 100% (exact)"},
        {"balance", "css [class*=\"_balanceValue_\"]"}, {"position", "css [class*=\"_positionValue_\"]"}};
    std::map<std::string, int> reasons;
    for (const auto& c : view->controls) {
      BOOST_TEST_MESSAGE(c.describe());
      for (const auto& r : c.rejected) reasons[r.reason.substr(0, r.reason.find(' '))]++;
      if (c.name == "sell" || c.name == "sidebet") continue;
      BOOST_TEST_REQUIRE(c.found, c.describe());
      BOOST_TEST(c.by + " " + c.rule == expected.at(c.name), c.describe());
      // What is at the chosen point belongs to the panel, not to the decoys.
      const std::string probe = "(() => { const e = document.elementFromPoint(" + std::to_string(c.centre.x) + ", " +
                                std::to_string(c.centre.y) + "); return !!(e && e.closest('#panel')); })()";
      auto inside = co_await t.evaluate(probe);
      BOOST_TEST((inside && inside->is_bool() && inside->as_bool()), c.name << " at a point outside the panel");
    }
    BOOST_TEST(view->controls[0].text == "BUY+0.000 SOL");
    // SELL is disabled with no position; SIDEBET exists only once its panel is open.
    const auto& sell = view->controls[1];
    BOOST_TEST(!sell.found);
    BOOST_TEST(sell.problem == "disabled", sell.describe());
    const auto& sidebet = view->controls[2];
    BOOST_TEST(!sidebet.found);
    BOOST_TEST(sidebet.describe().find("off-screen") != std::string::npos, sidebet.describe());
    BOOST_TEST(view->controls[3].text == "Side bets");
    BOOST_TEST(view->controls[4].value.value_or("(none)") == "0.000");
    // Figures, printed (not checked): all the controls located at once, and a trivial evaluate.
    std::vector<double> locate_ms, one_ms, evaluate_ms;
    const std::string trivial = "1 + 1";
    for (int i = 0; i < 20; ++i) {
      auto start = std::chrono::steady_clock::now();
      auto again = co_await browser::locate(*t.client, t.session, table(), names);
      locate_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
      BOOST_TEST(again.has_value());
      start = std::chrono::steady_clock::now();
      auto buy = co_await browser::locate_control(*t.client, t.session, table(), "buy");
      one_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
      BOOST_TEST(buy.has_value());
      start = std::chrono::steady_clock::now();
      auto two = co_await t.evaluate(trivial);
      evaluate_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
      BOOST_TEST((two && two->is_number()));
    }
    std::sort(locate_ms.begin(), locate_ms.end());
    std::sort(one_ms.begin(), one_ms.end());
    std::sort(evaluate_ms.begin(), evaluate_ms.end());
    BOOST_TEST_MESSAGE("locate of " << names.size() << " controls: median " << locate_ms[10] << " ms, max " << locate_ms.back()
                                    << " ms; of buy alone: median " << one_ms[10] << " ms, max " << one_ms.back()
                                    << " ms; Runtime.evaluate \"1 + 1\": median " << evaluate_ms[10] << " ms, max "
                                    << evaluate_ms.back() << " ms (20 each)");
    // Each kind of decoy was seen and set aside.
    for (const char* reason : std::array{"hidden", "zero", "off-screen", "disabled", "covered", "wraps"})
      BOOST_TEST(reasons[reason] > 0, "no candidate set aside as " << reason);
    co_await t.close();
  });
  const pid_t pid = t.pid;
  const fs::path profile = t.profile;
  t.reset();
  check_gone(pid, profile);
}

BOOST_AUTO_TEST_CASE(two_usable_matches_are_an_error_never_a_guess) {
  asio::io_context ioc;
  REQUIRE_BROWSER();
  page_server server;
  tab t;
  run(ioc, [&]() -> asio::awaitable<void> {
    const std::string opened = co_await t.open(server, "?dup=buy");
    BOOST_TEST_REQUIRE(opened.empty(), opened);
    auto buy = co_await browser::locate_control(*t.client, t.session, table(), "buy");
    BOOST_TEST_REQUIRE(buy.has_error());
    BOOST_TEST(buy.error().starts_with("buy: ambiguous: 2 usable elements match the texts; set aside:"), buy.error());
    auto missing = co_await browser::locate_control(*t.client, t.session, table(), "sidebet");
    BOOST_TEST_REQUIRE(missing.has_error());
    auto unknown = co_await browser::locate_control(*t.client, t.session, table(), "buyback");
    BOOST_TEST(unknown.error() == "buyback: not in the locator table; no candidate on the page");
    co_await t.close();
  });
  const pid_t pid = t.pid;
  const fs::path profile = t.profile;
  t.reset();
  check_gone(pid, profile);
}

BOOST_AUTO_TEST_CASE(buy_sidebet_and_sell_reach_the_server_and_its_player_updates_come_back) {
  asio::io_context ioc;
  REQUIRE_BROWSER();
  page_server server;
  tab t;
  run(ioc, [&]() -> asio::awaitable<void> {
    const std::string opened = co_await t.open(server);
    BOOST_TEST_REQUIRE(opened.empty(), opened);
    // 0.030 from the buttons: X, +0.01 three times.
    for (const char* name : std::array{"clear", "add_0_01", "add_0_01", "add_0_01"}) co_await press(t, name);
    co_await expect_text(t, "buy", "BUY+0.030 SOL");
    const auto buy_start = std::chrono::steady_clock::now();
    co_await press(t, "buy");
    const double buy_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - buy_start).count();
    co_await expect_text(t, "balance", "0.97 SOL");
    co_await expect_text(t, "position", "0.024");
    // The sidebet button appears once its panel is opened.
    co_await press(t, "sidebet_open");
    co_await press(t, "sidebet");
    co_await expect_text(t, "balance", "0.94 SOL");
    // SELL is enabled now there is a position: half of it.
    co_await press(t, "sell_50");
    co_await press(t, "sell");
    co_await expect_text(t, "position", "0.012");
    co_await expect_text(t, "balance", "0.955 SOL");
    // The amount typed into the input, read back.
    auto typed = co_await browser::set_text(*t.client, t.session, table(), "amount_input", "0.25");
    BOOST_TEST(typed.has_value(), (typed ? "" : typed.error()));
    co_await expect_text(t, "buy", "BUY+0.250 SOL");
    auto refused = co_await browser::set_text(*t.client, t.session, table(), "buy", "1");
    BOOST_TEST(refused.error() == "buy: the locator table does not allow typing into it (its \"use\" is not \"type\")");

    // The server received exactly these orders, and answered each with a playerUpdate.
    const json::value log = co_await server_log(server);
    std::string received;
    for (const json::value& e : log.at("received").as_array()) received += order_text(e) + "; ";
    BOOST_TEST(received == "buyOrder amount=0.030; sidebetOrder amount=0.030; sellOrder percentage=50.000; ");
    std::string answered;
    for (const json::value& e : log.at("sent").as_array()) answered += std::string(e.at("event").as_string()) + " ";
    BOOST_TEST(answered == "playerUpdate playerUpdate playerUpdate playerUpdate ");
    BOOST_TEST(log.at("connections").as_int64() == 1);
    // The page: every click trusted, the same three emits, the server's playerUpdates received.
    const std::string dump = "JSON.stringify(window.__panel.log)";
    auto page_log = co_await t.evaluate(dump);
    BOOST_TEST_REQUIRE((page_log && page_log->is_string()));
    const json::value entries = json::parse(page_log->as_string());
    std::string clicks, emits, updates;
    double clicked_at = -1, answered_in = -1;  // the BUY click, and its playerUpdate after it
    for (const json::value& e : entries.as_array()) {
      const auto& o = e.as_object();
      const std::string_view dir = o.at("dir").as_string();
      if (dir == "click" && o.at("control").as_string() == "buy") clicked_at = o.at("at").to_number<double>();
      if (dir == "in" && clicked_at >= 0 && answered_in < 0) answered_in = o.at("at").to_number<double>() - clicked_at;
      if (dir == "click") {
        clicks += std::string(o.at("control").as_string()) + " ";
        BOOST_TEST(o.at("trusted").as_bool(), "an untrusted click on " << o.at("control"));
      } else if (dir == "out") {
        emits += order_text(e) + "; ";
      } else if (dir == "in" && o.at("event").as_string() == "playerUpdate") {
        updates += three_decimals(o.at("data").at("positionQty")) + " ";
      }
    }
    BOOST_TEST(clicks == "clear add_0_01 add_0_01 add_0_01 buy sidebet_open sidebet sell_50 sell ");
    BOOST_TEST(emits == received);
    BOOST_TEST(answered_in >= 0);
    BOOST_TEST_MESSAGE("BUY located and clicked in " << buy_ms << " ms; in the page, click to playerUpdate " << answered_in << " ms");
    BOOST_TEST(updates == "0.000 0.024 0.024 0.012 ");  // positionQty: connect, buy, sidebet, sell
    co_await t.close();
  });
  const pid_t pid = t.pid;
  const fs::path profile = t.profile;
  t.reset();
  check_gone(pid, profile);
}

BOOST_AUTO_TEST_CASE(chrome_killed_mid_session_fails_the_next_call_readably_and_is_cleaned_up) {
  asio::io_context ioc;
  REQUIRE_BROWSER();
  page_server server;
  tab t;
  run(ioc, [&]() -> asio::awaitable<void> {
    const std::string opened = co_await t.open(server);
    BOOST_TEST_REQUIRE(opened.empty(), opened);
    ::kill(t.pid, SIGKILL);  // the browser process only: its renderers and zygote are the guard's to stop
    for (int i = 0; i < 200 && !t.chrome->exited(); ++i) co_await sleep_for(10ms);
    BOOST_TEST(t.chrome->status_text() == "killed by signal 9 (Killed)");
    auto after = co_await browser::locate_control(*t.client, t.session, table(), "buy", 2s);
    BOOST_TEST_REQUIRE(after.has_error());
    BOOST_TEST(after.error().find("Runtime.evaluate") != std::string::npos, after.error());
    BOOST_TEST_MESSAGE("after kill -9: " << after.error());
    co_await t.close();
  });
  const pid_t pid = t.pid;
  const fs::path profile = t.profile;
  t.reset();
  check_gone(pid, profile);
}

BOOST_AUTO_TEST_CASE(a_click_cancelled_midway_leaves_the_client_usable_and_nothing_behind) {
  asio::io_context ioc;
  REQUIRE_BROWSER();
  page_server server;
  tab t;
  run(ioc, [&]() -> asio::awaitable<void> {
    const std::string opened = co_await t.open(server);
    BOOST_TEST_REQUIRE(opened.empty(), opened);
    auto add = co_await browser::locate_control(*t.client, t.session, table(), "add_1");
    BOOST_TEST_REQUIRE(add.has_value());
    // The click is cancelled while its events are in flight (the timer wins at once).
    auto raced = co_await (browser::click_point(*t.client, t.session, add->centre) || sleep_for(0ms));
    BOOST_TEST(raced.index() == 1u);
    // The connection is still good: the next locate and click work.
    co_await press(t, "add_0_1");
    const std::string probe = "window.__panel.state.millis";
    auto amount = co_await t.evaluate(probe);
    BOOST_TEST_REQUIRE((amount && amount->is_number()));
    const auto millis = amount->to_number<double>();
    BOOST_TEST((millis == 100 || millis == 1100), "amount " << millis << " after a cancelled +1 and a +0.1");
    co_await t.close();
  });
  const pid_t pid = t.pid;
  const fs::path profile = t.profile;
  t.reset();
  check_gone(pid, profile);

  // The session cancelled as a whole right after attaching, while it waits for the page: the
  // guard cleans up all the same.
  tab u;
  run(ioc, [&]() -> asio::awaitable<void> {
    auto attached = [&]() -> asio::awaitable<void> {
      while (u.session.session_id.empty()) co_await sleep_for(5ms);
    };
    co_await (u.open(server) || attached());
  });
  const pid_t pid2 = u.pid;
  const fs::path profile2 = u.profile;
  BOOST_TEST_REQUIRE(pid2 > 0);
  if (u.client && u.running) {
    run(ioc, [&]() -> asio::awaitable<void> { co_await u.close(); });
  }
  u.reset();
  check_gone(pid2, profile2);
}

BOOST_AUTO_TEST_SUITE_END()
