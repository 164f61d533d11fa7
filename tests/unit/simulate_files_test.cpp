// simulate_files: `replayer simulate`'s writers (app/simulate_files.hpp). The files are the same,
// byte for byte, for any number of workers; a failed write stops every worker and leaves no
// partial file and no revealed seeds; an interrupted run leaves only complete recordings, and
// revealed.seeds.jsonl only when every recording is there. Under TSan (threaded_tests) these are
// simulate's worker threads.
#include "app/simulate_files.hpp"

#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace replayer;
using replayer::app::simulation_batch;
using replayer::app::worker_result;
using test_support::temp_dir;
namespace fs = std::filesystem;

namespace {

// Every entry of `dir` by name, with its bytes ("<folder>" for a folder).
std::map<std::string, std::string> folder_contents(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_directory()) {
      files[entry.path().filename().string()] = "<folder>";
      continue;
    }
    files[entry.path().filename().string()] = test_support::read_text(entry.path());
  }
  return files;
}

std::string names_of(const std::map<std::string, std::string>& files) {
  std::string names;
  for (const auto& [name, bytes] : files) names += name + " ";
  return names;
}

// The id of game n (0-based) of a revealed.seeds.jsonl text: {"id": "...", ...} per line.
std::string nth_game_id(const std::string& revealed, std::size_t n) {
  std::istringstream lines(revealed);
  std::string line;
  for (std::size_t i = 0; i <= n; ++i) std::getline(lines, line);
  const std::string key = "{\"id\": \"";
  BOOST_TEST_REQUIRE(line.starts_with(key));
  return line.substr(key.size(), line.find('"', key.size()) - key.size());
}

struct run_result {
  bool whole = false;
  std::vector<worker_result> workers;
};

run_result simulate(const simulation_batch& batch, const fs::path& dir, unsigned workers,
                    const std::atomic<bool>& interrupted) {
  run_result r;
  r.workers.resize(workers);
  r.whole = app::simulate_files(batch, simulation_settings{}, dir, interrupted, r.workers);
  return r;
}

run_result simulate(const simulation_batch& batch, const fs::path& dir, unsigned workers) {
  const std::atomic<bool> not_interrupted{false};
  return simulate(batch, dir, workers, not_interrupted);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(simulate_files)

BOOST_AUTO_TEST_CASE(the_files_are_the_same_for_any_number_of_workers) {
  for (const simulation_batch batch : {simulation_batch{12, 1}, simulation_batch{10, 3}}) {
    temp_dir reference_dir;
    const run_result reference = simulate(batch, reference_dir.path, 1);
    BOOST_TEST_REQUIRE(reference.whole);
    const auto expected = folder_contents(reference_dir.path);
    const std::size_t recordings = (batch.games + batch.per_file - 1) / batch.per_file;
    BOOST_TEST_REQUIRE(expected.size() == recordings + 1);
    BOOST_TEST(expected.count("revealed.seeds.jsonl") == 1u);
    for (unsigned workers : {2u, 3u, 5u}) {
      temp_dir dir;
      const run_result r = simulate(batch, dir.path, workers);
      BOOST_TEST(r.whole);
      std::uint64_t files = 0;
      for (const auto& w : r.workers) {
        BOOST_TEST(w.problem == "");
        BOOST_TEST(w.ticks == reference.workers[0].ticks, "every worker simulates every game");
        files += w.files;
      }
      BOOST_TEST(files == recordings);
      BOOST_TEST((folder_contents(dir.path) == expected), batch.games << " games, " << batch.per_file
                                                                      << " per file, " << workers << " workers");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_failed_write_stops_every_worker_and_leaves_no_seeds_and_no_partial_file) {
  const simulation_batch batch{100, 1};
  temp_dir reference_dir;
  BOOST_TEST_REQUIRE(simulate(batch, reference_dir.path, 1).whole);
  const auto expected = folder_contents(reference_dir.path);
  // A folder where the third game's recording goes: its rename fails (EISDIR), as a full disk would.
  const std::string blocked = "game_" + nth_game_id(expected.at("revealed.seeds.jsonl"), 2) + ".jsonl";
  BOOST_TEST_REQUIRE(expected.count(blocked) == 1u);
  for (unsigned workers : {1u, 4u}) {
    temp_dir dir;
    fs::create_directory(dir.path / blocked);
    const run_result r = simulate(batch, dir.path, workers);
    BOOST_TEST(!r.whole);
    std::size_t problems = 0;
    for (const auto& w : r.workers)
      if (!w.problem.empty()) {
        ++problems;
        BOOST_TEST(w.problem.find(blocked) != std::string::npos, w.problem);
        BOOST_TEST(w.problem.find("Is a directory") != std::string::npos, w.problem);
      }
    BOOST_TEST(problems == 1u);
    auto left = folder_contents(dir.path);
    BOOST_TEST(left.erase(blocked) == 1u);
    BOOST_TEST(left.count("revealed.seeds.jsonl") == 0u);
    // One worker wrote the two recordings before; several stopped before the end.
    if (workers == 1) BOOST_TEST(left.size() == 2u, names_of(left));
    BOOST_TEST(left.size() < expected.size() - 2, "the other workers stopped before the end");
    for (const auto& [name, bytes] : left)
      BOOST_TEST((expected.count(name) == 1 && expected.at(name) == bytes), name << " is a complete recording");
  }
}

BOOST_AUTO_TEST_CASE(an_interrupt_before_the_first_game_writes_nothing) {
  temp_dir dir;
  const std::atomic<bool> interrupted{true};
  const run_result r = simulate({20, 1}, dir.path, 3, interrupted);
  BOOST_TEST(!r.whole);
  for (const auto& w : r.workers) BOOST_TEST(w.problem == "");
  BOOST_TEST(folder_contents(dir.path).empty());
}

BOOST_AUTO_TEST_CASE(an_interrupted_run_leaves_only_complete_recordings_and_seeds_only_when_whole) {
  const simulation_batch batch{150, 1};
  temp_dir reference_dir;
  BOOST_TEST_REQUIRE(simulate(batch, reference_dir.path, 1).whole);
  const auto expected = folder_contents(reference_dir.path);
  temp_dir dir;
  std::atomic<bool> interrupted{false};
  // The interrupt comes as soon as the first recording is there, as a SIGINT would.
  std::jthread signal([&](std::stop_token done) {
    while (!done.stop_requested()) {
      for (const auto& entry : fs::directory_iterator(dir.path))
        if (entry.path().filename().string().starts_with("game_")) {
          interrupted = true;
          return;
        }
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  });
  const run_result r = simulate(batch, dir.path, 3, interrupted);
  signal.request_stop();
  signal.join();
  for (const auto& w : r.workers) BOOST_TEST(w.problem == "");
  const auto left = folder_contents(dir.path);
  BOOST_WARN_MESSAGE(!r.whole, "the run ended before the interrupt came: only the invariants below were checked");
  BOOST_TEST(left.count("revealed.seeds.jsonl") == (r.whole ? 1u : 0u));
  BOOST_TEST(r.whole == (left.size() == expected.size()));
  for (const auto& [name, bytes] : left)
    BOOST_TEST((expected.count(name) == 1 && expected.at(name) == bytes), name << " is a complete recording");
}

BOOST_AUTO_TEST_SUITE_END()
