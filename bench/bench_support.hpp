// Helpers shared by the benchmarks (each bench/*_bench.cpp is its own executable, so they live
// here, header-only): timing, and the recordings of a folder.
#pragma once

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <system_error>
#include <vector>

namespace bench {

using clock_type = std::chrono::steady_clock;

inline double seconds_since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

// Calls `round` again and again, at least once, until `min_seconds` have passed; the seconds taken.
template <class F>
double repeat_for(double min_seconds, F round) {
  const auto start = clock_type::now();
  double elapsed = 0;
  do {
    round();
    elapsed = seconds_since(start);
  } while (elapsed < min_seconds);
  return elapsed;
}

// The shared corpus: REPLAYER_SHARED_DIR/data/recordings (../shared beside the source tree).
inline std::filesystem::path shared_recordings_dir() {
  return std::filesystem::path(REPLAYER_SHARED_DIR) / "data" / "recordings";
}

// The *.jsonl files under `dir`, sub-folders included, in name order; none when it cannot be read.
inline std::vector<std::filesystem::path> recording_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec))
    if (entry.path().extension() == ".jsonl") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace bench
