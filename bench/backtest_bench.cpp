// Backtest throughput over the shared recordings (REPLAYER_SHARED_DIR/data/recordings):
//   - games held in memory, per built-in strategy: session wallet (one core) and per-game
//     wallets on one and two threads;
//   - read from files: parse + backtest, on one and two threads;
//   - a 100-point sweep (buy_below x take_profit_pct, 10 x 10, on conservative) over the parsed
//     corpus with one and two workers.
// Prints a table; asserts nothing. Targets: >= 1 million ticks/s per core for a built-in
// strategy; the 100-point sweep under 5 s on two cores.
//   backtest_bench [--seconds S] [--dir RECORDINGS]   S: minimum time per figure (default 1)
#include "core/line_source.hpp"
#include "core/recording_reader.hpp"
#include "core/trading/backtest.hpp"
#include "core/trading/builtin_strategies.hpp"
#include "core/trading/rule_strategy.hpp"
#include "core/trading/sweep.hpp"

#include "bench_support.hpp"

#include <algorithm>
#include <atomic>
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

// Reads the files on `threads` threads; the games come out in file order.
std::vector<game> read_files(const std::vector<fs::path>& files, std::size_t threads) {
  std::vector<std::vector<game>> per_file(files.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) per_file[i] = read_file(files[i]);
  };
  std::vector<std::thread> helpers;
  for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(work);
  work();
  for (auto& h : helpers) h.join();
  std::vector<game> games;
  for (auto& v : per_file)
    for (auto& g : v) games.push_back(std::move(g));
  return games;
}

std::size_t tick_count(const std::vector<game>& games) {
  std::size_t n = 0;
  for (const auto& g : games) n += g.ticks.size();
  return n;
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

std::string digest_run(const std::vector<game>& games, const trading_settings& settings, const rule_strategy& s,
                       std::size_t jobs) {
  return run_backtest(games, settings, factory_of(s), {jobs, false}).summary.digest;
}

struct sweep_result {
  double seconds = 0;
  std::vector<std::string> digests;
};

// The grid's points, each a backtest plus its summary, on `workers` threads over parsed games.
sweep_result sweep(const std::vector<game>& games, const rule_strategy& base,
                   const std::vector<std::vector<std::pair<std::string, std::string>>>& grid, std::size_t workers) {
  std::vector<rule_strategy> points;
  for (const auto& assignment : grid) {
    rule_strategy s = base;
    for (const auto& [k, v] : assignment)
      if (auto e = s.set_parameter(k, v)) {
        std::fprintf(stderr, "sweep: %s\n", e->c_str());
        std::exit(1);
      }
    points.push_back(std::move(s));
  }
  sweep_result r;
  r.digests.resize(points.size());
  const trading_settings settings;
  std::atomic<std::size_t> next{0};
  const auto start = clock_type::now();
  auto work = [&] {
    for (std::size_t i = next++; i < points.size(); i = next++) r.digests[i] = digest_run(games, settings, points[i], 1);
  };
  std::vector<std::thread> helpers;
  for (std::size_t w = 1; w < workers; ++w) helpers.emplace_back(work);
  work();
  for (auto& h : helpers) h.join();
  r.seconds = seconds_since(start);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  double min_seconds = 1.0;
  fs::path dir = bench::shared_recordings_dir();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--seconds") == 0) min_seconds = std::atof(argv[i + 1]);
    else if (std::strcmp(argv[i], "--dir") == 0) dir = argv[i + 1];
  }
  const std::vector<fs::path> files = bench::recording_files(dir);
  if (files.empty()) {
    std::printf("no recordings under %s; nothing to measure\n", dir.string().c_str());
    return 0;
  }

  const auto read_start = clock_type::now();
  const std::vector<game> games = read_files(files, 1);
  const double read_seconds = seconds_since(read_start);
  const std::size_t ticks = tick_count(games);
  std::printf("corpus: %zu files, %zu games, %zu tick lines (read and parsed in %.3f s: %.2f million ticks/s)\n",
              files.size(), games.size(), ticks, read_seconds, double(ticks) / read_seconds / 1e6);
  double load[1] = {0};
  if (getloadavg(load, 1) != 1) load[0] = -1;
  // Two-thread figures only beat one thread when the second core is idle: the load says.
  std::printf("hardware threads: %u, load average %.2f; each figure is timed over >= %.1f s\n\n",
              std::thread::hardware_concurrency(), load[0], min_seconds);

  std::printf("%-13s | %-27s | %-27s | %-27s | %s\n", "strategy", "in memory: session, 1 core",
              "in memory: per-game, 1 thr", "in memory: per-game, 2 thr", "from files: parse + run, 1 / 2 thr");
  std::printf("%-13s | %-27s | %-27s | %-27s | %s\n", "", "million ticks/s", "million ticks/s", "million ticks/s",
              "million ticks/s");
  for (const auto& b : builtin_strategies()) {
    const rule_strategy s = builtin(b.name);
    trading_settings session;
    trading_settings per_game;
    per_game.wallet = wallet_mode::per_game;
    const double m_session = rate(min_seconds, [&] {
      run_backtest(games, session, factory_of(s), {1, false});
      return ticks;
    });
    const double m_one = rate(min_seconds, [&] {
      run_backtest(games, per_game, factory_of(s), {1, false});
      return ticks;
    });
    const double m_two = rate(min_seconds, [&] {
      run_backtest(games, per_game, factory_of(s), {2, false});
      return ticks;
    });
    const double f_one = rate(min_seconds, [&] {
      const auto g = read_files(files, 1);
      run_backtest(g, per_game, factory_of(s), {1, false});
      return tick_count(g);
    });
    const double f_two = rate(min_seconds, [&] {
      const auto g = read_files(files, 2);
      run_backtest(g, per_game, factory_of(s), {2, false});
      return tick_count(g);
    });
    std::printf("%-13s | %27.2f | %27.2f | %27.2f | %.2f / %.2f\n", std::string(b.name).c_str(), m_session / 1e6,
                m_one / 1e6, m_two / 1e6, f_one / 1e6, f_two / 1e6);
  }
  // Run + summarise (digest over the trade log), as every backtest and sweep point does.
  {
    const rule_strategy s = builtin("conservative");
    const trading_settings session;
    const double with_summary = rate(min_seconds, [&] {
      digest_run(games, session, s, 1);
      return ticks;
    });
    std::printf("\nconservative, session, run + summarise + digest, 1 core: %.2f million ticks/s\n", with_summary / 1e6);
  }

  const rule_strategy base = builtin("conservative");
  const auto grid = sweep_grid({*parse_sweep("buy_below=1.1:2:0.1"), *parse_sweep("take_profit_pct=10:100:10")});
  std::printf("\nsweep: %zu points (buy_below 1.1..2 x take_profit_pct 10..100) on conservative, %zu games parsed once\n",
              grid.size(), games.size());
  const sweep_result one = sweep(games, base, grid, 1);
  const sweep_result two = sweep(games, base, grid, 2);
  std::printf("  1 worker : %.3f s (%.2f million ticks/s)\n", one.seconds, double(ticks * grid.size()) / one.seconds / 1e6);
  std::printf("  2 workers: %.3f s (%.2f million ticks/s)\n", two.seconds, double(ticks * grid.size()) / two.seconds / 1e6);
  std::printf("  digests identical for 1 and 2 workers: %s\n", one.digests == two.digests ? "yes" : "NO");
  std::printf("\ntargets: >= 1 million ticks/s per core for a built-in strategy; 100-point sweep < 5 s on 2 cores\n");
  return 0;
}
