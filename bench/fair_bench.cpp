// Provably-fair throughput: price-path generation in memory, verification (with and without
// parsing), and `replayer simulate` writing files. Prints figures; asserts nothing.
//   fair_bench [--games N]   N: games for the simulate runs (default 10000, about 0.6 GB of
//                            files; 100000, the target's size, writes 5.6 GB)
#include "app/command.hpp"
#include "core/fair/game_simulator.hpp"
#include "core/fair/price_path.hpp"
#include "core/fair/revealed_game.hpp"
#include "core/fair/sha256.hpp"
#include "core/fair/verifier.hpp"
#include "core/line_source.hpp"

#include "bench_support.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace replayer;
namespace fs = std::filesystem;
using bench::clock_type;
using bench::seconds_since;

namespace {

void path_generation(fair_version version) {
  std::vector<std::string> seeds;
  for (int i = 0; i < 1000; ++i) seeds.push_back(sha256_hex("bench:" + std::to_string(i)));
  std::vector<double> path;
  std::uint64_t ticks = 0, games = 0;
  const double elapsed = bench::repeat_for(2.0, [&] {
    for (const auto& seed : seeds) {
      generate_price_path(seed, "20251207-1e01ac417e8043ca", version, path);
      ticks += path.size();
    }
    games += seeds.size();
  });
  std::printf("path generation %s: %.1f million ticks/s (%.0f games/s, %.0f ticks per game), one core\n",
              std::string(fair_version_name(version)).c_str(), ticks / elapsed / 1e6, games / elapsed,
              double(ticks) / double(games));
}

void verification() {
  // 2000 simulated v3 games as a revealed.seeds.jsonl text, parsed and verified again and again.
  simulation_settings settings;
  settings.seed = "bench";
  game_simulator sim(settings);
  simulated_game game;
  std::string text;
  for (int i = 0; i < 2000; ++i) {
    sim.next(game);
    game_simulator::append_revealed(text, game);
  }
  revealed_game_reader reader;
  std::vector<revealed_game> games;
  memory_lines lines(text, text.size());
  while (auto line = lines.next())
    if (!line->text.empty()) (void)reader.read(line->text, games);

  game_verifier verifier;
  std::uint64_t ticks = 0, failed = 0;
  double elapsed = bench::repeat_for(2.0, [&] {
    for (const auto& g : games) {
      const auto v = verifier.verify(g);
      ticks += v.path_length;
      failed += !v.verified();
    }
  });
  std::printf("verify (hash + path + compare): %.1f million ticks/s%s\n", ticks / elapsed / 1e6,
              failed ? " (SOME FAILED)" : "");

  ticks = 0;
  std::uint64_t bytes = 0;
  elapsed = bench::repeat_for(2.0, [&] {
    memory_lines again(text, text.size());
    while (auto line = again.next()) {
      if (line->text.empty()) continue;
      games.clear();
      (void)reader.read(line->text, games);
      for (const auto& g : games) ticks += verifier.verify(g).path_length;
    }
    bytes += text.size();
  });
  std::printf("verify from JSON lines (parse + verify): %.1f million ticks/s, %.0f MB/s\n", ticks / elapsed / 1e6,
              bytes / elapsed / 1e6);

  // The real games, for the record.
  std::ifstream feed(REPLAYER_SHARED_DIR "/data/feed/gamestate_samples.jsonl");
  std::vector<revealed_game> real;
  for (std::string line; std::getline(feed, line);)
    if (!line.empty()) (void)reader.read(line, real);
  std::size_t ok = 0;
  for (const auto& g : real) ok += verifier.verify(g).verified();
  std::printf("real feed capture: %zu of %zu gameHistory entries verify\n", ok, real.size());
}

void simulate(std::uint64_t games, const std::string& threads) {
  const fs::path dir = fs::temp_directory_path() / ("replayer_fair_bench_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  CLI::App root{"bench", "replayer"};
  app::command_main selected;
  app::add_simulate_command(root, selected);
  const std::string n = std::to_string(games), out = dir.string();
  const char* argv[] = {"replayer", "simulate", "--games", n.c_str(),      "--seed",
                        "bench",    "--out",    out.c_str(), "--threads", threads.c_str()};
  root.parse(static_cast<int>(std::size(argv)), argv);
  std::ostringstream text, err;
  const app::command_io io{text, err};
  const auto start = clock_type::now();
  const int code = selected(io);
  const double elapsed = seconds_since(start);

  std::uint64_t bytes = 0, files = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    bytes += e.file_size();
    ++files;
  }
  unsigned long long ticks = 0;
  const auto at = text.str().find(" games (");
  if (at != std::string::npos) ticks = std::stoull(text.str().substr(at + 8));
  fs::remove_all(dir);
  if (code != 0) {
    std::printf("simulate failed: %s\n", err.str().c_str());
    return;
  }
  std::printf("simulate --games %llu --threads %s: %.2f s, %llu files, %.0f MB written; %.1f million ticks/s written "
              "(%.0f MB/s); 100000 games: about %.1f s\n",
              static_cast<unsigned long long>(games), threads == "0" ? "0 (one per core)" : threads.c_str(), elapsed,
              static_cast<unsigned long long>(files), bytes / 1e6, ticks / elapsed / 1e6, bytes / elapsed / 1e6,
              elapsed * 100000.0 / double(games));
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t games = 10000;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string(argv[i]) == "--games") games = std::stoull(argv[i + 1]);
  for (auto v : {fair_version::v1, fair_version::v2, fair_version::v3}) path_generation(v);
  verification();
  simulate(games, "1");
  simulate(games, "0");
}
