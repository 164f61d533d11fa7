// libFuzzer target for the live tick converter (core/live/tick_converter.hpp). The input is a
// feed: up to 16 payloads, one per line, given in order to one converter.
// Invariants:
//   - convert never crashes and never throws (an escaping exception aborts the fuzzer);
//   - a refused payload has a reason and hands out nothing;
//   - a taken payload hands out, in ascending index order, backfilled ticks (at most the
//     partialPrices bound) then the observed one, all of one game; a dropped one hands out none;
//   - within a game still followed, ticks handed out never go back in index;
//   - the counters add up to what was handed out, and their lists stay within their bound.
// Build: cmake --preset fuzz && cmake --build --preset fuzz --target game_state_fuzz
// Run:   build/fuzz/tests/game_state_fuzz CORPUS_DIR -max_len=16384 -max_total_time=60
#include "core/live/tick_converter.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

using namespace replayer;
using namespace replayer::live;

namespace {

[[noreturn]] void broken(const char* what, std::string_view payload) {
  std::fprintf(stderr, "game_state_fuzz: %s\n  payload: %.*s\n", what, static_cast<int>(std::min<std::size_t>(payload.size(), 2000)),
               payload.data());
  std::abort();
}

// The games the converter still follows, most recently updated last, mirrored to know when
// a game's order restarts.
struct followed {
  std::vector<std::string> ids;
  std::map<std::string, std::int64_t> last_index;

  void touch(const std::string& id) {
    auto at = std::find(ids.begin(), ids.end(), id);
    if (at != ids.end()) {
      ids.erase(at);
    } else if (ids.size() == tick_converter::followed_games) {
      last_index.erase(ids.front());
      ids.erase(ids.begin());
    }
    ids.push_back(id);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  tick_converter converter;
  converted_update out;
  followed games;
  std::size_t calls = 0, refused = 0, ticks = 0, backfilled = 0;
  const timestamp received{};

  std::size_t begin = 0;
  for (int n = 0; n < 16 && begin <= input.size(); ++n) {
    const std::size_t end = std::min(input.find('\n', begin), input.size());
    const std::string_view payload = input.substr(begin, end - begin);
    begin = end + 1;

    ++calls;
    const auto r = converter.convert(payload, received, out);
    if (!r) {
      ++refused;
      if (r.error().reason.empty()) broken("refused without a reason", payload);
      if (static_cast<std::size_t>(r.error().kind) >= payload_problem_kinds) broken("problem kind out of range", payload);
      if (!out.ticks.empty() || !out.revealed.empty()) broken("a refused payload handed something out", payload);
      continue;
    }
    if (*r != update_kind::ticked) {
      if (!out.ticks.empty()) broken("a dropped payload handed out ticks", payload);
      continue;
    }
    if (out.ticks.empty()) broken("a taken payload handed out no tick", payload);
    if (out.ticks.size() > game_state_payload::max_partial_prices + 1) broken("more ticks than the window holds", payload);
    const std::string id = out.ticks.back().game_id.str();
    games.touch(id);
    for (std::size_t i = 0; i < out.ticks.size(); ++i) {
      const tick& t = out.ticks[i];
      if (t.game_id.view() != id) broken("ticks of two games in one update", payload);
      if (t.backfilled != (i + 1 < out.ticks.size())) broken("backfilled ticks are not the ones before the observed", payload);
      if (i > 0 && t.index <= out.ticks[i - 1].index) broken("ticks of an update not in ascending order", payload);
      if (t.price.text().empty()) broken("a tick without a price text", payload);
      ++ticks;
      if (t.backfilled) ++backfilled;
    }
    auto last = games.last_index.find(id);
    if (last != games.last_index.end() && out.ticks.front().index < last->second) broken("a game's ticks went back", payload);
    games.last_index[id] = out.ticks.back().index;
  }

  const feed_counters& c = converter.counters();
  if (c.updates != calls || c.malformed != refused) broken("updates or malformed miscounted", input);
  if (c.ticks != ticks || c.backfilled_ticks != backfilled) broken("ticks or backfilled ticks miscounted", input);
  if (c.listed_gaps.size() > feed_counters::max_listed || c.listed_anomalies.size() > feed_counters::max_listed)
    broken("a list beyond its bound", input);
  if (c.missing_ticks < static_cast<std::int64_t>(c.gaps)) broken("fewer missing ticks than gaps", input);
  return 0;
}
