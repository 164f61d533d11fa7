// `replayer replay PATH...`: plays every game of the recordings and prints one line per game.
#include "app/bad_line_log.hpp"
#include "app/command.hpp"
#include "app/game_report.hpp"
#include "app/printable_text.hpp"
#include "app/recording_paths.hpp"
#include "app/root.hpp"
#include "app/speed.hpp"
#include "app/terminal_status.hpp"
#include "core/recording_reader.hpp"
#include "core/replay_clock.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <ostream>

namespace replayer::app {
namespace {

namespace asio = boost::asio;

struct replay_options {
  std::vector<std::string> paths;
  std::string speed = "max";
  bool json = false;
  bool quiet = false;
};

// Shows the game's ticks at the recording's own pace; false when cancelled.
asio::awaitable<bool> play_paced(const game& g, double speed, terminal_status& status) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  const tick* previous = nullptr;
  for (const tick& t : g.ticks) {
    if (previous) {
      timer.expires_after(replay_delay(previous->time, t.time, speed));
      auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
      if (ec) co_return false;
    }
    status.show(printable(g.id) + "  tick " + std::to_string(t.index) + "  " + std::string(t.price.text()) + "x  " +
                std::string(phase_name(t.phase)));
    previous = &t;
  }
  co_return true;
}

asio::awaitable<int> replay(const replay_options& opts, const std::vector<std::filesystem::path>& files,
                            std::size_t skipped, std::optional<double> speed, const command_io& io) {
  replay_totals totals;
  totals.skipped = skipped;
  terminal_status status(io.err, io.err_is_terminal);
  bad_line_log bad_lines;
  for (const auto& path : files) {
    auto lines = file_lines::open(path);
    if (!lines) {  // gone or unreadable since the folder was listed: the others are still read
      status.clear();  // warnings are never glued to the progress bar
      warn_skipped(io, {path.string() + ": cannot read file: " + lines.error().message() + "; skipped"});
      ++totals.skipped;
      continue;
    }
    recording_reader reader(path.string(), *lines, [&](const bad_line& b) {
      status.clear();
      bad_lines(b);
    });
    while (auto g = reader.next_game()) {
      if (speed && !co_await play_paced(*g, *speed, status)) {
        totals.interrupted = true;
        break;
      }
      const game_facts facts = analyse(*g);
      totals.add(facts);
      if (!opts.quiet) {
        status.clear();
        io.out << (opts.json ? game_json_line(*g, facts) : game_text_line(*g, facts)) << '\n';
      }
    }
    status.clear();
    bad_lines.end_file();
    if (auto ec = lines->read_error())
      io.err << "replayer: " << path.string() << ": read error: " << ec.message() << '\n';
    totals.bad_lines += reader.bad_lines();
    ++totals.files;
    if (!speed) status.progress(totals.files, files.size(), "files");
    if (totals.interrupted || co_await stop_requested()) {
      totals.interrupted = true;
      break;
    }
  }
  status.clear();
  io.out << (opts.json ? totals_json(totals) : totals_text(totals)) << '\n';
  io.out.flush();
  // Nothing but bad lines (not a recording at all) is a problem found, not a replay.
  co_return totals.games == 0 && totals.bad_lines > 0 ? exit_problems_found : exit_ok;
}

int run_replay(const replay_options& opts, const command_io& io) {
  const auto speed = parse_speed(opts.speed);
  if (!speed) return report_usage(io, speed.error());
  std::vector<std::string> skipped;
  const auto files = collect_recordings(opts.paths, &skipped);
  if (!files) return report_usage(io, files.error());
  warn_skipped(io, skipped);
  return run_root([&]() { return replay(opts, *files, skipped.size(), *speed, io); });
}

}  // namespace

void add_replay_command(CLI::App& root, command_main& selected) {
  auto opts = std::make_shared<replay_options>();
  auto* sub = root.add_subcommand("replay", "Play recorded games and print one line per game");
  sub->add_option("paths", opts->paths, "Recording files or folders (searched recursively for *.jsonl)")->required();
  with_env(sub->add_option("--speed", opts->speed,
                           "Pace by the recording's timestamps scaled by this factor, or 'max' for no waiting")
               ->capture_default_str());
  sub->add_flag("--json", opts->json, "One JSON object per game, then a summary object");
  sub->add_flag("--quiet", opts->quiet, "Print only the final summary");
  sub->callback([opts, &selected]() { selected = [opts](const command_io& io) { return run_replay(*opts, io); }; });
}

}  // namespace replayer::app
