// The dashboard's server against real Beast clients on 127.0.0.1: routes answered, the Origin and
// token checks on the page's WebSocket and on commands, states pushed latest-wins (a page that
// does not read is dropped states, never a wait), and the request and connection bounds.
#include "net/asio_aliases.hpp"
#include "net/cancellation.hpp"
#include "net/http_server.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/http.hpp>
#include <boost/test/unit_test.hpp>

#include <functional>
#include <optional>

using namespace replayer;
using namespace replayer::net;
namespace http = beast::http;
using namespace std::chrono_literals;

namespace {

const std::string token = "00112233445566778899aabbccddeeff";

struct test_handler final : http_handler {
  std::vector<std::string> messages;
  http_response on_request(const http_request& r) override {
    if (r.method == "POST") return {200, "text/plain", "did " + std::string(r.body), {}};
    return {200, "text/plain", "page " + std::string(r.target), {}};
  }
  void on_page_message(std::string_view text) override { messages.emplace_back(text); }
};

struct reply {
  unsigned status = 0;
  std::string body;
};

asio::awaitable<reply> request(std::uint16_t port, http::verb verb, std::string target, std::string origin = {},
                               std::string body = {}, std::string token_header = {}) {
  beast::tcp_stream stream(co_await asio::this_coro::executor);
  co_await stream.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), asio::use_awaitable);
  http::request<http::string_body> req{verb, target, 11};
  req.set(http::field::host, "127.0.0.1");
  if (!origin.empty()) req.set(http::field::origin, origin);
  if (!token_header.empty()) req.set("X-Replayer-Token", token_header);
  req.body() = body;
  req.prepare_payload();
  co_await http::async_write(stream, req, asio::use_awaitable);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  auto [ec, n] = co_await http::async_read(stream, buffer, res, as_result);
  co_return reply{ec ? 0u : res.result_int(), res.body()};
}

// A page's WebSocket handshake: the HTTP status of the answer (101 when upgraded).
asio::awaitable<unsigned> ws_handshake(websocket::stream<beast::tcp_stream>& ws, std::uint16_t port, std::string target,
                                       std::string origin) {
  co_await beast::get_lowest_layer(ws).async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                                                     asio::use_awaitable);
  ws.set_option(websocket::stream_base::decorator([origin](websocket::request_type& r) {
    if (!origin.empty()) r.set(http::field::origin, origin);
  }));
  websocket::response_type res;
  co_await ws.async_handshake(res, "127.0.0.1", target, as_result);  // refused: the answer says why
  co_return res.result_int();
}

// Runs `body` against a server on one io_context, then stops the server.
void with_server(test_handler& handler, const http_server_options& options,
                 const std::function<asio::awaitable<void>(http_server&, std::uint16_t)>& body) {
  asio::io_context ioc(1);
  std::string error;
  auto server = http_server::bind(ioc.get_executor(), options, {token, {"http://127.0.0.1:1"}}, handler, error);
  BOOST_REQUIRE_MESSAGE(server, error);
  server->set_origins({"http://127.0.0.1:" + std::to_string(server->port())});
  asio::cancellation_signal stop;
  bool server_done = false;
  asio::co_spawn(ioc, server->run(), asio::bind_cancellation_slot(stop.slot(), [&](std::exception_ptr e) {
                   server_done = true;
                   if (e) std::rethrow_exception(e);
                 }));
  bool body_done = false;
  asio::co_spawn(ioc, body(*server, server->port()), [&](std::exception_ptr e) {
    body_done = true;
    stop.emit(asio::cancellation_type::total);
    if (e) std::rethrow_exception(e);
  });
  ioc.run_for(20s);
  BOOST_TEST(body_done);
  BOOST_TEST(server_done);  // every connection ended with it
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dashboard_http)

BOOST_AUTO_TEST_CASE(answers_reads_and_guards_commands_with_origin_and_token) {
  test_handler h;
  with_server(h, {}, [&](http_server& s, std::uint16_t port) -> asio::awaitable<void> {
    const std::string self = "http://127.0.0.1:" + std::to_string(port);
    auto r = co_await request(port, http::verb::get, "/healthz");
    BOOST_TEST(r.status == 200u);
    BOOST_TEST(r.body == "page /healthz");
    // A command without the token, with another site's Origin, with a wrong token: 403.
    r = co_await request(port, http::verb::post, "/api/command", self, "{\"cmd\":\"buy\"}");
    BOOST_TEST(r.status == 403u);
    BOOST_TEST(r.body.find("no token") != std::string::npos);
    r = co_await request(port, http::verb::post, "/api/command?token=" + token, "https://evil.example", "x");
    BOOST_TEST(r.status == 403u);
    BOOST_TEST(r.body.find("Origin https://evil.example is not this dashboard") != std::string::npos);
    r = co_await request(port, http::verb::post, "/api/command", self, "x", "ffffffffffffffffffffffffffffffff");
    BOOST_TEST(r.status == 403u);
    r = co_await request(port, http::verb::post, "/api/command", self, "x", token);
    BOOST_TEST(r.status == 200u);
    BOOST_TEST(r.body == "did x");
    BOOST_TEST(s.stats().forbidden == 3u);
  });
}

BOOST_AUTO_TEST_CASE(page_websocket_needs_the_token_and_gets_the_latest_state) {
  test_handler h;
  with_server(h, {}, [&](http_server& s, std::uint16_t port) -> asio::awaitable<void> {
    const std::string self = "http://127.0.0.1:" + std::to_string(port);
    auto ex = co_await asio::this_coro::executor;
    {
      websocket::stream<beast::tcp_stream> ws(ex);
      BOOST_TEST(co_await ws_handshake(ws, port, "/ws", self) == 403u);
    }
    {
      websocket::stream<beast::tcp_stream> ws(ex);
      BOOST_TEST(co_await ws_handshake(ws, port, "/ws?token=" + token, "https://evil.example") == 403u);
    }
    s.publish(std::make_shared<const std::string>("{\"seq\":1}"));
    websocket::stream<beast::tcp_stream> ws(ex);
    BOOST_REQUIRE(co_await ws_handshake(ws, port, "/ws?token=" + token, self) == 101u);
    beast::flat_buffer in;
    co_await ws.async_read(in, asio::use_awaitable);
    BOOST_TEST(beast::buffers_to_string(in.data()) == "{\"seq\":1}");  // the state at connect
    in.consume(in.size());
    s.publish(std::make_shared<const std::string>("{\"seq\":2}"));
    co_await ws.async_read(in, asio::use_awaitable);
    BOOST_TEST(beast::buffers_to_string(in.data()) == "{\"seq\":2}");
    co_await ws.async_write(asio::buffer(std::string("{\"cmd\":\"play\"}")), asio::use_awaitable);
    asio::steady_timer t(ex, 100ms);
    co_await t.async_wait(asio::use_awaitable);
    BOOST_TEST_REQUIRE(h.messages.size() == 1u);
    BOOST_TEST(h.messages[0] == "{\"cmd\":\"play\"}");
    BOOST_TEST(s.stats().open_pages == 1u);
  });
}

BOOST_AUTO_TEST_CASE(a_page_that_does_not_read_costs_dropped_states_not_waits) {
  test_handler h;
  http_server_options o;
  o.write_timeout = 300ms;
  with_server(h, o, [&](http_server& s, std::uint16_t port) -> asio::awaitable<void> {
    const std::string self = "http://127.0.0.1:" + std::to_string(port);
    auto ex = co_await asio::this_coro::executor;
    websocket::stream<beast::tcp_stream> stalled(ex);
    BOOST_REQUIRE(co_await ws_handshake(stalled, port, "/ws?token=" + token, self) == 101u);
    // Large states to a page that never reads: the socket buffers fill, the server goes on.
    const auto big = std::make_shared<const std::string>(std::string(1 << 20, 'x'));
    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < 50; ++i) {
      s.publish(big);
      asio::steady_timer t(ex, 5ms);
      co_await t.async_wait(asio::use_awaitable);
    }
    BOOST_TEST((std::chrono::steady_clock::now() - started < 5s));
    asio::steady_timer t(ex, 600ms);
    co_await t.async_wait(asio::use_awaitable);
    BOOST_TEST(s.stats().states_dropped > 0u);
    BOOST_TEST(s.stats().slow_pages_closed == 1u);
    BOOST_TEST(s.stats().open_pages == 0u);
  });
}

BOOST_AUTO_TEST_CASE(requests_and_connections_are_bounded) {
  test_handler h;
  http_server_options o;
  o.max_body_bytes = 1024;
  o.max_connections = 2;
  with_server(h, o, [&](http_server& s, std::uint16_t port) -> asio::awaitable<void> {
    const std::string self = "http://127.0.0.1:" + std::to_string(port);
    auto r = co_await request(port, http::verb::post, "/api/command", self, std::string(4096, 'x'), token);
    BOOST_TEST(r.status == 413u);
    auto ex = co_await asio::this_coro::executor;
    websocket::stream<beast::tcp_stream> a(ex), b(ex);
    BOOST_REQUIRE(co_await ws_handshake(a, port, "/ws?token=" + token, self) == 101u);
    BOOST_REQUIRE(co_await ws_handshake(b, port, "/ws?token=" + token, self) == 101u);
    r = co_await request(port, http::verb::get, "/healthz");
    BOOST_TEST(r.status == 0u);  // closed at once: the bound
    BOOST_TEST(s.stats().refused_connections == 1u);
  });
}

BOOST_AUTO_TEST_SUITE_END()
