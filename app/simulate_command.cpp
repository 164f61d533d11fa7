// `replayer simulate --games N --out DIR`: synthetic games from the provably-fair model, written
// as recordings (game_<id>.jsonl, the recorder's layout) plus DIR/revealed.seeds.jsonl with the
// revealed seeds and prices, so that `replayer verify DIR` accepts every game and `replayer check
// --verify DIR` compares every recording with its seed. Files named *.seeds.jsonl are not
// recordings: replay, check and backtest leave them out of the folders they read
// (app/recording_paths.hpp). The same --seed gives byte-identical files.
#include "app/command.hpp"
#include "app/off_thread.hpp"
#include "app/root.hpp"
#include "app/simulate_files.hpp"
#include "core/concat.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <thread>
#include <vector>

namespace replayer::app {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;

struct simulate_options {
  simulation_batch batch;
  std::string seed = "replayer";
  std::string version = "v3";
  std::string out;
  unsigned threads = 0;  // 0: one per core
  bool force = false;
};

constexpr std::uint64_t max_games = 1'000'000;  // ~35 GB of recordings at most

// What simulate writes: game_*.jsonl, batch_*.jsonl and revealed.seeds.jsonl.
bool is_simulated_file(const fs::path& p) {
  const std::string name = p.filename().string();
  return name == revealed_file_name ||
         ((name.starts_with("game_") || name.starts_with("batch_")) && p.extension() == ".jsonl");
}

// An --out folder must be empty, so old recordings are never mixed with the new seeds; with
// --force the files a previous simulate wrote there are removed first (nothing else is touched).
std::optional<std::string> prepare_out_folder(const fs::path& dir, bool force) {
  std::error_code ec;
  std::size_t entries = 0;
  std::vector<fs::path> old;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    ++entries;
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && is_simulated_file(it->path())) old.push_back(it->path());
  }
  if (ec) return concat({"--out ", dir.string(), ": cannot list the folder: ", ec.message()});
  if (entries == 0) return std::nullopt;
  if (!force)
    return concat({"--out ", dir.string(), ": the folder is not empty (", std::to_string(entries),
                   " entries); give a new or empty folder, or --force to replace the recordings a previous simulate "
                   "wrote there"});
  for (const auto& p : old)
    if (fs::remove(p, ec); ec) break;
  if (ec) return concat({"--out ", dir.string(), ": cannot remove the old recordings: ", ec.message()});
  return std::nullopt;
}

int run_simulate(const simulate_options& opts, const command_io& io) {
  const auto version = parse_fair_version(opts.version);
  if (!version) return report_usage(io, {concat({"--version: unknown version '", opts.version, "' (use v1, v2 or v3)"})});
  const fs::path dir(opts.out);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir))
    return report_usage(io, {concat({"--out ", opts.out, ": cannot create the folder: ",
                                  ec ? ec.message() : std::string("a file of that name exists")})});
  if (auto problem = prepare_out_folder(dir, opts.force)) return report_usage(io, {*problem});

  simulation_settings settings;
  settings.seed = opts.seed;
  settings.version = *version;

  const std::uint64_t file_count = (opts.batch.games + opts.batch.per_file - 1) / opts.batch.per_file;
  unsigned workers = opts.threads != 0 ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  workers = static_cast<unsigned>(std::min<std::uint64_t>({workers, 64, file_count}));
  std::vector<worker_result> results(workers);
  return run_root([&]() -> asio::awaitable<int> {
    bool whole = false;
    co_await run_off_thread(
        [&](const std::atomic<bool>& stop) { whole = simulate_files(opts.batch, settings, dir, stop, results); });
    std::uint64_t files = 0;
    for (const auto& r : results) {
      if (!r.problem.empty()) {
        io.err << "replayer: " << r.problem << '\n';
        co_return exit_problems_found;
      }
      files += r.files;
    }
    if (!whole) {  // no worker failed: a signal stopped the run
      io.err << "replayer: interrupted: " << files << " recording" << (files == 1 ? "" : "s") << " written to "
             << dir.string() << ", but not " << revealed_file_name
             << " (they cannot be verified); run simulate again with --force to replace them\n";
      co_return exit_ok;
    }
    // Every worker simulates every game: worker 0's count is the run's.
    io.out << "simulated " << opts.batch.games << (opts.batch.games == 1 ? " game (" : " games (") << results[0].ticks
           << " price ticks, " << fair_version_name(*version) << ", seed \"" << opts.seed << "\"): " << files
           << " recording" << (files == 1 ? "" : "s") << " and " << revealed_file_name << " in " << dir.string() << '\n';
    co_return exit_ok;
  });
}

}  // namespace

void add_simulate_command(CLI::App& root, command_main& selected) {
  auto opts = std::make_shared<simulate_options>();
  auto* sub = root.add_subcommand(
      "simulate", "Generate synthetic games from the provably-fair model, as recordings plus their revealed seeds");
  sub->add_option("--games", opts->batch.games, "How many games (at most 1,000,000)")
      ->required()
      ->check(CLI::Range(std::uint64_t{1}, max_games));
  sub->add_flag("--force", opts->force,
                "Write into a non-empty --out folder, removing the files a previous simulate wrote there");
  sub->add_option("--seed", opts->seed, "Seed for the server seeds; the same seed gives the same files")
      ->capture_default_str();
  sub->add_option("--version", opts->version, "Price model: v1, v2 or v3")
      ->capture_default_str()
      ->check(CLI::IsMember({"v1", "v2", "v3"}));
  sub->add_option("--out", opts->out,
                  "Folder for game_<id>.jsonl recordings and revealed.seeds.jsonl, their revealed seeds (created "
                  "if missing)")
      ->required();
  sub->add_option("--per-file", opts->batch.per_file,
                  "Games per recording file: 1 writes game_<id>.jsonl (the recorder's convention), more writes "
                  "batch_<first game number>.jsonl files")
      ->capture_default_str()
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40));
  sub->add_option("--threads", opts->threads,
                  "Worker threads writing files (0: one per core); the files are the same for any number")
      ->capture_default_str()
      ->check(CLI::Range(0u, 64u));
  sub->callback([opts, &selected]() {
    selected = [opts](const command_io& io) { return run_simulate(*opts, io); };
  });
}

}  // namespace replayer::app
