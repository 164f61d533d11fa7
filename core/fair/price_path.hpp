#pragma once
// The provably-fair price model of rugs.fun: from a revealed server seed and a game id to the
// game's price path, double for double what the server's JavaScript computes.
//
// seedrandom(serverSeed + "-" + gameId); price = 1.0; for each tick 0..4999: draw r; r < 0.005
// rugs the game. Otherwise one step, every r a fresh draw, in this order:
//   v3 only: draw r; r < 0.00001 and price <= 100: price * 10 (a "god candle"), step done;
//   draw r; r < 0.125: a big move: size = 0.15 + r' * 0.10 (draw r'), up when the next draw > 0.5;
//   else: drift = -0.02 + r' * 0.05 (draw r'), volatility = 0.005 * sqrt(price) (v1) or
//         0.005 * min(10, sqrt(price)) (v2, v3), change = drift + volatility * (2 r'' - 1) (draw r'');
//   price = price * (1 + change), floored at 0.
// docs/provably-fair.md has the evidence for this order.
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace replayer {

enum class fair_version : unsigned char { v1, v2, v3 };

/// "v1", "v2", "v3"; nullopt for anything else.
std::optional<fair_version> parse_fair_version(std::string_view text);
std::string_view fair_version_name(fair_version v);

struct price_model {
  static constexpr double rug_probability = 0.005;
  static constexpr int max_ticks = 5000;
  static constexpr double god_candle_probability = 0.00001;
  static constexpr double god_candle_max_price = 100;
  static constexpr double god_candle_factor = 10;
  static constexpr double big_move_probability = 0.125;
  static constexpr double big_move_min = 0.15;
  static constexpr double big_move_range = 0.10;  // 0.25 - 0.15, the same double
  static constexpr double drift_min = -0.02;
  static constexpr double drift_range = 0.05;     // 0.03 - (-0.02), the same double
  static constexpr double volatility_base = 0.005;
  static constexpr double volatility_sqrt_cap = 10;  // v2, v3
};

/// Replaces the contents of `path` with the game's prices: path[0] == 1.0 and one more price
/// per tick survived, so the game rugs at tick `path.size()` (at most 5001 prices when it never
/// rugs within 5000 ticks). The server's `prices` array holds this path and then the rug price.
void generate_price_path(std::string_view server_seed, std::string_view game_id, fair_version version,
                         std::vector<double>& path);

/// The same, as a new vector: what a caller comparing recorded tick prices needs.
std::vector<double> expected_price_path(std::string_view game_id, std::string_view server_seed,
                                        fair_version version);

}  // namespace replayer
