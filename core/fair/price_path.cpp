#include "core/fair/price_path.hpp"

#include "core/fair/seedrandom.hpp"

#include <algorithm>
#include <array>
#include <cmath>

// Bit-exactness with JavaScript needs every multiply and add rounded on its own: never let the
// compiler fuse `a + b * c` into one FMA (it would, given -march with FMA and contraction on).
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

namespace replayer {
namespace {

constexpr std::array<std::string_view, 3> version_names = {"v1", "v2", "v3"};

// One drift step. The operations and their order are the JavaScript reference's, so that every
// intermediate double rounds the same way.
template <fair_version Version>
void run(seedrandom& generator, std::vector<double>& path) {
  seedrandom::stream rng(generator);
  using m = price_model;
  double price = 1.0;
  path.push_back(price);
  for (int t = 0; t < m::max_ticks; ++t) {
    if (rng.next() < m::rug_probability) return;
    if constexpr (Version == fair_version::v3) {
      if (rng.next() < m::god_candle_probability && price <= m::god_candle_max_price) {
        price = price * m::god_candle_factor;
        path.push_back(price);
        continue;
      }
    }
    double change;
    if (rng.next() < m::big_move_probability) {
      const double size = m::big_move_min + rng.next() * m::big_move_range;
      change = rng.next() > 0.5 ? size : -size;
    } else {
      const double drift = m::drift_min + rng.next() * m::drift_range;
      const double root = std::sqrt(price);
      const double volatility =
          m::volatility_base * (Version == fair_version::v1 ? root : std::min(m::volatility_sqrt_cap, root));
      change = drift + volatility * (2 * rng.next() - 1);
    }
    price = price * (1 + change);
    if (price < 0) price = 0;
    path.push_back(price);
  }
}

}  // namespace

std::optional<fair_version> parse_fair_version(std::string_view text) {
  for (std::size_t i = 0; i < version_names.size(); ++i)
    if (text == version_names[i]) return static_cast<fair_version>(i);
  return std::nullopt;
}

std::string_view fair_version_name(fair_version v) { return version_names[static_cast<std::size_t>(v)]; }

void generate_price_path(std::string_view server_seed, std::string_view game_id, fair_version version,
                         std::vector<double>& path) {
  path.clear();
  seedrandom rng({server_seed, "-", game_id});
  switch (version) {
    case fair_version::v1: run<fair_version::v1>(rng, path); break;
    case fair_version::v2: run<fair_version::v2>(rng, path); break;
    case fair_version::v3: run<fair_version::v3>(rng, path); break;
  }
}

std::vector<double> expected_price_path(std::string_view game_id, std::string_view server_seed,
                                        fair_version version) {
  std::vector<double> path;
  generate_price_path(server_seed, game_id, version, path);
  return path;
}

}  // namespace replayer
