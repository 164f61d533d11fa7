#pragma once
// The recordings of a batch run, decoded on worker threads and handed over in file order. With a
// per-game wallet the games are played on the worker as well (they do not depend on each other);
// with a session wallet they are kept, to be played in order by the run's one session.
#include "core/game.hpp"
#include "core/trading/backtest.hpp"

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace replayer {

struct decoded_file {
  std::string file;
  std::optional<std::string> unreadable;  // why the file could not be opened (gone since it was listed)
  std::vector<game> games;                // without play_on_workers
  std::vector<game_outcome> outcomes;     // with it, in game order
  std::size_t bad_lines = 0;
};

/// Decodes `files` on `jobs` threads (ordered_pool: bounded, in order, stop heard between
/// games) and calls consume(i, file) on the calling thread for i = 0, 1, ... With
/// `play_on_workers` each game is played there by play_alone and only its outcome is kept.
void decode_files(const std::vector<std::filesystem::path>& files, std::size_t jobs,
                  const backtest_run* play_on_workers, const std::atomic<bool>& stop,
                  const std::function<void(std::size_t, decoded_file&)>& consume);

}  // namespace replayer
