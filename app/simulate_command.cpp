// `replayer simulate --games N --out DIR`: synthetic games from the provably-fair model, written
// as recordings (game_<id>.jsonl, the recorder's layout) plus DIR/revealed.seeds.jsonl with the
// revealed seeds and prices, so that `replayer verify DIR` accepts every game and `replayer check
// --verify DIR` compares every recording with its seed. Files named *.seeds.jsonl are not
// recordings: replay, check and backtest leave them out of the folders they read
// (app/recording_paths.hpp). The same --seed gives byte-identical files.
#include "app/command.hpp"
#include "app/off_thread.hpp"
#include "app/root.hpp"
#include "core/concat.hpp"
#include "core/fair/game_simulator.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <thread>
#include <unistd.h>
#include <vector>

namespace replayer::app {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;

constexpr std::size_t flush_bytes = 4u << 20;
constexpr std::string_view revealed_file_name = "revealed.seeds.jsonl";

struct simulate_options {
  std::uint64_t games = 0;
  std::string seed = "replayer";
  std::string version = "v3";
  std::string out;
  std::uint64_t per_file = 1;
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

// A file written with plain POSIX calls: one open, few large writes, one close. Many small files
// are written much faster this way than through streams. It is written as .NAME.part and
// renamed when closed, so a failed or interrupted run never leaves a truncated recording; the
// .part file of one not closed is removed.
class output_file {
public:
  output_file() = default;
  output_file(const output_file&) = delete;
  output_file& operator=(const output_file&) = delete;
  ~output_file() {
    if (fd_ < 0) return;
    ::close(fd_);
    ::unlink(temp_.c_str());
  }

  /// Empty on success, else what went wrong.
  std::string open(const fs::path& path) {
    path_ = path.string();
    temp_ = (path.parent_path() / concat({".", path.filename().string(), ".part"})).string();
    fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    return fd_ < 0 ? failure("cannot create") : std::string{};
  }
  std::string write(std::string_view data) {
    while (!data.empty()) {
      const auto n = ::write(fd_, data.data(), data.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return failure("cannot write");
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
  }
  std::string close() {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0 || ::rename(temp_.c_str(), path_.c_str()) != 0) {
      std::string problem = failure("cannot write");
      ::unlink(temp_.c_str());
      return problem;
    }
    return {};
  }

private:
  std::string failure(std::string_view what) const {
    return concat({path_, ": ", what, " the file: ", std::strerror(errno), "; check the --out folder and free space"});
  }

  int fd_ = -1;
  std::string path_, temp_;
};

std::string padded(std::uint64_t n, int width) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, n);
  std::string digits(buf, r.ptr);
  if (static_cast<int>(digits.size()) < width) digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
  return digits;
}

// One worker's share: every worker runs the (cheap) simulator over all games, so that the
// virtual clock and the ids come out the same, and renders and writes only the recording files
// whose index is its own. Worker 0 also writes revealed.seeds.jsonl, in game order. No locks;
// the files are the same whatever the number of workers.
struct worker_result {
  std::string problem;  // empty on success
  std::uint64_t ticks = 0, files = 0;  // price ticks of all games (every worker simulates all), files written
};

// `interrupted` is a signal's stop, `failed` another worker's failure: either ends the share
// between two games. An interrupted run leaves revealed.seeds.jsonl unwritten (its .part file is
// removed), since its games would not match the recordings the other workers have written.
void simulate_share(const simulate_options& opts, const simulation_settings& settings, const fs::path& dir,
                    unsigned worker, unsigned workers, const std::atomic<bool>& interrupted, std::atomic<bool>& failed,
                    worker_result& result) {
  game_simulator simulator(settings);
  output_file revealed;
  if (worker == 0) result.problem = revealed.open(dir / revealed_file_name);
  std::string revealed_buffer, recording;
  simulated_game game;
  std::string file_name;
  const auto go_on = [&] {
    return result.problem.empty() && !interrupted.load(std::memory_order_relaxed) &&
           !failed.load(std::memory_order_relaxed);
  };
  for (std::uint64_t n = 1; n <= opts.games && go_on(); ++n) {
    simulator.next(game);
    result.ticks += game.path.size();
    if (worker == 0) {
      game_simulator::append_revealed(revealed_buffer, game);
      if (revealed_buffer.size() >= flush_bytes || n == opts.games) {
        result.problem = revealed.write(revealed_buffer);
        revealed_buffer.clear();
      }
    }
    const std::uint64_t file_index = (n - 1) / opts.per_file;
    if (file_index % workers != worker) continue;
    if (file_name.empty())
      file_name = opts.per_file == 1 ? concat({"game_", game.id, ".jsonl"}) : concat({"batch_", padded(n, 7), ".jsonl"});
    if (!simulator.append_recording(recording, game)) {
      result.problem = concat({"game ", std::to_string(n), " (", game.id,
                            ") reaches a price a recording cannot hold (above about 1.7e11); try another --seed or "
                            "--version"});
      break;
    }
    if (n % opts.per_file == 0 || n == opts.games) {
      output_file f;
      result.problem = f.open(dir / file_name);
      if (result.problem.empty()) result.problem = f.write(recording);
      if (result.problem.empty()) result.problem = f.close();
      ++result.files;
      recording.clear();
      file_name.clear();
    }
  }
  if (worker == 0 && result.problem.empty() && !interrupted) result.problem = revealed.close();
  if (!result.problem.empty()) failed = true;
}

// Every worker's share, worker 0 on the calling thread.
void simulate_all(const simulate_options& opts, const simulation_settings& settings, const fs::path& dir,
                  const std::atomic<bool>& interrupted, std::vector<worker_result>& results) {
  const auto workers = static_cast<unsigned>(results.size());
  std::atomic<bool> failed{false};
  std::vector<std::jthread> threads;
  for (unsigned w = 1; w < workers; ++w)
    threads.emplace_back(
        [&, w] { simulate_share(opts, settings, dir, w, workers, interrupted, failed, results[w]); });
  simulate_share(opts, settings, dir, 0, workers, interrupted, failed, results[0]);
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

  const std::uint64_t file_count = (opts.games + opts.per_file - 1) / opts.per_file;
  unsigned workers = opts.threads != 0 ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  workers = static_cast<unsigned>(std::min<std::uint64_t>({workers, 64, file_count}));
  std::vector<worker_result> results(workers);
  return run_root([&]() -> asio::awaitable<int> {
    const bool interrupted =
        co_await run_off_thread([&](const std::atomic<bool>& stop) { simulate_all(opts, settings, dir, stop, results); });
    std::uint64_t files = 0;
    for (const auto& r : results) {
      if (!r.problem.empty()) {
        io.err << "replayer: " << r.problem << '\n';
        co_return exit_problems_found;
      }
      files += r.files;
    }
    if (interrupted) {
      io.err << "replayer: interrupted: " << files << " recording" << (files == 1 ? "" : "s") << " written to "
             << dir.string() << ", but not " << revealed_file_name
             << " (they cannot be verified); run simulate again with --force to replace them\n";
      co_return exit_ok;
    }
    // Every worker simulates every game: worker 0's count is the run's.
    io.out << "simulated " << opts.games << (opts.games == 1 ? " game (" : " games (") << results[0].ticks
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
  sub->add_option("--games", opts->games, "How many games (at most 1,000,000)")
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
  sub->add_option("--per-file", opts->per_file,
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
