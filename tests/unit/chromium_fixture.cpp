#include "chromium_fixture.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>
#include <thread>

namespace chromium_fixture {

namespace asio = boost::asio;
namespace json = boost::json;
namespace browser = replayer::browser;

namespace {

// Standard base64 (Chrome's screenshots); stops at the first character outside the alphabet.
std::string base64_decode(std::string_view text) {
  static constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (char c : text) {
    const auto at = alphabet.find(c);
    if (at == std::string_view::npos) break;
    bits = (bits << 6) | static_cast<unsigned>(at);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xff);
    }
  }
  return out;
}

}  // namespace


std::string chromium_missing() {
  auto chrome = browser::find_chrome_binary("");
  return chrome ? std::string() : chrome.error();
}

void run(asio::io_context& ioc, std::function<asio::awaitable<void>()> body, std::chrono::seconds limit) {
  ioc.restart();
  bool done = false;
  std::exception_ptr error;
  asio::co_spawn(ioc, body(), [&](std::exception_ptr e) {
    done = true;
    error = e;
    ioc.stop();  // a CDP client's run() left going after a failed check ends with the io_context
  });
  ioc.run_for(limit);
  BOOST_TEST_REQUIRE(done, "the test did not finish within " << limit.count() << " s");
  if (error) std::rethrow_exception(error);
}

asio::awaitable<void> sleep_for(std::chrono::milliseconds d) {
  asio::steady_timer t(co_await asio::this_coro::executor, d);
  co_await t.async_wait(asio::as_tuple(asio::use_awaitable));
}

std::vector<std::string> leftovers(pid_t pid, const fs::path& folder) {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const std::string stat = read_text(entry.path() / "stat");
    const auto close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(stat.substr(close + 2));
    std::string state;
    long ppid = 0, pgrp = 0;
    rest >> state >> ppid >> pgrp;
    std::string cmdline = read_text(entry.path() / "cmdline");
    const bool ours = std::stol(name) == pid || pgrp == pid ||
                      (!folder.empty() && cmdline.find(folder.string()) != std::string::npos);
    if (ours) found.push_back(name + " (" + state + "): " + cmdline.substr(0, 120));
  }
  return found;
}

void reset_and_check_gone(page& p) {
  const pid_t pid = p.pid;
  const fs::path profile = p.profile;
  p.reset();
  check_gone(pid, profile);
}

void check_gone(pid_t pid, const fs::path& profile) {
  std::vector<std::string> left;
  for (int i = 0; i < 100; ++i) {  // orphaned children are reaped by init, soon
    left = leftovers(pid, profile.parent_path());
    if (left.empty()) break;
    std::this_thread::sleep_for(20ms);
  }
  std::string listed;
  for (const auto& l : left) listed += "\n  " + l;
  BOOST_TEST(left.empty(), "Chrome processes left behind:" << listed);
  BOOST_TEST(!fs::exists(profile), profile << " is still there");
  BOOST_TEST(!fs::exists(profile.parent_path()), profile.parent_path() << " is still there");
}

asio::awaitable<std::string> page::open(std::string url, replayer::cdp::page_rule rule, std::string_view window_size) {
  browser::chrome_options o;
  o.headless = true;
  o.window_size = std::string(window_size);
  o.start_url = std::move(url);
  auto launched = co_await browser::chrome_process::launch(o);
  if (!launched) co_return "launch: " + launched.error();
  chrome = std::move(*launched);
  pid = chrome->pid();
  profile = chrome->profile_dir();
  auto connected = co_await browser::cdp_client::connect(chrome->browser_ws_url(), 5s);
  if (!connected) co_return "connect: " + connected.error().what;
  client = std::move(*connected);
  running = true;
  asio::co_spawn(co_await asio::this_coro::executor, client->run(), [this](std::exception_ptr) { running = false; });
  const replayer::cdp::endpoint where{"127.0.0.1", chrome->port(), ""};
  auto attached = co_await browser::attach_page(*client, where, rule);
  if (!attached) co_return "attach: " + attached.error().what;
  session = std::move(*attached);
  co_return std::string();
}

asio::awaitable<boost::system::result<json::value, std::string>> page::evaluate(std::string expression) {
  using result = boost::system::result<json::value, std::string>;
  json::object params;
  params["expression"] = std::move(expression);
  params["returnByValue"] = true;
  auto r = co_await client->call("Runtime.evaluate", std::move(params), session.session_id);
  if (!r) co_return result(boost::system::in_place_error, r.error().what);
  const json::object& answer = r->as_object();
  if (const json::value* thrown = answer.if_contains("exceptionDetails"))
    co_return result(boost::system::in_place_error, "the expression threw: " + json::serialize(*thrown));
  const json::value* value = answer.at("result").as_object().if_contains("value");
  co_return value ? *value : json::value();
}

asio::awaitable<bool> page::wait_until(std::string expression, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (true) {
    auto answer = co_await evaluate(expression);
    if (answer && answer->is_bool() && answer->as_bool()) co_return true;
    if (std::chrono::steady_clock::now() >= deadline) co_return false;
    co_await sleep_for(25ms);
  }
}

asio::awaitable<std::string> page::screenshot(const fs::path& file, json::object clip) {
  json::object params;
  params["format"] = "png";
  if (!clip.empty()) {
    clip["scale"] = 1;
    params["clip"] = std::move(clip);
    params["captureBeyondViewport"] = true;
  }
  auto r = co_await client->call("Page.captureScreenshot", std::move(params), session.session_id, 30s);
  if (!r) co_return "Page.captureScreenshot: " + r.error().what;
  const json::value* data = r->as_object().if_contains("data");
  if (!data || !data->is_string()) co_return "Page.captureScreenshot answered no data";
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << base64_decode(data->as_string());
  co_return fs::file_size(file) > 0 ? std::string() : "nothing was written to " + file.string();
}

asio::awaitable<void> page::close() {
  if (client && running) co_await client->close();
  for (int i = 0; i < 200 && running; ++i) co_await sleep_for(10ms);
  BOOST_TEST(!running);
}

void page::reset() {
  client.reset();
  chrome.reset();
}

}  // namespace chromium_fixture
