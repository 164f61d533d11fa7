#include "browser/cdp_client.hpp"

// GCC 12 sees Asio's aligned_delete inlined into coroutine frames and reports the free() of
// memory it believes came from operator new (a false positive on coroutine frames).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include "browser/tcp_connect.hpp"
#include "core/concat.hpp"
#include "net/asio_aliases.hpp"
#include "net/cancellation.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>

#include <deque>
#include <stdexcept>

namespace replayer::browser {

using namespace replayer::net;
using namespace asio::experimental::awaitable_operators;

void throw_exception_from_error(const cdp_failure& e, const boost::source_location&) {
  throw std::runtime_error(e.what);
}

namespace {

// One call waiting for its reply: the reader (a reply), run()'s end (peer gone) or the caller's
// deadline or cancellation wakes it through its timer. It lives in the call's coroutine frame;
// the pending table points to it until it leaves the table (every path out of call() does so).
struct call_waiter {
  asio::steady_timer timer;
  std::optional<cdp_result> outcome;
};

struct queued_call {
  std::uint64_t id;
  std::string text;
};

cdp_result failure(cdp_failure f) { return cdp_result(boost::system::in_place_error, std::move(f)); }

std::string milliseconds_text(std::chrono::milliseconds ms) { return concat({std::to_string(ms.count()), " ms"}); }

}  // namespace

struct cdp_client::state {
  websocket::stream<beast::tcp_stream> ws;
  cdp_client_options options;
  std::string url;
  cdp::client_counters counters;
  dashboard::latency_histogram* call_latency = nullptr;
  cdp::pending_calls<call_waiter*> pending{counters, options.max_pending};
  std::deque<queued_call> queue;
  std::size_t queued_bytes = 0;
  asio::steady_timer writer_wakeup;  // waits forever; cancelled when there is something to write
  asio::steady_timer run_done;       // close() waits here; cancelled when run() ends
  bool running = false, ended = false, closing = false;
  std::string end_cause;
  std::function<void(const cdp::event&)> handler, next_handler;
  bool dispatching = false, handler_replaced = false;
  std::exception_ptr handler_failure;  // ends run(), which rethrows it

  state(websocket::stream<beast::tcp_stream> stream, cdp_client_options o, std::string u)
      : ws(std::move(stream)), options(std::move(o)), url(std::move(u)),
        writer_wakeup(ws.get_executor()), run_done(ws.get_executor()) {}

  void drop_queued(std::uint64_t id) {
    for (auto it = queue.begin(); it != queue.end(); ++it)
      if (it->id == id) {
        queued_bytes -= it->text.size();
        queue.erase(it);
        return;
      }
  }

  void deliver(cdp::reply& r) {
    auto match = pending.take(r.id);
    if (match.kind != cdp::reply_match::waiting) return;  // counted by the table, dropped
    call_waiter& w = *match.waiting->waiter;
    if (r.error) {
      ++counters.error_replies;
      w.outcome = failure({concat({match.waiting->method, ": Chrome answered error ", std::to_string(r.error->code), " (",
                                   r.error->message, r.error->data.empty() ? "" : ": ", r.error->data, ")"}),
                           false, false, std::move(r.error)});
    } else {
      w.outcome = std::move(r.result);
    }
    w.timer.cancel();
  }

  void dispatch(const cdp::event& e) {
    ++counters.events;
    if (!handler) return;
    struct guard {
      state& s;
      ~guard() {
        s.dispatching = false;
        if (s.handler_replaced) {
          s.handler = std::move(s.next_handler);
          s.handler_replaced = false;
        }
      }
    } g{*this};
    dispatching = true;
    try {
      handler(e);
    } catch (...) {
      handler_failure = std::current_exception();
    }
  }

  // The connection is gone: every waiting call fails now, every later one at once.
  void end(std::string cause) {
    ended = true;
    running = false;
    end_cause = std::move(cause);
    queue.clear();
    queued_bytes = 0;
    for (auto& c : pending.take_all()) {
      ++counters.peer_gone;
      c.waiter->outcome = failure({concat({"Chrome went away during ", c.method, ": ", end_cause}), false, true, {}});
      c.waiter->timer.cancel();
    }
    beast::error_code ignored;
    beast::get_lowest_layer(ws).socket().close(ignored);
    run_done.cancel();
  }

  // read_loop and write_loop run as the operands of run()'s `||`, each a coroutine thread of its
  // own: their cancellation settings are theirs alone.
  asio::awaitable<std::string> read_loop() {
    co_await asio::this_coro::throw_if_cancelled(false);
    co_await asio::this_coro::reset_cancellation_state(asio::enable_total_cancellation(), stop_as_terminal);
    beast::flat_buffer buffer;
    for (;;) {
      // A stop that came while a message was being handled reached no operation: seen here.
      if (co_await stop_asked()) co_return std::string("the connection was stopped");
      auto [ec, bytes] = co_await ws.async_read(buffer, as_result);
      if (ec) {
        if (co_await stop_asked()) co_return std::string("the connection was stopped");
        if (ec == websocket::error::closed) {
          const auto& reason = ws.reason();
          co_return concat({"Chrome closed the connection (code ", std::to_string(reason.code),
                            reason.reason.empty() ? "" : ", ", std::string_view(reason.reason.data(), reason.reason.size()), ")"});
        }
        if (ec == websocket::error::message_too_big) {
          counters.count({cdp::error_kind::oversized_message, "CDP message: above the bound"});
          co_return concat({"a message above the bound of ", std::to_string(options.limits.max_message_bytes),
                            " bytes came: the connection cannot go on"});
        }
        co_return concat({"reading from ", url, ": ", ec.message()});
      }
      ++counters.messages;
      counters.bytes += bytes;
      const std::string_view text(static_cast<const char*>(buffer.data().data()), buffer.size());
      auto decoded = ws.got_text() ? cdp::decode(text, options.limits)
                                   : cdp::decoded(cdp::protocol_error{cdp::error_kind::not_json,
                                                                      "CDP message: a binary message, not JSON text"});
      buffer.consume(buffer.size());
      if (auto* r = std::get_if<cdp::reply>(&decoded)) deliver(*r);
      else if (auto* e = std::get_if<cdp::event>(&decoded)) dispatch(*e);
      else counters.count(std::get<cdp::protocol_error>(decoded));
      if (handler_failure) co_return std::string("the event handler threw");
    }
  }

  asio::awaitable<std::string> write_loop() {
    co_await asio::this_coro::throw_if_cancelled(false);
    co_await asio::this_coro::reset_cancellation_state(asio::enable_total_cancellation(), stop_as_terminal);
    for (;;) {
      while (!queue.empty()) {
        queued_call next = std::move(queue.front());
        queue.pop_front();
        queued_bytes -= next.text.size();
        if (!pending.waiting(next.id)) continue;  // its caller gave up before it was written
        auto [ec, written] = co_await ws.async_write(asio::buffer(next.text), as_result);
        if (ec) co_return concat({"writing to ", url, ": ", ec.message()});
      }
      if (closing) {
        auto [ec] = co_await ws.async_close(websocket::close_code::normal, as_result);
        co_return ec ? concat({"closed by replayer (the close handshake: ", ec.message(), ")"})
                     : std::string("closed by replayer");
      }
      if (co_await stop_asked()) co_return std::string("the connection was stopped");
      writer_wakeup.expires_at(clock::time_point::max());
      co_await writer_wakeup.async_wait(as_result);
      if (co_await stop_asked()) co_return std::string("the connection was stopped");
    }
  }
};

cdp_client::cdp_client(std::unique_ptr<state> s) : state_(std::move(s)) {}
cdp_client::~cdp_client() = default;

asio::awaitable<boost::system::result<std::unique_ptr<cdp_client>, cdp_failure>> cdp_client::connect(
    std::string ws_url, std::chrono::milliseconds timeout, cdp_client_options options) {
  using result = boost::system::result<std::unique_ptr<cdp_client>, cdp_failure>;
  // The loopback rule is the caller's (discover_browser): this URL may be a remote one it allowed.
  auto where = cdp::parse_cdp_url(ws_url, true, "the browser's WebSocket URL");
  if (!where) co_return result(boost::system::in_place_error, cdp_failure{where.error(), false, true, {}});
  if (where->websocket_path.empty())
    co_return result(boost::system::in_place_error,
                     cdp_failure{concat({"'", ws_url, "' is not a ws:// URL (discover it through /json/version)"}), false,
                                 true, {}});
  const std::string what = concat({"connecting to ", ws_url});
  websocket::stream<beast::tcp_stream> ws(co_await asio::this_coro::executor);
  if (auto failure = co_await connect_tcp(beast::get_lowest_layer(ws), where->host, where->port,
                                          clock::now() + timeout, what))
    co_return result(boost::system::in_place_error, std::move(*failure));
  ws.read_message_max(options.limits.max_message_bytes);
  ws.set_option(websocket::stream_base::decorator(
      [](websocket::request_type& req) { req.set(beast::http::field::user_agent, "replayer"); }));
  auto [ec] = co_await ws.async_handshake(where->authority(), where->websocket_path, as_result);
  if (ec) {
    const bool timed_out = ec == beast::error::timeout;
    co_return result(boost::system::in_place_error,
                     cdp_failure{concat({what, ": the WebSocket upgrade ",
                                         timed_out ? std::string("got no answer within ") + milliseconds_text(timeout)
                                                   : concat({"failed (", ec.message(), ")"}),
                                         ": is this Chrome's DevTools WebSocket?"}),
                                 timed_out, !timed_out, {}});
  }
  beast::get_lowest_layer(ws).expires_never();  // the WebSocket's own timeouts take over
  websocket::stream_base::timeout limits{options.close_timeout, websocket::stream_base::none(), false};
  ws.set_option(limits);
  auto s = std::make_unique<state>(std::move(ws), std::move(options), std::move(ws_url));
  co_return std::unique_ptr<cdp_client>(new cdp_client(std::move(s)));
}

asio::awaitable<void> cdp_client::run() {
  state& s = *state_;
  if (s.running || s.ended) co_return;
  s.running = true;
  std::exception_ptr failure;
  std::string cause = "the connection was stopped";
  try {
    auto ended = co_await (s.read_loop() || s.write_loop());
    cause = std::visit([](std::string& c) { return std::move(c); }, ended);
  } catch (...) {
    failure = std::current_exception();  // the caller's throw_if_cancelled, at a cancellation
  }
  s.end(std::move(cause));
  if (s.handler_failure) std::rethrow_exception(s.handler_failure);
  if (failure) std::rethrow_exception(failure);
}

void cdp_client::observe_calls(dashboard::latency_histogram* h) { state_->call_latency = h; }

asio::awaitable<cdp_result> cdp_client::call(std::string_view method, boost::json::object params,
                                             std::string_view session_id, std::chrono::milliseconds timeout) {
  state& s = *state_;
  if (s.ended || s.closing) {
    ++s.counters.peer_gone;
    co_return failure({concat({method, ": no connection to Chrome (", s.ended ? s.end_cause : "closing", ")"}), false,
                       true, {}});
  }
  call_waiter waiter{asio::steady_timer(co_await asio::this_coro::executor), std::nullopt};
  const auto id = s.pending.add(std::string(method), &waiter);
  if (!id)
    co_return failure({concat({method, ": ", std::to_string(s.pending.max_pending()),
                               " calls are waiting for Chrome's replies already (the bound); try again later"}),
                       false, false, {}});
  std::string text = cdp::encode_call(*id, method, params, session_id);
  if (s.queued_bytes + text.size() > s.options.max_queued_bytes) {
    s.pending.withdraw(*id);
    ++s.counters.queue_full;
    co_return failure({concat({method, ": the outgoing queue is full (", std::to_string(s.queued_bytes), " of ",
                               std::to_string(s.options.max_queued_bytes), " bytes, this call ",
                               std::to_string(text.size()), "); try again later"}),
                       false, false, {}});
  }
  s.queued_bytes += text.size();
  s.queue.push_back({*id, std::move(text)});
  s.writer_wakeup.cancel();
  waiter.timer.expires_after(timeout);
  // However this frame is left (the caller's throw_if_cancelled may throw from the wait, the
  // io_context may destroy the frame), the call leaves the table and the queue.
  struct registration {
    state& s;
    std::uint64_t id;
    std::uint64_t* counter;  // what giving up counts as
    ~registration() {
      if (s.pending.abandon(id)) {
        s.drop_queued(id);
        ++*counter;
      }
    }
  };
  std::optional<registration> registered(std::in_place, s, *id, &s.counters.cancelled);
  const auto sent = clock::now();
  auto [ec] = co_await waiter.timer.async_wait(as_result);
  if (waiter.outcome) {
    if (s.call_latency) s.call_latency->observe(clock::now() - sent);
    co_return std::move(*waiter.outcome);
  }
  // No outcome: the deadline passed (no error) or the caller's cancellation came.
  if (!ec) registered->counter = &s.counters.timeouts;
  registered.reset();
  if (!ec)
    co_return failure({concat({method, ": no reply from Chrome within ", milliseconds_text(timeout)}), true, false, {}});
  co_return failure({concat({method, ": cancelled while waiting for Chrome's reply"}), false, false, {}});
}

void cdp_client::on_event(std::function<void(const cdp::event&)> handler) {
  state& s = *state_;
  if (s.dispatching) {
    s.next_handler = std::move(handler);
    s.handler_replaced = true;
  } else {
    s.handler = std::move(handler);
  }
}

asio::awaitable<void> cdp_client::close() {
  state& s = *state_;
  if (s.ended) co_return;
  if (!s.running) {
    // No writer to hand the close to: the handshake happens here, bounded by the stream's
    // close timeout (set at connect).
    s.closing = true;
    auto [ec] = co_await s.ws.async_close(websocket::close_code::normal, as_result);
    s.end(ec ? concat({"closed by replayer (the close handshake: ", ec.message(), ")"}) : std::string("closed by replayer"));
    co_return;
  }
  s.closing = true;
  s.writer_wakeup.cancel();
  s.run_done.expires_after(s.options.close_timeout + std::chrono::milliseconds(500));
  co_await s.run_done.async_wait(as_result);
  if (!s.ended) {
    // The close handshake did not finish in time: the socket goes, and run() ends with it.
    beast::error_code ignored;
    beast::get_lowest_layer(s.ws).socket().close(ignored);
  }
}

bool cdp_client::open() const { return !state_->ended && state_->ws.is_open(); }
const cdp::client_counters& cdp_client::counters() const { return state_->counters; }
const std::string& cdp_client::end_cause() const { return state_->end_cause; }

}  // namespace replayer::browser
