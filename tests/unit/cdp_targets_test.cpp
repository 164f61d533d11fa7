// Chrome's DevTools endpoint and targets (core/cdp/targets.hpp): --cdp URLs (loopback only
// unless allowed), /json/version and /json/list as Chrome writes them, and the choice of the
// game's page: a page whose URL matches, never the first target nor another type.
#include "core/cdp/targets.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>
#include <vector>

using namespace replayer::cdp;

namespace {

bool has(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// /json/list as headless Chromium answers it: its own popup page first.
constexpr std::string_view headless_list = R"json([ {
   "description": "",
   "devtoolsFrontendUrl": "/devtools/inspector.html?ws=127.0.0.1:9222/devtools/page/AA11",
   "id": "AA11",
   "title": "Omnibox Popup",
   "type": "page",
   "url": "chrome://omnibox-popup.top-chrome/",
   "webSocketDebuggerUrl": "ws://127.0.0.1:9222/devtools/page/AA11"
}, {
   "description": "",
   "id": "BB22",
   "title": "Service Worker https://rugs.fun/sw.js",
   "type": "service_worker",
   "url": "https://rugs.fun/sw.js",
   "webSocketDebuggerUrl": "ws://127.0.0.1:9222/devtools/page/BB22"
}, {
   "description": "",
   "id": "CC33",
   "title": "rugs.fun",
   "type": "page",
   "url": "https://rugs.fun/?ref=x",
   "webSocketDebuggerUrl": "ws://127.0.0.1:9222/devtools/page/CC33"
}, {
   "id": "DD44",
   "title": "rugs.fun (another tab, attached elsewhere)",
   "type": "page",
   "url": "https://rugs.fun/leaderboard"
} ])json";

}  // namespace

BOOST_AUTO_TEST_SUITE(cdp_targets)

BOOST_AUTO_TEST_CASE(loopback_urls_are_accepted_http_and_ws) {
  auto http = parse_cdp_url(default_cdp_url, false);
  BOOST_TEST_REQUIRE(http.has_value());
  BOOST_TEST(http->host == "127.0.0.1");
  BOOST_TEST(http->port == 9222);
  BOOST_TEST(http->websocket_path.empty());
  BOOST_TEST(http->url() == "http://127.0.0.1:9222");
  BOOST_TEST(parse_cdp_url("http://127.0.0.1:9222/", false)->url() == "http://127.0.0.1:9222");

  auto ws = parse_cdp_url("ws://localhost:9333/devtools/browser/5d9d0c0e", false);
  BOOST_TEST_REQUIRE(ws.has_value());
  BOOST_TEST(ws->authority() == "localhost:9333");
  BOOST_TEST(ws->websocket_path == "/devtools/browser/5d9d0c0e");
  BOOST_TEST(ws->url() == "ws://localhost:9333/devtools/browser/5d9d0c0e");

  auto v6 = parse_cdp_url("http://[::1]:9222", false);
  BOOST_TEST_REQUIRE(v6.has_value());
  BOOST_TEST(v6->authority() == "[::1]:9222");
}

BOOST_AUTO_TEST_CASE(a_remote_endpoint_is_refused_unless_allowed) {
  for (std::string_view url : {"http://192.168.1.20:9222", "ws://chrome.example.org:9222/devtools/browser/x",
                               "http://10.0.0.1:9222", "http://127.0.0.2:9222"}) {
    auto refused = parse_cdp_url(url, false);
    BOOST_TEST_REQUIRE(!refused.has_value(), url);
    BOOST_TEST(refused.error().starts_with("--cdp '" + std::string(url) + "': "), refused.error());
    BOOST_TEST(has(refused.error(), "is not a loopback host"), refused.error());
    BOOST_TEST(has(refused.error(), "no authentication"), refused.error());
    BOOST_TEST(parse_cdp_url(url, true).has_value(), url);
  }
}

BOOST_AUTO_TEST_CASE(urls_chrome_does_not_serve_are_refused_with_what_to_give) {
  struct bad {
    std::string_view url;
    std::string_view says;
  };
  const bad cases[] = {
      {"https://127.0.0.1:9222", "plain http:// or ws://"},
      {"wss://127.0.0.1:9222/devtools/browser/x", "plain http:// or ws://"},
      {"http://127.0.0.1:9222/json/version", "give http://HOST:PORT only"},
      {"ws://127.0.0.1:9222/", "ws://HOST:PORT/devtools/browser/<id>"},
      {"127.0.0.1:9222", "expected ws://, wss://, http:// or https://"},
      {"http://127.0.0.1:0", "the port must be a number from 1 to 65535"},
      {"http://:9222", "no host"},
  };
  for (const auto& c : cases) {
    auto r = parse_cdp_url(c.url, false);
    BOOST_TEST_REQUIRE(!r.has_value(), c.url);
    BOOST_TEST(has(r.error(), c.says), r.error());
    BOOST_TEST(r.error().starts_with("--cdp '"), r.error());
  }
  BOOST_TEST(parse_cdp_url("ftp://x", false, "--browser-url").error().starts_with("--browser-url 'ftp://x': "));
}

BOOST_AUTO_TEST_CASE(json_version_gives_the_browser_and_its_websocket) {
  const auto v = parse_version(R"json({
   "Browser": "HeadlessChrome/120.0.6099.224",
   "Protocol-Version": "1.3",
   "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.224 Safari/537.36",
   "V8-Version": "12.0.267.17",
   "WebKit-Version": "537.36 (@c7b5e5a3a8f1)",
   "webSocketDebuggerUrl": "ws://127.0.0.1:9222/devtools/browser/5d9d0c0e-4f3b"
})json", "http://127.0.0.1:9222/json/version");
  BOOST_TEST_REQUIRE(v.has_value());
  BOOST_TEST(v->browser == "HeadlessChrome/120.0.6099.224");
  BOOST_TEST(v->protocol_version == "1.3");
  BOOST_TEST(v->websocket_url == "ws://127.0.0.1:9222/devtools/browser/5d9d0c0e-4f3b");

  const std::string where = "http://127.0.0.1:9222/json/version";
  BOOST_TEST(has(parse_version(R"({"Browser":"x"})", where).error(), "no 'webSocketDebuggerUrl'"));
  BOOST_TEST(parse_version(R"({"Browser":"x"})", where).error().starts_with(where + ": "));
  BOOST_TEST(has(parse_version("<html>", where).error(), "not JSON"));
  BOOST_TEST(has(parse_version("[]", where).error(), "an array, not an object"));
  BOOST_TEST(has(parse_version(R"({"Browser":1,"webSocketDebuggerUrl":"ws://a"})", where).error(), "not a string"));
}

BOOST_AUTO_TEST_CASE(json_list_is_read_entry_by_entry) {
  const auto list = parse_target_list(headless_list, "http://127.0.0.1:9222/json/list");
  BOOST_TEST_REQUIRE(list.has_value());
  BOOST_TEST_REQUIRE(list->size() == 4u);
  BOOST_TEST((*list)[0].title == "Omnibox Popup");
  BOOST_TEST((*list)[1].type == "service_worker");
  BOOST_TEST((*list)[2].websocket_url == "ws://127.0.0.1:9222/devtools/page/CC33");
  BOOST_TEST((*list)[3].websocket_url.empty());
  BOOST_TEST(parse_target_list("[]", "x")->empty());

  const std::string where = "http://127.0.0.1:9222/json/list";
  BOOST_TEST(has(parse_target_list("{}", where).error(), "an object, not an array of targets"));
  BOOST_TEST(has(parse_target_list("[1]", where).error(), "target 0 is an integer, not an object"));
  BOOST_TEST(has(parse_target_list(R"([{"type":"page","url":"x"}])", where).error(), "target 0 has no id, type or url"));
  BOOST_TEST(has(parse_target_list(R"([{"id":"a","type":"page"}])", where).error(), "has no id, type or url"));
  BOOST_TEST(has(parse_target_list(R"([{"id":"a","type":"page","url":"u"},{"id":5}])", where).error(),
                 "target 1: id, type, url, title and webSocketDebuggerUrl must be strings"));
}

BOOST_AUTO_TEST_CASE(the_game_page_is_picked_never_the_first_target_nor_another_type) {
  const auto list = *parse_target_list(headless_list, "x");
  const auto page = pick_page(list, page_rule{});
  BOOST_TEST_REQUIRE(page.has_value());
  BOOST_TEST(page->id == "CC33");  // not the popup (first), not the service worker (same site)

  const page_rule leaderboard{"https://rugs.fun/leaderboard", true};
  const auto by_prefix = pick_page(list, leaderboard);
  BOOST_TEST_REQUIRE(by_prefix.has_value());
  BOOST_TEST(by_prefix->id == "DD44");
  // A prefix rule is a prefix: the URL must start with it.
  const page_rule bare_prefix{"rugs.fun", true};
  BOOST_TEST(!pick_page(list, bare_prefix).has_value());
  BOOST_TEST(bare_prefix.describe() == "a page whose URL starts with 'rugs.fun'");
  BOOST_TEST(!page_rule{}.matches(list[1]));  // the service worker matches the text, not the type
}

BOOST_AUTO_TEST_CASE(no_match_lists_what_was_there) {
  const auto list = *parse_target_list(headless_list, "x");
  const auto none = pick_page(list, page_rule{"example.org"});
  BOOST_TEST_REQUIRE(!none.has_value());
  const auto& why = none.error();
  BOOST_TEST(has(why, "none of the 4 targets is a page whose URL contains 'example.org':"), why);
  BOOST_TEST(has(why, "page chrome://omnibox-popup.top-chrome/ (Omnibox Popup)"), why);
  BOOST_TEST(has(why, "service_worker https://rugs.fun/sw.js"), why);
  BOOST_TEST(has(why, "open the game in a tab of that Chrome"), why);

  const auto empty = pick_page({}, page_rule{});
  BOOST_TEST(has(empty.error(), "none of the 0 targets is a page whose URL contains 'rugs.fun'\n"), empty.error());

  std::vector<target_info> many(25, target_info{"id", "page", "about:blank", "New Tab", ""});
  const auto long_list = pick_page(many, page_rule{});
  BOOST_TEST(has(long_list.error(), "and 5 more"), long_list.error());
}

BOOST_AUTO_TEST_SUITE_END()
