#pragma once
// Where Chrome's DevTools endpoint is and which of its targets is the game's tab.
//   - `--cdp URL`: http://127.0.0.1:9222 (discovery over /json/version and /json/list) or
//     ws://127.0.0.1:9222/devtools/browser/<id> (the browser's WebSocket directly). Loopback
//     hosts only (127.0.0.1, ::1, localhost) unless allow_remote: the endpoint has no
//     authentication, whoever reaches it controls the browser.
//   - /json/version: {"Browser": "HeadlessChrome/120...", "webSocketDebuggerUrl": "ws://..."}.
//   - /json/list: [{"id", "type", "url", "title", "webSocketDebuggerUrl"}, ...].
//   - The page: a target of type "page" whose URL matches the caller's rule, never the first
//     target blindly (headless Chromium lists its own pages, such as "Omnibox Popup").
#include <boost/system/result.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace replayer::cdp {

inline constexpr std::string_view default_cdp_url = "http://127.0.0.1:9222";

struct endpoint {
  std::string host;          // as written: "127.0.0.1", "localhost", "[::1]"
  std::uint16_t port = 0;
  std::string websocket_path;  // set for a ws:// URL ("/devtools/browser/<id>"); "" for http://

  /// "host:port": the Host header (Chrome accepts only an IP address or localhost there).
  std::string authority() const { return host + ":" + std::to_string(port); }
  /// "ws://host:port/path" for a ws:// endpoint, "http://host:port" otherwise.
  std::string url() const;
};

/// Parses a --cdp URL (`flag` names it in messages). The reason says what is wrong and what to do.
boost::system::result<endpoint, std::string> parse_cdp_url(std::string_view url, bool allow_remote,
                                                           std::string_view flag = "--cdp");

struct browser_version {
  std::string browser;           // "HeadlessChrome/120.0.6099.224"
  std::string protocol_version;  // "1.3"
  std::string websocket_url;     // the browser target's WebSocket
};

/// The body of GET /json/version; `where` (the URL) starts the messages.
boost::system::result<browser_version, std::string> parse_version(std::string_view json, std::string_view where);

struct target_info {
  std::string id;
  std::string type;  // "page", "iframe", "service_worker", "browser", "other", ...
  std::string url;
  std::string title;
  std::string websocket_url;  // "" when another client is attached to it
};

/// The body of GET /json/list; `where` (the URL) starts the messages. Entries without an id,
/// type or url are refused (the list is Chrome's; anything else is not it).
boost::system::result<std::vector<target_info>, std::string> parse_target_list(std::string_view json,
                                                                               std::string_view where);

/// Which page is the game's: its URL contains `text`, or (prefix) starts with it.
struct page_rule {
  std::string text = "rugs.fun";
  bool prefix = false;

  /// "a page whose URL contains 'rugs.fun'", for messages.
  std::string describe() const;
  bool matches(const target_info& t) const;
};

/// The first target of type "page" that matches `rule`. Otherwise the reason lists every target
/// there was (type, URL, title) and says how to open the game's tab.
boost::system::result<target_info, std::string> pick_page(const std::vector<target_info>& targets,
                                                          const page_rule& rule);

}  // namespace replayer::cdp
