#pragma once
// The files `replayer simulate` writes, on worker threads: the recordings (game_<id>.jsonl, or
// batch_<first game number>.jsonl with several games per file) and revealed.seeds.jsonl, the
// revealed seeds in game order. The files are the same, byte for byte, for any number of workers.
#include "core/fair/game_simulator.hpp"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace replayer::app {

inline constexpr std::string_view revealed_file_name = "revealed.seeds.jsonl";

struct simulation_batch {
  std::uint64_t games = 0;
  std::uint64_t per_file = 1;  // games per recording file
};

/// What one worker did.
struct worker_result {
  std::string problem;                 // empty on success: else the file and the OS reason
  std::uint64_t ticks = 0, files = 0;  // price ticks of all games (every worker simulates all), files written
};

/// Writes the batch into `dir` on results.size() (at least 1) workers, worker 0 on the calling
/// thread, one result each. A worker's failure, or `interrupted`, ends every share between two
/// games; only complete files are left (each is written as .NAME.part and renamed when closed).
/// Returns whether the batch is whole: revealed.seeds.jsonl is renamed into place, once every
/// worker has ended, only then, so its games always match the recordings beside it.
bool simulate_files(const simulation_batch& batch, const simulation_settings& settings,
                    const std::filesystem::path& dir, const std::atomic<bool>& interrupted,
                    std::vector<worker_result>& results);

}  // namespace replayer::app
