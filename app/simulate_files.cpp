#include "app/simulate_files.hpp"

#include "core/concat.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

namespace replayer::app {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t flush_bytes = 4u << 20;

// A recording written with plain POSIX calls: one open, few large writes, one close, and no
// fsync (app/output_file.hpp's would cost more than writing a small recording). It is written as
// .NAME.part and renamed when closed, so a failed or interrupted run never leaves a truncated
// recording; the .part file of one not closed is removed.
class recording_file {
public:
  recording_file() = default;
  recording_file(const recording_file&) = delete;
  recording_file& operator=(const recording_file&) = delete;
  ~recording_file() {
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
// whose index is its own. Worker 0 also writes the revealed seeds, in game order, into
// `revealed` (no other worker is given it). No locks. `interrupted` is a signal's stop, `failed`
// another worker's failure: either ends the share between two games.
void simulate_share(const simulation_batch& batch, const simulation_settings& settings, const fs::path& dir,
                    unsigned worker, unsigned workers, const std::atomic<bool>& interrupted, std::atomic<bool>& failed,
                    recording_file* revealed, worker_result& result) {
  game_simulator simulator(settings);
  std::string revealed_buffer, recording;
  simulated_game game;
  std::string file_name;
  const auto go_on = [&] {
    return result.problem.empty() && !interrupted.load(std::memory_order_relaxed) &&
           !failed.load(std::memory_order_relaxed);
  };
  for (std::uint64_t n = 1; n <= batch.games && go_on(); ++n) {
    simulator.next(game);
    result.ticks += game.path.size();
    if (revealed) {
      game_simulator::append_revealed(revealed_buffer, game);
      if (revealed_buffer.size() >= flush_bytes || n == batch.games) {
        result.problem = revealed->write(revealed_buffer);
        revealed_buffer.clear();
      }
    }
    const std::uint64_t file_index = (n - 1) / batch.per_file;
    if (file_index % workers != worker) continue;
    if (file_name.empty())
      file_name = batch.per_file == 1 ? concat({"game_", game.id, ".jsonl"}) : concat({"batch_", padded(n, 7), ".jsonl"});
    if (!simulator.append_recording(recording, game)) {
      result.problem = concat({"game ", std::to_string(n), " (", game.id,
                            ") reaches a price a recording cannot hold (above about 1.7e11); try another --seed or "
                            "--version"});
      break;
    }
    if (n % batch.per_file == 0 || n == batch.games) {
      recording_file f;
      result.problem = f.open(dir / file_name);
      if (result.problem.empty()) result.problem = f.write(recording);
      if (result.problem.empty()) result.problem = f.close();
      if (result.problem.empty()) ++result.files;
      recording.clear();
      file_name.clear();
    }
  }
  if (!result.problem.empty()) failed = true;
}

}  // namespace

bool simulate_files(const simulation_batch& batch, const simulation_settings& settings, const fs::path& dir,
                    const std::atomic<bool>& interrupted, std::vector<worker_result>& results) {
  const auto workers = static_cast<unsigned>(results.size());
  recording_file revealed;
  results[0].problem = revealed.open(dir / revealed_file_name);
  if (!results[0].problem.empty()) return false;
  std::atomic<bool> failed{false};
  {
    std::vector<std::jthread> threads;
    for (unsigned w = 1; w < workers; ++w)
      threads.emplace_back(
          [&, w] { simulate_share(batch, settings, dir, w, workers, interrupted, failed, nullptr, results[w]); });
    simulate_share(batch, settings, dir, 0, workers, interrupted, failed, &revealed, results[0]);
  }
  // Every worker has ended: the seeds are renamed into place only for a whole batch.
  if (failed || interrupted) return false;
  results[0].problem = revealed.close();
  return results[0].problem.empty();
}

}  // namespace replayer::app
