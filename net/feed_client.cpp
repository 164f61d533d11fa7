#include "net/feed_client.hpp"

#include "core/concat.hpp"
#include "core/socketio/request_target.hpp"
#include "net/asio_aliases.hpp"
#include "net/cancellation.hpp"

#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <optional>
#include <variant>

namespace replayer::net {
namespace {

using namespace asio::experimental::awaitable_operators;

// Whether a stop was asked for; used as stop_asked(co_await asio::this_coro::cancellation_state),
// which never throws (awaiting a coroutine for the answer would, once a stop has come).
bool stop_asked(const asio::cancellation_state& state) { return state.cancelled() != asio::cancellation_type::none; }

// How one connection ended: why, and how long it had been open (zero if it never opened).
struct connection_end {
  std::string cause;
  std::chrono::milliseconds uptime{0};
  bool stopped = false;  // the coroutine was cancelled: do not reconnect
};

// Resolves and connects within the deadline.
asio::awaitable<std::optional<std::string>> connect_tcp(beast::tcp_stream& tcp, const feed_url& url,
                                                        std::chrono::milliseconds timeout) {
  co_await asio::this_coro::throw_if_cancelled(false);
  auto executor = co_await asio::this_coro::executor;
  tcp::resolver resolver(executor);
  asio::steady_timer deadline(executor, timeout);
  std::string host = url.host;
  if (host.starts_with('[')) host = host.substr(1, host.size() - 2);
  auto resolved = co_await (resolver.async_resolve(host, std::to_string(url.port), as_result) ||
                            deadline.async_wait(as_result));
  if (resolved.index() == 1) co_return concat({"resolving ", url.host, ": no answer within the connect timeout"});
  auto [resolve_error, endpoints] = std::get<0>(resolved);
  if (resolve_error) co_return concat({"resolving ", url.host, ": ", resolve_error.message()});
  tcp.expires_at(deadline.expiry());
  auto [connect_error, endpoint] = co_await tcp.async_connect(endpoints, as_result);
  if (connect_error) co_return concat({"connecting to ", url.authority(), ": ", connect_error.message()});
  co_return std::nullopt;
}

// One WebSocket session over either stream: upgrade, then the Socket.IO client until the link
// ends. `opened` is set when the upgrade succeeded.
template <class Stream>
asio::awaitable<connection_end> run_session(websocket::stream<Stream>& ws, const feed_client_options& o,
                                            const socketio::socketio_target& target, feed_handler& handler) {
  co_await asio::this_coro::throw_if_cancelled(false);
  connection_end end;
  websocket::stream_base::timeout limits{o.connect_timeout, o.protocol.open_timeout, false};
  ws.set_option(limits);
  ws.read_message_max(o.protocol.max_frame_bytes);
  ws.set_option(websocket::stream_base::decorator(
      [](websocket::request_type& req) { req.set(beast::http::field::user_agent, "replayer"); }));
  auto [upgrade_error] = co_await ws.async_handshake(o.url.authority(), target.request_target, as_result);
  if (upgrade_error) {
    end.cause = concat({"WebSocket upgrade at ", o.url.authority(), target.request_target, ": ", upgrade_error.message()});
    end.stopped = stop_asked(co_await asio::this_coro::cancellation_state);
    co_return end;
  }
  const auto opened = clock::now();
  handler.on_connected(o.url.authority());
  socketio::client_config protocol = o.protocol;
  protocol.namespace_name = target.namespace_name;
  socketio::client client(protocol, opened);
  beast::flat_buffer buffer;
  bool heartbeat_known = false;
  for (;;) {
    auto [read_error, bytes] = co_await ws.async_read(buffer, as_result);
    const auto now = clock::now();
    if (read_error) {
      end.stopped = stop_asked(co_await asio::this_coro::cancellation_state);
      end.cause = read_error == beast::error::timeout
                      ? std::string(client.handshake() ? "no frame within pingInterval + pingTimeout"
                                                       : "no open packet within the open timeout")
                      : concat({"reading: ", read_error.message()});
      break;
    }
    const std::string_view frame(static_cast<const char*>(buffer.data().data()), buffer.size());
    const auto step = ws.got_text() ? client.receive(frame, now) : client.receive_binary(bytes, now);
    if (step.error) handler.on_protocol_error(*step.error);
    if (!step.reply.empty()) {
      auto [write_error, written] = co_await ws.async_write(asio::buffer(step.reply), as_result);
      if (write_error) {
        end.cause = concat({"writing: ", write_error.message()});
        end.stopped = stop_asked(co_await asio::this_coro::cancellation_state);
        break;
      }
    }
    if (step.event) handler.on_event(*step.event, wall_clock_now());
    buffer.consume(buffer.size());
    if (!heartbeat_known && client.handshake()) {
      // From now on the server's own heartbeat bounds the silence.
      limits.idle_timeout = client.handshake()->ping_interval + client.handshake()->ping_timeout;
      ws.set_option(limits);
      heartbeat_known = true;
    }
    if (step.link_closed) {
      end.cause = concat({"the server ended the session (", socketio::close_cause_name(client.cause()), ")"});
      break;
    }
    // A stop that came while a frame was being handled (or while Beast had the next one
    // buffered, so that no read fails) is seen here.
    if (stop_asked(co_await asio::this_coro::cancellation_state)) {
      end.stopped = true;
      end.cause = "stopped";
      break;
    }
  }
  if (end.stopped && ws.is_open()) {
    // A polite close: the Engine.IO close packet, then the WebSocket close, both bounded by
    // the stream's timeouts.
    const std::string_view bye = client.close();
    if (!bye.empty()) co_await ws.async_write(asio::buffer(bye), as_result);
    co_await ws.async_close(websocket::close_code::normal, as_result);
  }
  end.uptime = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - opened);
  co_return end;
}

asio::awaitable<connection_end> connect_once(const feed_client_options& o, const socketio::socketio_target& target,
                                             asio::ssl::context* tls, feed_handler& handler) {
  co_await asio::this_coro::throw_if_cancelled(false);
  auto executor = co_await asio::this_coro::executor;
  connection_end end;
  if (!tls) {
    websocket::stream<beast::tcp_stream> ws(executor);
    if (auto problem = co_await connect_tcp(beast::get_lowest_layer(ws), o.url, o.connect_timeout)) {
      end.cause = *problem;
      end.stopped = stop_asked(co_await asio::this_coro::cancellation_state);
      co_return end;
    }
    beast::get_lowest_layer(ws).expires_never();  // the WebSocket's own timeouts take over
    co_return co_await run_session(ws, o, target, handler);
  }
  websocket::stream<beast::ssl_stream<beast::tcp_stream>> ws(executor, *tls);
  if (auto problem = co_await connect_tcp(beast::get_lowest_layer(ws), o.url, o.connect_timeout)) {
    end.cause = *problem;
    end.stopped = stop_asked(co_await asio::this_coro::cancellation_state);
    co_return end;
  }
  auto& ssl = ws.next_layer();
  if (!SSL_set_tlsext_host_name(ssl.native_handle(), o.url.host.c_str())) {
    end.cause = concat({"TLS: cannot set the server name ", o.url.host});
    co_return end;
  }
  if (!o.insecure) ssl.set_verify_callback(asio::ssl::host_name_verification(o.url.host));
  auto [tls_error] = co_await ssl.async_handshake(asio::ssl::stream_base::client, as_result);
  if (tls_error) {
    end.cause = concat({"TLS handshake with ", o.url.authority(), ": ", tls_error.message()});
    end.stopped = stop_asked(co_await asio::this_coro::cancellation_state);
    co_return end;
  }
  beast::get_lowest_layer(ws).expires_never();
  co_return co_await run_session(ws, o, target, handler);
}

}  // namespace

asio::awaitable<void> run_feed(feed_client_options options, feed_handler& handler) {
  // A stop is a value here, never an exception: every coroutine of the feed checks for it.
  co_await asio::this_coro::throw_if_cancelled(false);
  co_await asio::this_coro::reset_cancellation_state(asio::enable_total_cancellation(), stop_as_terminal);
  auto executor = co_await asio::this_coro::executor;
  const auto target = socketio::socketio_request_target(options.url.path_and_query);
  if (!target) throw std::invalid_argument(concat({"--url: ", target.error().reason}));  // checked by the caller
  std::optional<asio::ssl::context> tls;
  if (options.url.tls) {
    tls.emplace(asio::ssl::context::tls_client);
    tls->set_default_verify_paths();
    tls->set_verify_mode(options.insecure ? asio::ssl::verify_none : asio::ssl::verify_peer);
  }
  reconnect_backoff backoff(options.backoff);
  asio::steady_timer wait(executor);
  for (;;) {
    const connection_end end = co_await connect_once(options, *target, tls ? &*tls : nullptr, handler);
    if (end.stopped || stop_asked(co_await asio::this_coro::cancellation_state)) co_return;
    const auto delay = backoff.next_delay(end.uptime);
    handler.on_disconnected(end.cause, delay);
    wait.expires_after(delay);
    auto [ec] = co_await wait.async_wait(as_result);
    if (ec || stop_asked(co_await asio::this_coro::cancellation_state)) co_return;
  }
}

}  // namespace replayer::net
