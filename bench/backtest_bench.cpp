// Backtest speed and memory over the shared recordings (REPLAYER_SHARED_DIR/data/recordings):
//   - games held in memory, per built-in strategy: session wallet, per-game wallets on one and
//     two threads (run_backtest, the code `backtest` and sweeps run);
//   - the whole process, as a user runs it: `replayer backtest --strategy conservative
//     --wallet per-game --jobs 1` and `--jobs 2` (and the session wallet), median wall time,
//     million tick lines per second, and the speed-up of two jobs over one, measured in the
//     same run;
//   - peak RSS of the whole process over 1,000 recordings (the corpus's files repeated through
//     symbolic links in a temporary folder) beside the 310 files of the corpus: flat, not
//     growing with the corpus;
//   - a 100-point sweep (buy_below x take_profit_pct, 10 x 10, on conservative), whole process,
//     --jobs 1 and 2.
// Prints figures; asserts nothing. docs/benchmarks.md states the targets and the figures.
//   backtest_bench [--seconds S] [--runs N] [--dir RECORDINGS] [--replayer PATH]
//     S: minimum time per in-memory figure (default 1); N: runs per whole-process figure (default 5)
#include "core/line_source.hpp"
#include "core/recording_reader.hpp"
#include "core/trading/backtest.hpp"
#include "core/trading/builtin_strategies.hpp"
#include "core/trading/rule_strategy.hpp"

#include "bench_support.hpp"
#include "process_run.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace replayer;
namespace fs = std::filesystem;
using bench::clock_type;
using bench::seconds_since;

namespace {

std::vector<game> read_file(const fs::path& path) {
  std::vector<game> out;
  auto lines = file_lines::open(path);
  if (!lines) return out;
  recording_reader reader(path.string(), *lines);
  while (auto g = reader.next_game()) out.push_back(std::move(*g));
  return out;
}

std::vector<game> read_files(const std::vector<fs::path>& files) {
  std::vector<game> games;
  for (const auto& f : files)
    for (auto& g : read_file(f)) games.push_back(std::move(g));
  return games;
}

rule_strategy builtin(std::string_view name) {
  for (const auto& b : builtin_strategies())
    if (b.name == name) return *rule_strategy::parse(b.json, b.name);
  std::fprintf(stderr, "no built-in strategy %s\n", std::string(name).c_str());
  std::exit(1);
}

strategy_factory factory_of(const rule_strategy& s) {
  return [&s] { return std::make_unique<rule_strategy>(s); };
}

// Repeats `run` (which returns the ticks it played) for at least `min_seconds`; ticks per second.
template <class F>
double rate(double min_seconds, F run) {
  std::size_t ticks = 0;
  const double elapsed = bench::repeat_for(min_seconds, [&] { ticks += run(); });
  return double(ticks) / elapsed;
}

// A folder of `count` recordings: the corpus's files again and again, as symbolic links.
fs::path repeated_corpus(const std::vector<fs::path>& files, std::size_t count) {
  const fs::path dir = fs::temp_directory_path() / ("replayer_bench_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (std::size_t i = 0; i < count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "copy_%05zu.jsonl", i);
    fs::create_symlink(fs::absolute(files[i % files.size()]), dir / name);
  }
  return dir;
}

void print_process(const char* label, const bench::process_figures& f, std::size_t ticks) {
  if (!f.ok) {
    std::printf("  %-44s failed (is the binary built? run it by hand to see why)\n", label);
    return;
  }
  std::printf("  %-44s %8.1f ms  %6.2f M ticks/s  cpu %6.1f ms  peak RSS %6.1f MB\n", label, f.seconds * 1e3,
              double(ticks) / f.seconds / 1e6, f.cpu_seconds * 1e3, double(f.max_rss_kb) / 1024);
}

}  // namespace

int main(int argc, char** argv) {
  double min_seconds = 1.0;
  int runs = 5;
  fs::path dir = bench::shared_recordings_dir();
  std::string binary = (fs::path(argv[0]).parent_path() / ".." / "app" / "replayer").string();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--seconds") == 0) min_seconds = std::atof(argv[i + 1]);
    else if (std::strcmp(argv[i], "--runs") == 0) runs = std::max(1, std::atoi(argv[i + 1]));
    else if (std::strcmp(argv[i], "--dir") == 0) dir = argv[i + 1];
    else if (std::strcmp(argv[i], "--replayer") == 0) binary = argv[i + 1];
  }
  const std::vector<fs::path> files = bench::recording_files(dir);
  if (files.empty()) {
    std::printf("no recordings under %s; nothing to measure\n", dir.string().c_str());
    return 0;
  }

  // Whole-process figures first: a child's peak RSS counts what this process held when it was
  // spawned, so they are taken before the corpus is loaded here.
  std::size_t ticks = 0;
  for (const auto& f : files)
    for (const auto& g : read_file(f)) ticks += g.ticks.size();
  double load[1] = {0};
  if (getloadavg(load, 1) != 1) load[0] = -1;
  // Two-thread figures only beat one thread when the second core is idle: the load says.
  std::printf("corpus: %s, %zu files, %zu tick lines\nhardware threads: %u, load average %.2f; whole-process "
              "figures are the median of %d runs, in-memory ones timed over >= %.1f s each\n",
              dir.string().c_str(), files.size(), ticks, std::thread::hardware_concurrency(), load[0], runs,
              min_seconds);
  std::printf("\nwhole process: %s backtest --strategy conservative ...\n", binary.c_str());
  auto backtest_args = [&](const std::string& wallet, int jobs, const fs::path& where) {
    return std::vector<std::string>{binary, "backtest", "--strategy", "conservative", "--wallet", wallet,
                                    "--jobs", std::to_string(jobs), where.string()};
  };
  const auto per_game_1 = bench::median_run(backtest_args("per-game", 1, dir), runs);
  const auto per_game_2 = bench::median_run(backtest_args("per-game", 2, dir), runs);
  const auto session_1 = bench::median_run(backtest_args("session", 1, dir), runs);
  const auto session_2 = bench::median_run(backtest_args("session", 2, dir), runs);
  print_process("--wallet per-game --jobs 1", per_game_1, ticks);
  print_process("--wallet per-game --jobs 2", per_game_2, ticks);
  print_process("--wallet session --jobs 1", session_1, ticks);
  print_process("--wallet session --jobs 2", session_2, ticks);
  if (per_game_1.ok && per_game_2.ok && session_1.ok && session_2.ok)
    std::printf("  speed-up of --jobs 2 over --jobs 1: per-game %.2fx, session %.2fx\n",
                per_game_1.seconds / per_game_2.seconds, session_1.seconds / session_2.seconds);

  const std::size_t many = 1000;
  const fs::path repeated = repeated_corpus(files, many);
  const auto corpus_rss = bench::median_run(backtest_args("session", 1, dir), 1);
  const auto many_rss = bench::median_run(backtest_args("session", 1, repeated), 1);
  std::error_code ec;
  fs::remove_all(repeated, ec);
  std::printf("\npeak RSS, whole process, backtest --wallet session --jobs 1, no --report\n");
  if (corpus_rss.ok && many_rss.ok)
    std::printf("  %zu recordings: %.1f MB; %zu recordings: %.1f MB\n", files.size(), double(corpus_rss.max_rss_kb) / 1024,
                many, double(many_rss.max_rss_kb) / 1024);
  else
    std::printf("  could not be measured (the binary failed)\n");

  std::printf("\nsweep: 100 points (buy_below 1.1..2 x take_profit_pct 10..100) on conservative, whole process\n");
  for (int jobs : {1, 2}) {
    const auto f = bench::median_run({binary, "backtest", "--strategy", "conservative", "--jobs", std::to_string(jobs),
                                      "--sweep=buy_below=1.1:2:0.1", "--sweep=take_profit_pct=10:100:10", "--",
                                      dir.string()},
                                     1);
    if (f.ok)
      std::printf("  --jobs %d: %.3f s (%.2f million ticks/s over the points)\n", jobs, f.seconds,
                  double(ticks * 100) / f.seconds / 1e6);
    else
      std::printf("  --jobs %d: failed\n", jobs);
  }

  const auto read_start = clock_type::now();
  const std::vector<game> games = read_files(files);
  const double read_seconds = seconds_since(read_start);
  std::printf("\nin memory: %zu games read and parsed in %.3f s (%.2f million ticks/s); run_backtest, million tick "
              "lines/s\n",
              games.size(), read_seconds, double(ticks) / read_seconds / 1e6);
  std::printf("  %-13s %12s %16s %16s\n", "strategy", "session", "per-game 1 thr", "per-game 2 thr");
  for (const auto& b : builtin_strategies()) {
    const rule_strategy s = builtin(b.name);
    trading_settings session;
    trading_settings per_game;
    per_game.wallet = wallet_mode::per_game;
    auto measure = [&](const trading_settings& settings, std::size_t jobs) {
      return rate(min_seconds, [&] {
        run_backtest(games, settings, factory_of(s), {jobs, false});
        return ticks;
      });
    };
    std::printf("  %-13s %12.2f %16.2f %16.2f\n", std::string(b.name).c_str(), measure(session, 1) / 1e6,
                measure(per_game, 1) / 1e6, measure(per_game, 2) / 1e6);
  }

  std::printf("\ntargets: per-game --jobs 1 >= 2 M ticks/s (floor 1.5 M); --jobs 2 >= 1.6x --jobs 1 on an idle "
              "2-core machine; peak RSS over 1,000 recordings < 30 MB; 100-point sweep < 5 s on 2 cores\n");
  return 0;
}
