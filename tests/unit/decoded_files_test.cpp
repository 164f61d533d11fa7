// decoded_files: the recordings of a batch run decoded on workers (core/trading/decoded_files.hpp).
// Whatever the number of threads, every file comes back in file order with the games the
// sequential reader finds, or with per-game wallets their outcomes as play_alone gives them; a
// file gone since it was listed is reported and the others go on; a stop from the consumer ends
// the run without hanging. Under TSan (threaded_tests) this is the backtest's decoding pool.
#include "core/trading/decoded_files.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

using namespace replayer;
using test_support::builtin;
using test_support::jsonl_files;

namespace {

// tests/data's recordings, with a file that does not exist third.
std::vector<std::filesystem::path> files_with_one_missing() {
  auto files = jsonl_files(REPLAYER_TEST_DATA);
  files.insert(files.begin() + 2, std::filesystem::path(REPLAYER_TEST_DATA) / "gone_since_listed.jsonl");
  return files;
}

// What a run handed over for one file, as text.
struct file_text {
  std::string header;    // the file, whether it could be read, its bad lines
  std::string games;     // "id ticks" per kept game
  std::string outcomes;  // the trade log of its outcomes and each one's P&L

  bool operator==(const file_text&) const = default;
};

std::ostream& operator<<(std::ostream& os, const file_text& f) { return os << f.header << f.games << f.outcomes; }

std::string games_text(const std::vector<game>& games) {
  std::string text;
  for (const game& g : games) text += g.id + " " + std::to_string(g.ticks.size()) + "\n";
  return text;
}

std::string outcomes_text(const std::vector<game_outcome>& outcomes) {
  std::string text = trade_log_text(outcomes);
  for (const game_outcome& o : outcomes) text += "pnl " + o.id + " " + o.pnl().str() + "\n";
  return text;
}

struct handed_over {
  std::vector<std::size_t> order;
  std::vector<file_text> files;

  void add(std::size_t i, const decoded_file& f) {
    order.push_back(i);
    file_text t{f.file + (f.unreadable ? " unreadable: " + *f.unreadable : "") + " bad " + std::to_string(f.bad_lines) +
                    "\n",
                games_text(f.games), outcomes_text(f.outcomes)};
    files.push_back(std::move(t));
  }
};

handed_over decode_all(const std::vector<std::filesystem::path>& files, std::size_t jobs, const backtest_run* play) {
  const std::atomic<bool> stop{false};
  handed_over h;
  decode_files(files, jobs, play, stop, [&](std::size_t i, decoded_file& f) { h.add(i, f); });
  return h;
}

backtest_run per_game_run() {
  trading_settings settings;
  settings.wallet = wallet_mode::per_game;
  const rule_strategy strategy = builtin("aggressive");
  return backtest_run(settings, [strategy] { return std::make_unique<rule_strategy>(strategy); }, {});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(decoded_files)

BOOST_AUTO_TEST_CASE(every_file_in_order_with_the_games_the_sequential_reader_finds) {
  const auto files = files_with_one_missing();
  const handed_over one = decode_all(files, 1, nullptr);
  BOOST_TEST_REQUIRE(one.files.size() == files.size());
  const auto& bad_lines = test_support::shared_corpus_bad_lines_per_file();
  for (std::size_t i = 0; i < files.size(); ++i) {
    BOOST_TEST(one.order[i] == i);
    BOOST_TEST(one.files[i].games == games_text(test_support::read_games({files[i]})), files[i]);
    BOOST_TEST(one.files[i].outcomes.empty());
    const auto known = bad_lines.find(files[i].filename().string());
    const std::size_t bad = known == bad_lines.end() ? 0 : known->second;
    BOOST_TEST(one.files[i].header.ends_with(" bad " + std::to_string(bad) + "\n"), one.files[i].header);
  }
  BOOST_TEST(one.files[2].header.find("gone_since_listed.jsonl unreadable: ") != std::string::npos, one.files[2]);
  BOOST_TEST(one.files[3].games.size() > 0u, "the files after the missing one are read");

  for (std::size_t jobs : {2, 3, 8}) {
    const handed_over many = decode_all(files, jobs, nullptr);
    BOOST_TEST(many.order == one.order, "jobs " << jobs);
    BOOST_TEST(many.files == one.files, boost::test_tools::per_element());
  }
}

BOOST_AUTO_TEST_CASE(games_played_on_the_workers_are_play_alone_in_file_order) {
  const auto files = files_with_one_missing();
  const backtest_run run = per_game_run();
  std::vector<std::string> expected;
  std::size_t events = 0;
  for (const auto& f : files) {
    std::vector<game_outcome> outcomes;
    for (const game& g : test_support::read_games({f})) {
      outcomes.push_back(run.play_alone(g));
      events += outcomes.back().events.size();
    }
    expected.push_back(outcomes_text(outcomes));
  }
  BOOST_TEST_REQUIRE(events > 0u, "the strategy trades");
  for (std::size_t jobs : {1, 2, 4}) {
    const handed_over h = decode_all(files, jobs, &run);
    BOOST_TEST_REQUIRE(h.files.size() == files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
      BOOST_TEST(h.files[i].games.empty(), "no game is kept when it is played on the worker");
      BOOST_TEST(h.files[i].outcomes == expected[i], files[i] << ", jobs " << jobs);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_stop_from_the_consumer_ends_the_run_without_hanging) {
  const auto files = jsonl_files(REPLAYER_TEST_DATA);
  BOOST_TEST_REQUIRE(files.size() >= 10u);
  for (std::size_t jobs : {1, 2}) {
    std::atomic<bool> stop{false};
    std::vector<std::size_t> order;
    decode_files(files, jobs, nullptr, stop, [&](std::size_t i, decoded_file&) {
      order.push_back(i);
      stop = true;
    });
    // At most the files already started when the stop came (2 x jobs wait for the consumer).
    BOOST_TEST_REQUIRE(!order.empty());
    BOOST_TEST(order.size() <= 1 + 2 * jobs + jobs, "jobs " << jobs);
    for (std::size_t k = 0; k < order.size(); ++k) BOOST_TEST(order[k] == k);
  }
}

BOOST_AUTO_TEST_SUITE_END()
