#include "browser/fake_cdp_endpoint.hpp"

// GCC 12 sees Asio's aligned_delete inlined into coroutine frames and reports the free() of
// memory it believes came from operator new (a false positive on coroutine frames).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include "core/concat.hpp"
#include "net/asio_aliases.hpp"
#include "net/cancellation.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <utility>

namespace replayer::browser {

using namespace replayer::net;
using namespace asio::experimental::awaitable_operators;
namespace http = beast::http;

namespace {

constexpr std::string_view browser_id = "5d9d0c0e-4f3b-4a43-9f0c-7a6f1e2d3c4b";

bool stopped(const asio::cancellation_state& s) { return s.cancelled() != asio::cancellation_type::none; }

std::string event_text(const fake_cdp_event& e) {
  boost::json::object o{{"method", e.method}, {"params", e.params}};
  if (!e.session_id.empty()) o["sessionId"] = e.session_id;
  return boost::json::serialize(o);
}

}  // namespace

struct fake_cdp_endpoint::state {
  fake_cdp_options options;
  tcp::acceptor acceptor;
  std::vector<fake_cdp_call> calls;
  std::size_t http_requests = 0, websocket_sessions = 0, refused = 0;
  // An upgrade request handed from the acceptor to the WebSocket loop.
  struct handoff {
    beast::tcp_stream stream;
    http::request<http::string_body> request;
  };
  std::optional<handoff> next_session;
  bool session_active = false;
  asio::steady_timer session_wakeup;

  // The open session's messages to send, by when (then by order of scheduling).
  std::map<std::pair<clock::time_point, std::uint64_t>, std::string> outgoing;
  std::uint64_t scheduled = 0;
  asio::steady_timer outgoing_wakeup;

  state(asio::any_io_executor executor, fake_cdp_options o)
      : options(std::move(o)), acceptor(executor), session_wakeup(executor), outgoing_wakeup(executor) {
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(tcp::acceptor::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen();
  }

  std::string authority() const { return concat({"127.0.0.1:", std::to_string(acceptor.local_endpoint().port())}); }

  std::vector<cdp::target_info> targets() const {
    if (!options.targets.empty()) return options.targets;
    const std::string ws = concat({"ws://", authority(), "/devtools/page/"});
    return {
        {"1A2B3C4D5E6F70819293A4B5C6D7E8F9", "page", "chrome://omnibox-popup.top-chrome/", "Omnibox Popup",
         ws + "1A2B3C4D5E6F70819293A4B5C6D7E8F9"},
        {"0F1E2D3C4B5A69788796A5B4C3D2E1F0", "service_worker", "https://rugs.fun/sw.js", "Service Worker",
         ws + "0F1E2D3C4B5A69788796A5B4C3D2E1F0"},
        {options.page_id, "page", options.page_url, "rugs.fun", ws + options.page_id},
    };
  }

  std::string version_json() const {
    return boost::json::serialize(boost::json::object{
        {"Browser", options.browser},
        {"Protocol-Version", "1.3"},
        {"User-Agent", "Mozilla/5.0 (X11; Linux x86_64) " + options.browser},
        {"webSocketDebuggerUrl", concat({"ws://", options.advertised_host, ":", std::to_string(acceptor.local_endpoint().port()),
                                         "/devtools/browser/", browser_id})},
    });
  }

  std::string list_json() const {
    boost::json::array list;
    for (const auto& t : targets()) {
      boost::json::object o{{"description", ""}, {"id", t.id}, {"title", t.title}, {"type", t.type}, {"url", t.url}};
      if (!t.websocket_url.empty()) o["webSocketDebuggerUrl"] = t.websocket_url;
      list.push_back(std::move(o));
    }
    return boost::json::serialize(list);
  }

  void schedule(clock::time_point at, std::string text) {
    outgoing.emplace(std::make_pair(at, ++scheduled), std::move(text));
    outgoing_wakeup.cancel();
  }

  // What the script says for one call.
  void answer(const fake_cdp_call& c) {
    static const fake_cdp_script unscripted;
    const auto it = options.methods.find(c.method);
    const fake_cdp_script& script = it != options.methods.end() ? it->second : unscripted;
    const auto now = clock::now();
    for (const auto& e : script.events_before) schedule(now, event_text(e));
    if (script.never_reply) return;
    boost::json::object reply{{"id", c.id}};
    if (it == options.methods.end() && c.method == "Target.attachToTarget") {
      const auto* target = c.params.if_contains("targetId");
      reply["result"] = boost::json::object{
          {"sessionId", concat({"SESSION-", target && target->is_string() ? std::string_view(target->get_string()) : "?"})}};
    } else if (it == options.methods.end() && c.method != "Target.detachFromTarget") {
      reply["error"] = boost::json::object{{"code", -32601}, {"message", concat({"'", c.method, "' wasn't found"})}};
    } else if (script.error) {
      boost::json::object error{{"code", script.error->code}, {"message", script.error->message}};
      if (!script.error->data.empty()) error["data"] = script.error->data;
      reply["error"] = std::move(error);
    } else {
      reply["result"] = script.result;
    }
    if (!c.session_id.empty()) reply["sessionId"] = c.session_id;
    const auto due = now + script.delay;
    schedule(due, boost::json::serialize(reply));
    for (const auto& e : script.events_after) schedule(due, event_text(e));
    for (const auto& raw : script.raw_after) schedule(due, raw);
  }

  // One text message from the client: a call is recorded and answered; the Nth call kills the link.
  bool receive(std::string_view text, websocket::stream<beast::tcp_stream>& ws) {
    boost::system::error_code ec;
    auto value = boost::json::parse(boost::json::string_view(text.data(), text.size()), ec);
    const auto* o = !ec ? value.if_object() : nullptr;
    const auto* id = o ? o->if_contains("id") : nullptr;
    const auto* method = o ? o->if_contains("method") : nullptr;
    if (!id || !id->is_int64() || !method || !method->is_string()) {
      ++refused;
      return true;
    }
    fake_cdp_call c{static_cast<std::uint64_t>(id->get_int64()), std::string(method->get_string()), {}, {}};
    if (const auto* p = o->if_contains("params"); p && p->is_object()) c.params = p->get_object();
    if (const auto* s = o->if_contains("sessionId"); s && s->is_string()) c.session_id = s->get_string();
    calls.push_back(c);
    if (options.die_at_call > 0 && calls.size() == options.die_at_call) {
      beast::error_code ignored;
      beast::get_lowest_layer(ws).socket().close(ignored);  // abrupt: no reply, no close frame
      return false;
    }
    answer(c);
    return true;
  }

  asio::awaitable<void> session_read(websocket::stream<beast::tcp_stream>& ws) {
    co_await asio::this_coro::throw_if_cancelled(false);
    beast::flat_buffer buffer;
    while (!stopped(co_await asio::this_coro::cancellation_state)) {
      auto [ec, bytes] = co_await ws.async_read(buffer, as_result);
      if (ec) co_return;
      const std::string text = beast::buffers_to_string(buffer.data());
      buffer.consume(buffer.size());
      if (!receive(text, ws)) co_return;
    }
  }

  asio::awaitable<void> session_write(websocket::stream<beast::tcp_stream>& ws) {
    co_await asio::this_coro::throw_if_cancelled(false);
    while (!stopped(co_await asio::this_coro::cancellation_state)) {
      outgoing_wakeup.expires_at(outgoing.empty() ? clock::time_point::max() : outgoing.begin()->first.first);
      co_await outgoing_wakeup.async_wait(as_result);
      while (!outgoing.empty() && outgoing.begin()->first.first <= clock::now()) {
        const std::string text = std::move(outgoing.begin()->second);
        outgoing.erase(outgoing.begin());
        auto [ec, written] = co_await ws.async_write(asio::buffer(text), as_result);
        if (ec) co_return;
      }
    }
  }

  asio::awaitable<void> accept_loop() {
    co_await asio::this_coro::throw_if_cancelled(false);
    co_await asio::this_coro::reset_cancellation_state(asio::enable_total_cancellation(), stop_as_terminal);
    while (!stopped(co_await asio::this_coro::cancellation_state)) {
      auto [ec, socket] = co_await acceptor.async_accept(as_result);
      if (ec || stopped(co_await asio::this_coro::cancellation_state)) co_return;
      beast::tcp_stream stream(std::move(socket));
      stream.expires_after(std::chrono::seconds(2));
      beast::flat_buffer buffer;
      http::request<http::string_body> request;
      auto [read_error, read] = co_await http::async_read(stream, buffer, request, as_result);
      if (read_error) continue;
      ++http_requests;
      const std::string_view target(request.target().data(), request.target().size());
      if (websocket::is_upgrade(request) && target.starts_with("/devtools/") && !session_active && !next_session) {
        next_session.emplace(handoff{std::move(stream), std::move(request)});
        session_wakeup.cancel();
        continue;
      }
      http::response<http::string_body> response(http::status::ok, request.version());
      response.set(http::field::content_type, "application/json; charset=UTF-8");
      if (target == "/json/version") response.body() = version_json();
      else if (target == "/json/list" || target == "/json") response.body() = list_json();
      else {
        response.result(http::status::not_found);
        response.body() = concat({"Unknown command: ", target});
      }
      response.prepare_payload();
      co_await http::async_write(stream, response, as_result);
      beast::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    }
  }

  asio::awaitable<void> websocket_loop() {
    co_await asio::this_coro::throw_if_cancelled(false);
    co_await asio::this_coro::reset_cancellation_state(asio::enable_total_cancellation(), stop_as_terminal);
    // A stop is checked before every wait as well as after: one that came while a session was
    // being served was heard by that session's operations, not by the next wait.
    while (!stopped(co_await asio::this_coro::cancellation_state)) {
      if (!next_session) {
        session_wakeup.expires_at(clock::time_point::max());
        co_await session_wakeup.async_wait(as_result);
        continue;
      }
      handoff h = std::move(*next_session);
      next_session.reset();
      session_active = true;
      ++websocket_sessions;
      h.stream.expires_never();
      websocket::stream<beast::tcp_stream> ws(std::move(h.stream));
      auto [accept_error] = co_await ws.async_accept(h.request, as_result);
      if (!accept_error) co_await (session_read(ws) || session_write(ws));
      outgoing.clear();
      beast::error_code ignored;
      beast::get_lowest_layer(ws).socket().close(ignored);
      session_active = false;
    }
  }
};

fake_cdp_endpoint::fake_cdp_endpoint(asio::any_io_executor executor, fake_cdp_options options)
    : state_(std::make_unique<state>(std::move(executor), std::move(options))) {}

fake_cdp_endpoint::~fake_cdp_endpoint() = default;

std::uint16_t fake_cdp_endpoint::port() const { return state_->acceptor.local_endpoint().port(); }
std::string fake_cdp_endpoint::http_url() const { return concat({"http://", state_->authority()}); }
std::string fake_cdp_endpoint::browser_ws_url() const {
  return concat({"ws://", state_->authority(), "/devtools/browser/", browser_id});
}

asio::awaitable<void> fake_cdp_endpoint::run() { co_await (state_->accept_loop() || state_->websocket_loop()); }

fake_cdp_options& fake_cdp_endpoint::options() { return state_->options; }
const std::vector<fake_cdp_call>& fake_cdp_endpoint::calls() const { return state_->calls; }
std::size_t fake_cdp_endpoint::http_requests() const { return state_->http_requests; }
std::size_t fake_cdp_endpoint::websocket_sessions() const { return state_->websocket_sessions; }
std::size_t fake_cdp_endpoint::refused_messages() const { return state_->refused; }

}  // namespace replayer::browser
