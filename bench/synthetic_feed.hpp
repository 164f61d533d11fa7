// Games for the live-path benchmarks (feed_bench, dashboard_bench): synthetic recordings of
// 500 in-play ticks a game, and a percentile of timings.
#pragma once

#include "core/game.hpp"
#include "core/timestamp.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace bench {

using namespace replayer;

// Games of 500 in-play ticks each (a slow random walk, a rug at the end), `ticks` in all, as
// recordings would hold them.
inline std::vector<game> synthetic_games(std::size_t ticks) {
  constexpr std::size_t per_game = 500;
  std::vector<game> games;
  auto start = *parse_timestamp("2025-12-01T00:00:00.000000");
  std::uint64_t x = 88172645463325252ull;
  for (std::size_t done = 0; done < ticks;) {
    game& g = games.emplace_back();
    char id[32];
    std::snprintf(id, sizeof id, "20251201-bench%010zu", games.size());
    g.id = id;
    g.file = "bench";
    tick t;
    t.game_id = *inline_text<tick::max_game_id>::from(g.id);
    t.phase = phase::active_gameplay;
    t.active = true;
    double p = 1.0;
    const std::size_t n = std::min(per_game, ticks - done);
    for (std::size_t i = 1; i <= n; ++i) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      p = std::clamp(p * (0.98 + 0.04 * double(x % 1000) / 1000.0), 0.2, 50.0);
      char text[32];
      std::snprintf(text, sizeof text, "%.15g", p);
      t.index = static_cast<std::int64_t>(i);
      t.price = *price::parse(text);
      t.rugged = i == n;
      t.time = start + std::chrono::milliseconds(250 * (done + i));
      t.trade_count = static_cast<std::int64_t>(i);
      g.ticks.push_back(t);
    }
    done += n;
  }
  return games;
}

inline double percentile(std::vector<double>& v, double q) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(q * double(v.size())))];
}

}  // namespace bench
