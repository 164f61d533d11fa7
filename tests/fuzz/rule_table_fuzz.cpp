// libFuzzer target for rule tables (`--strategy FILE`, the built-ins' format): any bytes as a
// table. Invariants:
//   - parse never crashes nor throws; a refused table comes with a reason;
//   - a table that parses plays a short game (a rise, a fall, a rug; tick indices up to the
//     largest a recording may hold) in both wallets without a crash, a sanitizer report or an
//     exception other than a game ended by a decimal overflow (reported, not thrown).
// Build: cmake --preset fuzz && cmake --build --preset fuzz; run: scripts/fuzz.sh
#include "core/record_limits.hpp"
#include "core/trading/backtest.hpp"
#include "core/trading/rule_strategy.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

using namespace replayer;

namespace {

tick make_tick(std::int64_t index, std::string_view price, phase ph, bool rugged) {
  tick t;
  t.game_id = *inline_text<tick::max_game_id>::from("fuzz-game");
  t.timestamp_text = *inline_text<tick::max_timestamp>::from("2025-10-29T18:57:06.222832");
  t.index = index;
  t.price = *price::parse(price);
  t.phase = ph;
  t.active = !rugged;
  t.rugged = rugged;
  return t;
}

const std::vector<game>& games() {
  static const std::vector<game> all = [] {
    game g;
    g.file = "fuzz.jsonl";
    g.id = "fuzz-game";
    g.has_start = g.has_end = true;
    const char* prices[] = {"1.0", "1.2", "0.8", "2.5", "0.00000001", "1000000000", "0.5", "3.0", "1.1", "0.9"};
    std::int64_t index = 0;
    for (const char* p : prices) g.ticks.push_back(make_tick(index++, p, phase::active_gameplay, false));
    g.ticks.push_back(make_tick(record_limits::max_tick_index - 1, "1.5", phase::active_gameplay, false));
    g.ticks.push_back(make_tick(record_limits::max_tick_index, "0.01", phase::rug_event_1, true));
    return std::vector<game>{g, g};
  }();
  return all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = rule_strategy::parse(text, "fuzz.json");
  if (!parsed) {
    if (parsed.error().empty()) {
      std::fprintf(stderr, "rule_table_fuzz: refused without a reason\n");
      std::abort();
    }
    return 0;
  }
  trading_settings settings;
  for (const auto wallet : {wallet_mode::session, wallet_mode::per_game}) {
    settings.wallet = wallet;
    run_backtest(games(), settings, [&] { return std::make_unique<rule_strategy>(*parsed); });
  }
  return 0;
}
