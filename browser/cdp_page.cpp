// The page session: the browser's WebSocket from /json/version, the game's tab from /json/list,
// and a flattened session on it through Target.attachToTarget; detaching leaves the tab open.
#include "browser/cdp_client.hpp"

// GCC 12 sees Asio's aligned_delete inlined into coroutine frames and reports the free() of
// memory it believes came from operator new (a false positive on coroutine frames).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif


#include "core/concat.hpp"

namespace replayer::browser {

namespace {

template <class T>
using result = boost::system::result<T, cdp_failure>;

template <class T>
result<T> fail(std::string what, bool peer_gone = false) {
  return result<T>(boost::system::in_place_error, cdp_failure{std::move(what), false, peer_gone, {}});
}

}  // namespace

boost::asio::awaitable<result<cdp::browser_version>> discover_browser(const cdp::endpoint& where, bool allow_remote,
                                                                      std::chrono::milliseconds timeout) {
  if (!where.websocket_path.empty()) {
    cdp::browser_version direct;
    direct.websocket_url = where.url();
    co_return direct;
  }
  const std::string url = concat({where.url(), "/json/version"});
  auto body = co_await http_get_json(where, "/json/version", timeout);
  if (!body) co_return result<cdp::browser_version>(boost::system::in_place_error, std::move(body.error()));
  auto version = cdp::parse_version(*body, url);
  if (!version) co_return fail<cdp::browser_version>(version.error());
  // Chrome names its WebSocket by the Host it was asked with; a different host must pass the rule too.
  auto socket = cdp::parse_cdp_url(version->websocket_url, allow_remote, concat({url, ": webSocketDebuggerUrl"}));
  if (!socket) co_return fail<cdp::browser_version>(socket.error());
  co_return std::move(*version);
}

boost::asio::awaitable<result<page_session>> attach_page(cdp_client& client, const cdp::endpoint& where,
                                                         const cdp::page_rule& rule,
                                                         std::chrono::milliseconds timeout) {
  cdp::endpoint http = where;
  http.websocket_path.clear();
  const std::string url = concat({http.url(), "/json/list"});
  auto body = co_await http_get_json(http, "/json/list", timeout);
  if (!body) co_return result<page_session>(boost::system::in_place_error, std::move(body.error()));
  auto targets = cdp::parse_target_list(*body, url);
  if (!targets) co_return fail<page_session>(targets.error());
  auto page = cdp::pick_page(*targets, rule);
  if (!page) co_return fail<page_session>(concat({url, ": ", page.error()}));
  // The params are built before the co_await: GCC 12 cannot keep an initializer list's array
  // alive across one ("array used as initializer").
  boost::json::object params{{"targetId", page->id}, {"flatten", true}};
  auto attached = co_await client.call("Target.attachToTarget", std::move(params), {}, timeout);
  if (!attached) {
    attached.error().what = concat({"attaching to the page ", page->url, ": ", attached.error().what});
    co_return result<page_session>(boost::system::in_place_error, std::move(attached.error()));
  }
  const auto* session = attached->is_object() ? attached->get_object().if_contains("sessionId") : nullptr;
  if (!session || !session->is_string() || session->get_string().empty())
    co_return fail<page_session>(concat({"attaching to the page ", page->url,
                                         ": Target.attachToTarget answered without a sessionId"}));
  co_return page_session{std::move(*page), std::string(session->get_string())};
}

boost::asio::awaitable<cdp_result> detach_page(cdp_client& client, const page_session& session,
                                               std::chrono::milliseconds timeout) {
  boost::json::object params{{"sessionId", session.session_id}};
  co_return co_await client.call("Target.detachFromTarget", std::move(params), {}, timeout);
}

}  // namespace replayer::browser
