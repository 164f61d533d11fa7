#include "net/http_server.hpp"

#include "net/asio_aliases.hpp"
#include "net/cancellation.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/beast/http.hpp>

#include <list>

namespace replayer::net {

namespace http = beast::http;

// A page connected over WebSocket: the state it has not been sent yet, and the timer its writer
// sleeps on until there is one.
struct page_slot {
  explicit page_slot(asio::any_io_executor ex) : wake(ex, clock::time_point::max()) {}
  std::shared_ptr<const std::string> pending;
  asio::steady_timer wake;
};

struct connection_entry {
  asio::cancellation_signal stop;
};

struct http_server::state {
  state(asio::any_io_executor ex, http_server_options o, dashboard::access_policy p, http_handler& h)
      : acceptor(ex), options(std::move(o)), policy(std::move(p)), handler(h), drained(ex) {}
  tcp::acceptor acceptor;
  http_server_options options;
  dashboard::access_policy policy;
  http_handler& handler;
  http_server_stats stats;
  std::list<connection_entry> connections;
  std::list<page_slot*> pages;
  std::shared_ptr<const std::string> latest;  // what a page gets when it connects
  asio::steady_timer drained;                 // run() waits on it for the connections to end
  bool stopping = false;
};

namespace {

using request_t = http::request<http::string_body>;

http::response<http::string_body> make_response(const request_t& req, const http_response& r) {
  http::response<http::string_body> res{static_cast<http::status>(r.status), req.version()};
  res.set(http::field::content_type, r.content_type);
  res.set(http::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  for (const auto& [name, value] : r.headers) res.set(name, value);
  res.keep_alive(req.keep_alive());
  res.body() = req.method() == http::verb::head ? std::string() : r.body;
  res.prepare_payload();
  if (req.method() == http::verb::head) res.content_length(r.body.size());
  return res;
}

dashboard::request_facts facts_of(const request_t& req) {
  return {std::string_view(req.target().data(), req.target().size()),
          std::string_view(req[http::field::origin].data(), req[http::field::origin].size()),
          std::string_view(req["X-Replayer-Token"].data(), req["X-Replayer-Token"].size())};
}

// Writes one state to the page, or gives up after the write timeout.
asio::awaitable<bool> write_state(websocket::stream<beast::tcp_stream>& ws, const std::string& text,
                                  std::chrono::milliseconds timeout) {
  using namespace asio::experimental::awaitable_operators;
  asio::steady_timer deadline(co_await asio::this_coro::executor, timeout);
  auto write = [&]() -> asio::awaitable<bool> {
    auto [ec, n] = co_await ws.async_write(asio::buffer(text), as_result);
    co_return !ec;
  };
  auto expire = [&]() -> asio::awaitable<void> { co_await deadline.async_wait(as_result); };
  auto r = co_await (branch(write()) || branch(expire()));
  co_return r.index() == 0 && std::get<0>(r);
}

asio::awaitable<void> serve_page(http_server::state& s, websocket::stream<beast::tcp_stream>& ws) {
  using namespace asio::experimental::awaitable_operators;
  page_slot slot(co_await asio::this_coro::executor);
  slot.pending = s.latest;
  s.pages.push_back(&slot);
  ++s.stats.pages_connected;
  ++s.stats.open_pages;
  auto reader = [&]() -> asio::awaitable<void> {
    beast::flat_buffer in;
    for (;;) {
      auto [ec, n] = co_await ws.async_read(in, as_result);
      if (ec) co_return;
      ++s.stats.page_messages;
      const auto data = in.cdata();
      s.handler.on_page_message(std::string_view(static_cast<const char*>(data.data()), data.size()));
      in.consume(in.size());
    }
  };
  auto writer = [&]() -> asio::awaitable<void> {
    for (;;) {
      if (!slot.pending) {
        slot.wake.expires_at(clock::time_point::max());
        co_await slot.wake.async_wait(as_result);
        if (s.stopping) co_return;
        continue;
      }
      auto text = std::move(slot.pending);
      if (!co_await write_state(ws, *text, s.options.write_timeout)) {
        ++s.stats.slow_pages_closed;
        co_return;
      }
      ++s.stats.states_sent;
    }
  };
  co_await (branch(reader()) || branch(writer()));
  s.pages.remove(&slot);
  --s.stats.open_pages;
}

asio::awaitable<void> serve_connection(std::shared_ptr<http_server::state> sp, tcp::socket socket) {
  http_server::state& s = *sp;
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(s.options.max_header_bytes));
    parser.body_limit(s.options.max_body_bytes);
    stream.expires_after(s.options.request_timeout);
    auto [ec, n] = co_await http::async_read(stream, buffer, parser, as_result);
    if (ec) {
      if (ec == http::error::header_limit || ec == http::error::body_limit) {
        ++s.stats.bad_requests;
        request_t dummy;
        auto res = make_response(dummy, text_response(413, "request too large"));
        res.keep_alive(false);
        co_await http::async_write(stream, res, as_result);
      }
      break;
    }
    ++s.stats.requests;
    request_t req = parser.release();
    const bool reads_only = req.method() == http::verb::get || req.method() == http::verb::head;
    const bool upgrade = websocket::is_upgrade(req);
    if (upgrade || !reads_only) {
      const auto facts = facts_of(req);
      if (auto v = dashboard::check_access(facts, s.policy); v != dashboard::access_verdict::allowed) {
        ++s.stats.forbidden;
        auto res = make_response(req, text_response(403, "403 forbidden: " + dashboard::access_message(v, facts)));
        res.keep_alive(false);
        co_await http::async_write(stream, res, as_result);
        break;
      }
    }
    if (upgrade) {
      if (dashboard::target_path(facts_of(req).target) != "/ws") {
        auto res = make_response(req, text_response(404, "no WebSocket here: the dashboard's is /ws"));
        co_await http::async_write(stream, res, as_result);
        break;
      }
      stream.expires_never();
      websocket::stream<beast::tcp_stream> ws(std::move(stream));
      ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
      ws.read_message_max(s.options.max_page_message);
      auto [accept_error] = co_await ws.async_accept(req, as_result);
      if (!accept_error) co_await serve_page(s, ws);
      co_return;
    }
    const http_request r{std::string_view(req.method_string().data(), req.method_string().size()), facts_of(req).target,
                         facts_of(req).origin, req.body()};
    auto res = make_response(req, s.handler.on_request(r));
    const bool keep = res.keep_alive();
    auto [write_error, written] = co_await http::async_write(stream, res, as_result);
    if (write_error || !keep) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

}  // namespace

std::unique_ptr<http_server> http_server::bind(asio::any_io_executor executor, http_server_options options,
                                               dashboard::access_policy policy, http_handler& handler, std::string& error) {
  auto s = std::make_shared<state>(executor, std::move(options), std::move(policy), handler);
  const tcp::endpoint at(s->options.address, s->options.port);
  beast::error_code ec;
  s->acceptor.open(at.protocol(), ec);
  if (!ec) s->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s->acceptor.bind(at, ec);
  if (!ec) s->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    error = "--http " + at.address().to_string() + ":" + std::to_string(at.port()) + ": cannot listen: " + ec.message();
    return nullptr;
  }
  return std::unique_ptr<http_server>(new http_server(std::move(s)));
}

http_server::http_server(std::shared_ptr<state> s) : state_(std::move(s)) {}
http_server::~http_server() = default;

std::uint16_t http_server::port() const { return state_->acceptor.local_endpoint().port(); }
const http_server_stats& http_server::stats() const { return state_->stats; }
void http_server::set_origins(std::vector<std::string> origins) { state_->policy.origins = std::move(origins); }

void http_server::publish(std::shared_ptr<const std::string> text) {
  state_->latest = text;
  for (page_slot* p : state_->pages) {
    if (p->pending) ++state_->stats.states_dropped;
    p->pending = text;
    p->wake.cancel();
  }
}

asio::awaitable<void> http_server::run() {
  co_await asio::this_coro::throw_if_cancelled(false);
  co_await asio::this_coro::reset_cancellation_state(asio::enable_total_cancellation());
  auto sp = state_;
  state& s = *sp;
  auto ex = co_await asio::this_coro::executor;
  for (;;) {
    auto [ec, socket] = co_await s.acceptor.async_accept(as_result);
    if (ec) break;
    if (s.stats.open_connections >= s.options.max_connections) {
      ++s.stats.refused_connections;
      continue;  // the socket closes here
    }
    ++s.stats.connections;
    ++s.stats.open_connections;
    auto entry = s.connections.emplace(s.connections.end());
    asio::co_spawn(ex, serve_connection(sp, std::move(socket)),
                   asio::bind_cancellation_slot(entry->stop.slot(), [sp, entry](std::exception_ptr e) {
                     sp->connections.erase(entry);
                     --sp->stats.open_connections;
                     sp->drained.cancel();
                     if (e) std::rethrow_exception(e);  // a bug: let it reach the root
                   }));
  }
  // Stopping: every connection is told to end (terminal: Beast's operations honour only that),
  // and the server waits for them, so nothing it owns outlives it.
  s.stopping = true;
  beast::error_code ignored;
  s.acceptor.close(ignored);
  for (page_slot* p : s.pages) p->wake.cancel();
  for (auto& c : s.connections) c.stop.emit(asio::cancellation_type::terminal);
  while (!s.connections.empty()) {
    s.drained.expires_after(std::chrono::milliseconds(100));
    co_await s.drained.async_wait(as_result);
  }
}

}  // namespace replayer::net
