// `replayer fake-server`: recordings (and raw captures such as
// ../shared/data/feed/gamestate_samples.jsonl) served as a live Socket.IO v4 endpoint on
// 127.0.0.1, with fault flags for tests and demos (net/fake_server). Runs until Ctrl-C.
#include "app/command.hpp"
#include "app/logging.hpp"
#include "app/recording_paths.hpp"
#include "app/root.hpp"
#include "core/concat.hpp"
#include "core/line_source.hpp"
#include "core/recording_reader.hpp"
#include "net/fake_server.hpp"

#include <boost/asio/this_coro.hpp>

#include <ostream>

namespace replayer::app {
namespace {

namespace asio = boost::asio;

struct fake_server_cli {
  net::fake_server_options server;
  std::int64_t ping_interval_ms = 25'000;
  std::int64_t ping_timeout_ms = 20'000;
  std::vector<std::string> paths;
};

// A file is a raw capture when its first line is a {"timestamp", "event_type", "data"} object.
bool is_capture(const std::filesystem::path& path) {
  auto lines = file_lines::open(path);
  if (!lines) return false;
  while (auto line = lines->next())
    if (!line->text.empty()) return line->text.find("\"event_type\"") != std::string_view::npos;
  return false;
}

// The script: every file in order; each game or capture starts right after the one before.
boost::system::result<std::vector<scripted_event>, usage_error> build_script(const std::vector<std::filesystem::path>& files) {
  using result = boost::system::result<std::vector<scripted_event>, usage_error>;
  std::vector<scripted_event> script;
  std::chrono::microseconds next_start{0};
  auto append = [&](std::vector<scripted_event>& part) {
    const auto base = next_start;
    for (auto& e : part) {
      e.at += base;
      next_start = e.at + std::chrono::milliseconds(100);
      script.push_back(std::move(e));
    }
    part.clear();
  };
  std::vector<scripted_event> part;
  for (const auto& path : files) {
    auto lines = file_lines::open(path);
    if (!lines) return result(boost::system::in_place_error, usage_error{concat({path.string(), ": cannot read file: ", lines.error().message()})});
    if (is_capture(path)) {
      std::optional<timestamp> origin;
      while (auto line = lines->next()) {
        if (line->text.empty()) continue;
        if (!origin) origin = capture_line_time(line->text);
        auto e = origin ? parse_capture_line(line->text, *origin)
                        : boost::system::result<scripted_event, std::string>(boost::system::in_place_error, "no readable timestamp");
        if (!e) {
          log_warning(concat({path.string(), ":", std::to_string(line->number), ": ", e.error(), "; line skipped"}));
          continue;
        }
        part.push_back(std::move(*e));
      }
      append(part);
      continue;
    }
    recording_reader reader(path.string(), *lines);
    while (auto g = reader.next_game()) {
      if (g->ticks.empty()) continue;
      append_game_events(*g, g->ticks.front().time, part);
      append(part);
    }
  }
  return script;
}

asio::awaitable<int> serve(const fake_server_cli& cli, std::vector<scripted_event> script, const command_io& io) {
  auto executor = co_await asio::this_coro::executor;
  net::fake_server_options options = cli.server;
  // Said once the whole script has been sent, for scripts and tests that wait for it.
  options.on_script_done = [&io, events = script.size()] {
    io.err << "fake-server: script done (" << events << " events sent)" << std::endl;
  };
  options.protocol.open.ping_interval = std::chrono::milliseconds(cli.ping_interval_ms);
  options.protocol.open.ping_timeout = std::chrono::milliseconds(cli.ping_timeout_ms);
  const std::size_t events = script.size();
  net::fake_server server(executor, options, std::move(script));
  io.err << "fake-server: listening on ws://127.0.0.1:" << server.port() << " (" << events << " events)" << std::endl;
  co_await server.run();
  io.err << "fake-server: " << server.stats().connections << " connections, " << server.stats().events_sent
         << " events sent, " << server.stats().events_missed << " missed while no client was connected, "
         << server.stats().faults << " faults, " << server.stats().protocol_errors
         << " protocol errors" << std::endl;
  co_return exit_ok;
}

int run_fake_server(const fake_server_cli& cli, const command_io& io) {
  const auto files = collect_recordings(cli.paths);
  if (!files) return report_usage(io, files.error());
  auto script = build_script(*files);
  if (!script) return report_usage(io, script.error());
  if (script->empty()) return report_usage(io, usage_error{"nothing to serve: the files hold no ticks or events"});
  return run_root([&] { return serve(cli, std::move(*script), io); }, true);
}

}  // namespace

void add_fake_server_command(CLI::App& root, command_main& selected) {
  auto cli = std::make_shared<fake_server_cli>();
  auto* sub = root.add_subcommand("fake-server", "Serve recordings or raw captures as a live Socket.IO endpoint on 127.0.0.1");
  auto& o = cli->server;
  sub->add_option("--port", o.port, "Port (0: any free one, printed at start)")->capture_default_str();
  sub->add_option("--speed", o.speed, "Pace: 1 as recorded, 10 ten times faster, 0 as fast as the client reads")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
  sub->add_flag("--loop", o.loop, "Start again at the end");
  sub->add_option("--drop-every", o.drop_every, "Fault: close the TCP connection after every N events");
  sub->add_option("--restart-every", o.restart_every, "Fault: end the session (close packet) after every N events");
  sub->add_option("--garbage-every", o.garbage_every, "Fault: a frame that is not Engine.IO after every N events");
  sub->add_option("--oversized-every", o.oversized_every, "Fault: a 2 MiB frame after every N events");
  sub->add_option("--stall-every", o.stall_every, "Fault: pause after every N events (see --stall-ms)");
  sub->add_option("--stall-ms", o.stall_for, "How long a stall lasts, in milliseconds");
  sub->add_option("--silent-after", o.silent_after, "Fault: after N events send nothing more, not even pings");
  sub->add_option("--ping-interval-ms", cli->ping_interval_ms, "The pingInterval announced")->capture_default_str()
      ->check(CLI::Range(std::int64_t{10}, std::int64_t{600'000}));
  sub->add_option("--ping-timeout-ms", cli->ping_timeout_ms, "The pingTimeout announced")->capture_default_str()
      ->check(CLI::Range(std::int64_t{10}, std::int64_t{600'000}));
  sub->add_option("paths", cli->paths, "Recordings or raw captures (files or folders)")->required();
  sub->callback([cli, &selected]() { selected = [cli](const command_io& io) { return run_fake_server(*cli, io); }; });
}

}  // namespace replayer::app
