#include "net/fake_server.hpp"

// GCC 12 sees Asio's aligned_delete inlined into this coroutine frame and reports the free() of
// memory it believes came from operator new (a false positive on coroutine frames).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include "core/socketio/request_target.hpp"
#include "net/asio_aliases.hpp"
#include "net/cancellation.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/beast/http.hpp>

namespace replayer::net {
namespace {

using namespace asio::experimental::awaitable_operators;

bool every(std::size_t n, std::size_t count) { return n > 0 && count > 0 && count % n == 0; }

}  // namespace

struct fake_server::state {
  fake_server_options options;
  std::vector<scripted_event> script;
  tcp::acceptor acceptor;
  std::size_t next = 0;          // the next event of the script, across connections
  std::size_t sent_in_all = 0;
  bool clock_started = false;
  clock::time_point script_start{};
  std::chrono::microseconds script_offset{0};  // the script time at script_start

  state(asio::any_io_executor executor, fake_server_options o, std::vector<scripted_event> s)
      : options(std::move(o)), script(std::move(s)), acceptor(executor) {
    const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), options.port);
    acceptor.open(endpoint.protocol());
    acceptor.set_option(tcp::acceptor::reuse_address(true));
    acceptor.bind(endpoint);
    acceptor.listen();
  }

  // When the next event is due, at the configured speed.
  clock::time_point due(const scripted_event& e) const {
    if (options.speed <= 0) return clock::time_point::min();
    const auto ahead = std::chrono::duration<double, std::micro>(double((e.at - script_offset).count()) / options.speed);
    return script_start + std::chrono::duration_cast<clock::duration>(ahead);
  }
};

fake_server::fake_server(asio::any_io_executor executor, fake_server_options options, std::vector<scripted_event> script)
    : state_(std::make_unique<state>(std::move(executor), std::move(options), std::move(script))) {}

fake_server::~fake_server() = default;

std::uint16_t fake_server::port() const { return state_->acceptor.local_endpoint().port(); }

namespace {

// Reads what the client sends (pongs, a close) into the server machine until the link ends.
asio::awaitable<void> read_client(websocket::stream<beast::tcp_stream>& ws, socketio::server& server,
                                  fake_server_stats& stats, bool& ended) {
  beast::flat_buffer buffer;
  while (!ended) {
    auto [ec, bytes] = co_await ws.async_read(buffer, as_result);
    if (ec) break;
    const std::string_view frame(static_cast<const char*>(buffer.data().data()), buffer.size());
    const auto step = ws.got_text() ? server.receive(frame, clock::now()) : server.receive_binary(bytes, clock::now());
    if (step.error) ++stats.protocol_errors;
    buffer.consume(buffer.size());
    if (step.link_closed) break;
  }
  ended = true;
}

}  // namespace

asio::awaitable<void> fake_server::run() {
  co_await asio::this_coro::reset_cancellation_state(asio::enable_total_cancellation(), stop_as_terminal);
  state& s = *state_;
  auto executor = co_await asio::this_coro::executor;
  for (;;) {
    auto [accept_error, socket] = co_await s.acceptor.async_accept(as_result);
    if (accept_error || (co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none)
      co_return;
    ++stats_.connections;
    websocket::stream<beast::tcp_stream> ws(std::move(socket));
    // The upgrade request: the Socket.IO target (EIO=4, transport=websocket) or a 400.
    beast::flat_buffer buffer;
    beast::http::request<beast::http::string_body> request;
    beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(10));
    auto [read_error, read_bytes] = co_await beast::http::async_read(beast::get_lowest_layer(ws), buffer, request, as_result);
    if (read_error || !websocket::is_upgrade(request) ||
        !socketio::parse_request_target(std::string_view(request.target().data(), request.target().size()))) {
      ++stats_.protocol_errors;
      continue;
    }
    beast::get_lowest_layer(ws).expires_never();
    ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    auto [accept_ws_error] = co_await ws.async_accept(request, as_result);
    if (accept_ws_error) continue;

    socketio::server server(s.options.protocol, clock::now());
    std::string frame(server.open_frame());
    co_await ws.async_write(asio::buffer(frame), as_result);
    // The namespace connect, then the session proper.
    auto [connect_error, connect_bytes] = co_await ws.async_read(buffer, as_result);
    if (connect_error) continue;
    const auto connect = server.receive(
        std::string_view(static_cast<const char*>(buffer.data().data()), buffer.size()), clock::now());
    buffer.consume(buffer.size());
    if (!connect.reply.empty()) {
      frame.assign(connect.reply);
      co_await ws.async_write(asio::buffer(frame), as_result);
    }
    if (server.state() != socketio::server_state::connected) continue;

    bool ended = false;
    asio::steady_timer timer(executor);
    auto write_script = [&]() -> asio::awaitable<void> {
      std::size_t sent_here = 0;
      // The script keeps time like the real server: what fell due while no client was
      // connected is gone (at --speed 0 nothing is ever due before it is sent).
      const bool resumed = s.clock_started;
      if (!s.clock_started && s.next < s.script.size()) {
        s.script_start = clock::now();
        s.script_offset = s.script[s.next].at;
        s.clock_started = true;
      }
      while (resumed && s.options.speed > 0 && s.next < s.script.size() && s.due(s.script[s.next]) < clock::now()) {
        ++s.next;
        ++stats_.events_missed;
      }
      while (!ended) {
        if (s.next >= s.script.size()) {
          if (!stats_.script_done.exchange(true) && s.options.on_script_done) s.options.on_script_done();
          if (!s.options.loop) {
            // Nothing more to say but the heartbeat.
            timer.expires_at(server.deadline());
            co_await timer.async_wait(as_result);
            if (auto step = server.poll(clock::now()); !step.reply.empty()) {
              frame.assign(step.reply);
              co_await ws.async_write(asio::buffer(frame), as_result);
            } else if (step.link_closed) {
              ended = true;
            }
            continue;
          }
          s.next = 0;
          s.script_start = clock::now();  // the loop starts again now
          s.script_offset = s.script.front().at;
        }
        if (s.options.silent_after > 0 && s.sent_in_all >= s.options.silent_after) {
          timer.expires_at(clock::time_point::max());  // no events, no pings: only the client's timeout ends this
          co_await timer.async_wait(as_result);
          co_return;
        }
        const auto event_due = s.due(s.script[s.next]);
        if (server.deadline() < event_due) {
          timer.expires_at(server.deadline());
          co_await timer.async_wait(as_result);
          const auto step = server.poll(clock::now());
          if (step.link_closed) break;
          if (!step.reply.empty()) {
            frame.assign(step.reply);
            co_await ws.async_write(asio::buffer(frame), as_result);
          }
          continue;
        }
        if (event_due > clock::now()) {
          timer.expires_at(event_due);
          co_await timer.async_wait(as_result);
        }
        const scripted_event& e = s.script[s.next];
        frame.clear();
        if (!server.write_event(frame, e.name, e.payload)) break;
        if (s.options.on_send) s.options.on_send(s.next);
        auto [write_error, written] = co_await ws.async_write(asio::buffer(frame), as_result);
        if (write_error) break;
        ++s.next;
        ++s.sent_in_all;
        ++sent_here;
        ++stats_.events_sent;
        if (every(s.options.garbage_every, sent_here)) {
          ++stats_.faults;
          frame = "garbage, not an engine.io packet";
          co_await ws.async_write(asio::buffer(frame), as_result);
        }
        if (every(s.options.oversized_every, sent_here)) {
          ++stats_.faults;
          frame.assign(s.options.oversized_bytes, 'x');
          frame[0] = '4';
          co_await ws.async_write(asio::buffer(frame), as_result);
        }
        if (every(s.options.stall_every, sent_here)) {
          ++stats_.faults;
          timer.expires_after(s.options.stall_for);
          co_await timer.async_wait(as_result);
          s.script_start += s.options.stall_for;
        }
        if (every(s.options.restart_every, sent_here)) {
          ++stats_.faults;
          frame.assign(server.close());
          co_await ws.async_write(asio::buffer(frame), as_result);
          co_await ws.async_close(websocket::close_code::going_away, as_result);
          break;
        }
        if (every(s.options.drop_every, sent_here)) {
          ++stats_.faults;
          beast::get_lowest_layer(ws).socket().close();  // abrupt: no close frame
          break;
        }
      }
      ended = true;
    };
    co_await (write_script() || read_client(ws, server, stats_, ended));
    beast::error_code ignored;
    beast::get_lowest_layer(ws).socket().close(ignored);
    if ((co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none) co_return;
  }
}

}  // namespace replayer::net
