#include "core/trading/decoded_files.hpp"

#include "core/line_source.hpp"
#include "core/ordered_pool.hpp"
#include "core/recording_reader.hpp"

namespace replayer {
namespace {

decoded_file decode(const std::filesystem::path& path, const backtest_run* play_here, const std::atomic<bool>& stop) {
  decoded_file r;
  r.file = path.string();
  auto lines = file_lines::open(path);
  if (!lines) {
    r.unreadable = lines.error().message();
    return r;
  }
  recording_reader reader(r.file, *lines);
  while (!stop) {
    auto g = reader.next_game();
    if (!g) break;
    if (play_here)
      r.outcomes.push_back(play_here->play_alone(*g));
    else
      r.games.push_back(std::move(*g));
  }
  r.bad_lines = reader.bad_lines();
  return r;
}

}  // namespace

void decode_files(const std::vector<std::filesystem::path>& files, std::size_t jobs,
                  const backtest_run* play_on_workers, const std::atomic<bool>& stop,
                  const std::function<void(std::size_t, decoded_file&)>& consume) {
  ordered_pool<decoded_file>(
      files.size(), jobs, stop, [&](std::size_t i) { return decode(files[i], play_on_workers, stop); },
      [&](std::size_t i, decoded_file&& r) { consume(i, r); });
}

}  // namespace replayer
