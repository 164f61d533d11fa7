#include "core/trading/sweep_play.hpp"

#include "core/concat.hpp"
#include "core/ordered_pool.hpp"

#include <memory>
#include <stdexcept>

namespace replayer {

void play_sweep_points(const std::vector<sweep_point>& points, const std::vector<std::size_t>& played,
                       const std::vector<game>& games, const std::vector<game>* held_out, std::size_t jobs,
                       const std::atomic<bool>& stop,
                       const std::function<void(std::size_t, point_result&&)>& consume) {
  ordered_pool<point_result>(
      played.size(), jobs, stop,
      [&](std::size_t j) {
        const sweep_point& p = points[played[j]];
        auto play = [&](const std::vector<game>& part) {
          return run_backtest(part, p.settings, [&] { return std::make_unique<rule_strategy>(p.strategy); }, {}, stop)
              .summary;
        };
        try {
          point_result r{play(games), std::nullopt};
          if (held_out) r.out_of_sample = play(*held_out);
          return r;
        } catch (const std::exception& e) {
          throw std::runtime_error(concat({"sweep point ", p.label, ": ", e.what()}));
        }
      },
      consume);
}

}  // namespace replayer
