// What the dashboard costs the live path: feed-to-decision latency with 10 dashboard pages
// connected, against none, in the same run. The fake server runs on a thread of its own (it is
// another process in real life) and notes when it starts writing each event; replayer's live
// path (feed client, live pipeline, session with a strategy, the dashboard server and its
// publisher) runs on one io_context as `replayer live --http` does; 10 page clients (WebSocket,
// reading every state as a tab would) on a third thread. Latency = the session's decision on an
// event minus the server's sending it, per event; the runs alternate, 0 pages then 10, three
// times each. Prints figures; asserts nothing (docs/benchmarks.md).
//   dashboard_bench [--ticks N] [--speed X] [--pages N]
#include "app/dashboard.hpp"
#include "app/live_dashboard.hpp"
#include "app/live_pipeline.hpp"
#include "core/feed/fake_feed.hpp"
#include "core/trading/builtin_strategies.hpp"
#include "core/trading/rule_strategy.hpp"
#include "net/asio_aliases.hpp"
#include "net/fake_server.hpp"

#include "synthetic_feed.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <thread>

using namespace replayer;
namespace asio = boost::asio;
using clock_type = std::chrono::steady_clock;

namespace {

struct figures {
  double p50 = 0, p99 = 0, mean = 0;
  std::uint64_t states_sent = 0, states_dropped = 0;
};

// Notes when the session has decided on each event (the events are all gameStateUpdates).
class timed final : public net::feed_handler {
public:
  timed(app::live_pipeline& inner, std::vector<clock_type::time_point>& decided, std::function<void()> done)
      : inner_(inner), decided_(decided), done_(std::move(done)) {}
  void on_connected(std::string_view a) override { inner_.on_connected(a); }
  void on_protocol_error(const socketio::protocol_error& e) override { inner_.on_protocol_error(e); }
  void on_disconnected(std::string_view c, std::chrono::milliseconds r) override { inner_.on_disconnected(c, r); }
  void on_event(const socketio::event& e, timestamp received) override {
    inner_.on_event(e, received);
    if (next_ < decided_.size()) decided_[next_] = clock_type::now();
    if (++next_ == decided_.size()) done_();
  }

private:
  app::live_pipeline& inner_;
  std::vector<clock_type::time_point>& decided_;
  std::function<void()> done_;
  std::size_t next_ = 0;
};

// A dashboard tab: connects to /ws with the token and reads states until the socket closes.
asio::awaitable<void> page(std::uint16_t port, std::string target, std::string origin, std::atomic<std::uint64_t>& states) {
  net::websocket::stream<net::beast::tcp_stream> ws(co_await asio::this_coro::executor);
  co_await net::beast::get_lowest_layer(ws).async_connect(
      net::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), asio::use_awaitable);
  ws.set_option(net::websocket::stream_base::decorator(
      [origin](net::websocket::request_type& r) { r.set(net::beast::http::field::origin, origin); }));
  co_await ws.async_handshake("127.0.0.1", target, asio::use_awaitable);
  net::beast::flat_buffer in;
  for (;;) {
    auto [ec, n] = co_await ws.async_read(in, net::as_result);
    if (ec) co_return;
    in.consume(in.size());
    ++states;
  }
}

figures run(const std::vector<scripted_event>& script, double speed, int pages) {
  const std::size_t n = script.size();
  std::vector<clock_type::time_point> sent(n), decided(n);

  asio::io_context server_ioc(1);
  net::fake_server_options server_options;
  server_options.speed = speed;
  server_options.on_send = [&](std::size_t i) {
    if (i < n) sent[i] = clock_type::now();
  };
  net::fake_server server(server_ioc.get_executor(), server_options, script);
  asio::cancellation_signal stop_server;
  asio::co_spawn(server_ioc, server.run(), asio::bind_cancellation_slot(stop_server.slot(), asio::detached));
  std::thread server_thread([&] { server_ioc.run(); });

  asio::io_context ioc(1);
  const rule_strategy strategy = [] {
    for (const auto& b : builtin_strategies())
      if (b.name == "aggressive") return *rule_strategy::parse(b.json, b.name);
    std::exit(1);
  }();
  trading_settings settings;
  backtest_run trades(settings, [&] { return std::make_unique<rule_strategy>(strategy); }, {});
  std::unique_ptr<session> current;
  app::live_dashboard* sink = nullptr;
  app::live_pipeline pipeline(&trades, [&](std::string_view) -> session& {
    if (!current) current = make_paper_session(settings, [&] { return std::make_unique<rule_strategy>(strategy); }, {false, sink});
    return *current;
  }, nullptr);
  app::live_dashboard board(pipeline, nullptr, true, strategy.name(), settings, nullptr);
  sink = &board;
  board.set_session([&]() -> const session* { return current.get(); });
  auto dashboard = app::dashboard_server::open({"127.0.0.1:0", false}, ioc.get_executor(), board);
  if (!dashboard) {
    std::fprintf(stderr, "dashboard_bench: %s\n", dashboard.error().message.c_str());
    std::exit(1);
  }
  board.watch_pipeline();
  const std::string url = (*dashboard)->url();
  const std::string origin = url.substr(0, url.find('/', 7));
  const auto port = static_cast<std::uint16_t>(std::stoi(origin.substr(origin.rfind(':') + 1)));
  const std::string target = "/ws" + url.substr(url.find('?'));

  asio::cancellation_signal stop_client, stop_dashboard;
  timed handler(pipeline, decided, [&] {
    stop_client.emit(asio::cancellation_type::total);
    stop_dashboard.emit(asio::cancellation_type::total);
  });
  net::feed_client_options client;
  client.url = *parse_feed_url("ws://127.0.0.1:" + std::to_string(server.port()));
  asio::co_spawn(ioc, (*dashboard)->run(), asio::bind_cancellation_slot(stop_dashboard.slot(), asio::detached));

  asio::io_context pages_ioc(1);
  std::atomic<std::uint64_t> states{0};
  for (int i = 0; i < pages; ++i) asio::co_spawn(pages_ioc, page(port, target, origin, states), asio::detached);
  std::thread pages_thread([&] { pages_ioc.run(); });
  // The pages connect before the feed starts.
  ioc.run_for(std::chrono::milliseconds(300));
  ioc.restart();
  asio::co_spawn(ioc, net::run_feed(client, handler), asio::bind_cancellation_slot(stop_client.slot(), asio::detached));
  ioc.run();
  const auto& stats = (*dashboard)->server_stats();
  figures f;
  f.states_sent = stats.states_sent;
  f.states_dropped = stats.states_dropped;
  dashboard->reset();
  stop_server.emit(asio::cancellation_type::total);
  server_ioc.stop();
  server_thread.join();
  pages_ioc.stop();
  pages_thread.join();

  std::vector<double> micros;
  micros.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    if (decided[i] > sent[i]) micros.push_back(std::chrono::duration<double, std::micro>(decided[i] - sent[i]).count());
  double sum = 0;
  for (double m : micros) sum += m;
  f.mean = sum / static_cast<double>(micros.size());
  f.p50 = bench::percentile(micros, 0.5);
  f.p99 = bench::percentile(micros, 0.99);
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t ticks = 3000;
  double speed = 50;
  int pages = 10;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--ticks") == 0) ticks = std::strtoull(argv[i + 1], nullptr, 10);
    else if (std::strcmp(argv[i], "--speed") == 0) speed = std::strtod(argv[i + 1], nullptr);
    else if (std::strcmp(argv[i], "--pages") == 0) pages = std::atoi(argv[i + 1]);
  }
  std::vector<scripted_event> script;
  const auto games = bench::synthetic_games(ticks);
  for (const game& g : games) append_game_events(g, games.front().ticks.front().time, script);
  std::printf("dashboard_bench: %zu events at speed %g (one every %.1f ms), feed to decision, %d pages vs none\n",
              script.size(), speed, 250.0 / speed, pages);
  std::vector<double> none_p50, with_p50;
  for (int round = 0; round < 3; ++round) {
    for (int p : {0, pages}) {
      const figures f = run(script, speed, p);
      std::printf("  %2d pages: p50 %7.1f us, p99 %7.1f us, mean %7.1f us; %llu states sent, %llu dropped\n", p, f.p50, f.p99,
                  f.mean, static_cast<unsigned long long>(f.states_sent), static_cast<unsigned long long>(f.states_dropped));
      (p == 0 ? none_p50 : with_p50).push_back(f.p50);
    }
  }
  const double none = bench::percentile(none_p50, 0.5), with = bench::percentile(with_p50, 0.5);
  std::printf("  median p50: %.1f us without pages, %.1f us with %d: %+.1f %% (target: within 10 %%)\n", none, with, pages,
              100.0 * (with - none) / none);
}
