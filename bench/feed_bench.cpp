// The live path's speed and memory, on loopback:
//   - in one process, the real client (net/feed_client) against the fake server (net/fake_server)
//     on one io_context, as fast as the client reads: frames of recording size (~300 B) and of
//     the real server's size (~14 KB, the leaderboard included), every frame through the live
//     pipeline (tick converter, game splitter, the session with a strategy and paper fills):
//     throughput in ticks/s, zero loss (ticks handed to the session = ticks sent), and the time
//     from a frame's arrival to the session's decision on it, p50 / p99 / max in microseconds;
//   - peak RSS of `replayer live` (whole process, its VmHWM) over a one-million-tick feed (2,000
//     games of 500 ticks) from
//     `replayer fake-server`, beside the same over 100,000 ticks: flat, not growing with the run.
// Prints figures; asserts nothing (docs/benchmarks.md has the targets and the figures).
//   feed_bench [--ticks N] [--replayer PATH]
#include "app/live_pipeline.hpp"
#include "core/feed/fake_feed.hpp"
#include "core/trading/builtin_strategies.hpp"
#include "core/trading/rule_strategy.hpp"
#include "net/fake_server.hpp"

#include "process_run.hpp"
#include "synthetic_feed.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/io_context.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace replayer;
using bench::percentile;
using bench::synthetic_games;
namespace fs = std::filesystem;
namespace asio = boost::asio;

namespace {

using clock_type = std::chrono::steady_clock;

// Pads every payload to about `bytes` with a leaderboard-like array, as the real server sends.
void pad_payloads(std::vector<scripted_event>& events, std::size_t bytes) {
  std::string board = ", \"leaderboard\": [";
  for (int i = 0; board.size() < bytes; ++i) {
    if (i) board += ", ";
    board += "{\"id\": \"did:privy:cmigqkf0f00x4jm0cuxvd" + std::to_string(1000 + i) +
             "\", \"username\": \"player\", \"level\": 43, \"pnl\": 0.264879755, \"regularPnl\": 0.264879755, "
             "\"sidebetPnl\": 0, \"positionQty\": 0.2222919, \"avgCost\": 1.259605046, \"totalInvested\": 0.251352892}";
  }
  board += "]}";
  for (auto& e : events) {
    e.payload.pop_back();
    e.payload += board;
  }
}

// Times every frame from its arrival to the end of the session's work on it.
class timed_pipeline final : public net::feed_handler {
public:
  timed_pipeline(app::live_pipeline& inner, std::size_t expected, std::function<void()> done)
      : inner_(inner), expected_(expected), done_(std::move(done)) {
    micros_.reserve(expected);
  }
  void on_connected(std::string_view a) override { inner_.on_connected(a); }
  void on_protocol_error(const socketio::protocol_error& e) override { inner_.on_protocol_error(e); }
  void on_disconnected(std::string_view c, std::chrono::milliseconds r) override { inner_.on_disconnected(c, r); }
  void on_event(const socketio::event& e, timestamp received) override {
    const auto arrived = clock_type::now();
    if (micros_.empty()) first_ = arrived;
    inner_.on_event(e, received);
    const auto decided = clock_type::now();
    micros_.push_back(std::chrono::duration<double, std::micro>(decided - arrived).count());
    last_ = decided;
    if (micros_.size() == expected_) done_();
  }
  std::vector<double>& micros() { return micros_; }
  double seconds() const { return std::chrono::duration<double>(last_ - first_).count(); }

private:
  app::live_pipeline& inner_;
  std::size_t expected_;
  std::function<void()> done_;
  std::vector<double> micros_;
  clock_type::time_point first_, last_;
};

rule_strategy builtin(std::string_view name) {
  for (const auto& b : builtin_strategies())
    if (b.name == name) return *rule_strategy::parse(b.json, b.name);
  std::exit(1);
}

void in_process(const char* label, std::size_t ticks, std::size_t payload_bytes) {
  std::vector<scripted_event> events;
  const auto games = synthetic_games(ticks);
  for (const game& g : games) append_game_events(g, games.front().ticks.front().time, events);
  if (payload_bytes) pad_payloads(events, payload_bytes);
  const std::size_t frame_bytes = events[events.size() / 2].payload.size();

  asio::io_context ioc(1);
  net::fake_server_options server_options;
  server_options.speed = 0;
  net::fake_server server(ioc.get_executor(), server_options, std::move(events));
  const rule_strategy strategy = builtin("aggressive");
  trading_settings settings;
  auto session = make_paper_session(settings, [&] { return std::make_unique<rule_strategy>(strategy); }, {});
  backtest_run run(settings, [&] { return std::make_unique<rule_strategy>(strategy); }, {});
  app::live_pipeline pipeline(&run, [&](std::string_view) -> replayer::session& { return *session; }, nullptr);
  asio::cancellation_signal stop_client, stop_server;
  timed_pipeline timed(pipeline, ticks, [&] {
    stop_client.emit(asio::cancellation_type::total);
    stop_server.emit(asio::cancellation_type::total);
  });
  net::feed_client_options client;
  client.url = *parse_feed_url("ws://127.0.0.1:" + std::to_string(server.port()));
  asio::co_spawn(ioc, server.run(), asio::bind_cancellation_slot(stop_server.slot(), asio::detached));
  asio::co_spawn(ioc, net::run_feed(client, timed), asio::bind_cancellation_slot(stop_client.slot(), asio::detached));
  ioc.run();
  pipeline.finish(timestamp{});
  const std::size_t handed = pipeline.ticks().ticks;
  auto& m = timed.micros();
  std::printf("  %-28s %7zu frames of ~%6zu B: %9.0f ticks/s, %s loss (%zu of %zu ticks to the session); "
              "arrival to decision p50 %.1f us, p99 %.1f us, max %.1f us\n",
              label, m.size(), frame_bytes, double(m.size()) / timed.seconds(), handed == ticks ? "zero" : "SOME",
              handed, ticks, percentile(m, 0.5), percentile(m, 0.99), percentile(m, 1.0));
}

// The peak resident size of a running process (its VmHWM), in KiB; 0 when it cannot be read.
long vm_hwm_kb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  return 0;
}

// `replayer live` against `replayer fake-server` over recordings of `ticks` ticks: the client's
// peak RSS (wait4) and wall time.
void whole_process(const std::string& binary, std::size_t ticks) {
  const fs::path dir = fs::temp_directory_path() / ("replayer_feed_bench_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ofstream out(dir / "bench.jsonl", std::ios::binary);
    std::string line;
    for (const game& g : synthetic_games(ticks))
      for (const tick& t : g.ticks) {
        line.clear();
        encode_tick(line, t);
        out << line << '\n';
      }
  }
  // The server on a fixed port, found free by binding to port 0 first.
  asio::io_context probe;
  asio::ip::tcp::acceptor a(probe, {asio::ip::make_address("127.0.0.1"), 0});
  const std::string port = std::to_string(a.local_endpoint().port());
  a.close();
  std::fflush(stdout);  // or the children print it again
  pid_t server = fork();
  if (server == 0) {
    std::freopen("/dev/null", "w", stderr);
    execl(binary.c_str(), binary.c_str(), "fake-server", "--port", port.c_str(), "--speed", "0",
          (dir / "bench.jsonl").c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  ::usleep(2'000'000 + static_cast<useconds_t>(ticks));  // the server reads its script first
  const auto start = clock_type::now();
  pid_t client = fork();
  if (client == 0) {
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    execl(binary.c_str(), binary.c_str(), "live", "--strategy", "aggressive", "--url",
          ("ws://127.0.0.1:" + port).c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Stops the client once it has had time to take every tick: a fixed generous wait scaled to
  // the run, then SIGINT (it prints its summary and exits).
  ::usleep(static_cast<useconds_t>(ticks * 40 + 1'000'000));
  // VmHWM, not wait4's ru_maxrss: that one also counts what this (large) process held when the
  // child was forked.
  const long peak_kb = vm_hwm_kb(client);
  kill(client, SIGINT);
  int status = 0;
  waitpid(client, &status, 0);
  const double seconds = std::chrono::duration<double>(clock_type::now() - start).count();
  kill(server, SIGINT);
  waitpid(server, nullptr, 0);
  std::error_code ec;
  fs::remove_all(dir, ec);
  std::printf("  %8zu ticks: replayer live peak RSS %.1f MB (exit %d, %.1f s including the wait)\n", ticks,
              double(peak_kb) / 1024, WIFEXITED(status) ? WEXITSTATUS(status) : -1, seconds);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t ticks = 100'000;
  std::string binary = (fs::path(argv[0]).parent_path() / ".." / "app" / "replayer").string();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--ticks") == 0) ticks = std::strtoull(argv[i + 1], nullptr, 10);
    else if (std::strcmp(argv[i], "--replayer") == 0) binary = argv[i + 1];
  }
  std::printf("feed_bench: client and fake server in one process, one io_context, loopback\n");
  in_process("recording-size payloads", ticks, 0);
  in_process("real-size payloads (14 KB)", ticks / 4, 14'000);
  std::printf("\nwhole process: replayer live against replayer fake-server\n");
  whole_process(binary, 100'000);
  whole_process(binary, 1'000'000);
  std::printf("\ntargets: >= 50,000 ticks/s for small payloads and >= 20,000 for 14 KB ones with zero loss; "
              "arrival to decision p99 < 100 us; RSS flat under 50 MB\n");
  return 0;
}
