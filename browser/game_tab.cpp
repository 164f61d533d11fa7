#include "browser/game_tab.hpp"

#include "core/concat.hpp"
#include "net/asio_aliases.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>

namespace replayer::browser {
namespace {

namespace asio = boost::asio;
using out = boost::system::result<game_tab, std::string>;

out fail(std::string what) { return out(boost::system::in_place_error, std::move(what)); }

}  // namespace

asio::awaitable<out> open_game_tab(const game_tab_options& o) {
  game_tab tab;
  std::string url = o.cdp_url;
  if (url.empty()) {
    auto chrome = co_await chrome_process::launch(o.launch);
    if (!chrome) co_return fail(concat({"launching Chrome: ", chrome.error()}));
    tab.chrome = std::move(*chrome);
    url = concat({"http://", tab.chrome->http_endpoint()});
  }
  auto where = cdp::parse_cdp_url(url, o.allow_remote);
  if (!where) co_return fail(where.error());
  tab.endpoint = *where;
  auto version = co_await discover_browser(*where, o.allow_remote, o.timeout);
  if (!version) co_return fail(version.error().what);
  tab.browser = version->browser;
  auto client = co_await cdp_client::connect(version->websocket_url, o.timeout);
  if (!client) co_return fail(client.error().what);
  tab.client = std::move(*client);
  co_return tab;
}

asio::awaitable<boost::system::result<void, std::string>> attach_game_page(game_tab& tab, const game_tab_options& o) {
  const auto deadline = std::chrono::steady_clock::now() + o.timeout;
  asio::steady_timer pause(co_await asio::this_coro::executor);
  for (;;) {
    auto page = co_await attach_page(*tab.client, tab.endpoint, o.page, o.timeout);
    if (page) {
      tab.page = std::move(*page);
      co_return boost::system::result<void, std::string>();
    }
    if (page.error().peer_gone || std::chrono::steady_clock::now() >= deadline)
      co_return boost::system::result<void, std::string>(boost::system::in_place_error, page.error().what);
    pause.expires_after(std::chrono::milliseconds(100));
    auto [ec] = co_await pause.async_wait(net::as_result);
    if (ec) co_return boost::system::result<void, std::string>(boost::system::in_place_error, std::string("cancelled"));
  }
}

asio::awaitable<void> close_game_tab(game_tab& tab) {
  if (tab.client && tab.client->open()) {
    if (!tab.page.session_id.empty()) co_await detach_page(*tab.client, tab.page);
    co_await tab.client->close();
  }
}

}  // namespace replayer::browser
