// libFuzzer target for the trading code: fuzzed bytes read as a recording (lines through the
// recording reader, as `backtest` reads a file), then every game backtested with each built-in
// strategy, in a session wallet and in per-game wallets. Invariants:
//   - nothing crashes, no sanitizer report (signed overflow, bad shifts, out-of-range casts);
//   - no exception escapes: a value the exact decimal cannot carry ends that game only
//     (game_outcome::stopped), anything else thrown is a bug;
//   - the digest is the SHA-256 of the trade log, the same for both runs of the same games.
// The first byte picks the latency (0..3 ticks) and the starting balance (0.1 or 10 SOL), so
// the fuzzer reaches the executor's delayed fills and large positions.
// Build: cmake --preset fuzz && cmake --build --preset fuzz; run: scripts/fuzz.sh
#include "core/line_source.hpp"
#include "core/recording_reader.hpp"
#include "core/trading/backtest.hpp"
#include "core/trading/builtin_strategies.hpp"
#include "core/trading/rule_strategy.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

using namespace replayer;

namespace {

const std::vector<rule_strategy>& strategies() {
  static const std::vector<rule_strategy> all = [] {
    std::vector<rule_strategy> v;
    for (const auto& b : builtin_strategies()) v.push_back(*rule_strategy::parse(b.json, b.name));
    return v;
  }();
  return all;
}

[[noreturn]] void broken(const char* what) {
  std::fprintf(stderr, "backtest_fuzz: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t setup = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  memory_lines lines(text, 4096);
  recording_reader reader("fuzz.jsonl", lines);
  std::vector<game> games;
  while (auto g = reader.next_game()) games.push_back(std::move(*g));
  if (games.empty()) return 0;

  trading_settings settings;
  settings.latency_ticks = setup & 3;
  if (setup & 4) settings.starting_balance = decimal_literal("10");
  for (const rule_strategy& s : strategies()) {
    settings.wallet = wallet_mode::session;
    const auto session_run = run_backtest(games, settings, [&] { return std::make_unique<rule_strategy>(s); });
    settings.wallet = wallet_mode::per_game;
    const auto per_game = run_backtest(games, settings, [&] { return std::make_unique<rule_strategy>(s); });
    if (per_game.outcomes.size() != games.size() || session_run.outcomes.size() != games.size())
      broken("a game was lost");
    const auto again = run_backtest(games, settings, [&] { return std::make_unique<rule_strategy>(s); }, {2, false});
    if (again.summary.digest != per_game.summary.digest) broken("the digest depends on the threads");
  }
  return 0;
}
