#pragma once
// What the dashboard shows of `replayer view`: the recordings to choose from, the game being
// viewed through the replay viewer (core/dashboard/replay_viewer: the same session as
// backtest), play / pause / step / seek / speed, and the orders placed by hand. Every game left
// (for another one, or at the end) is kept as it was played, for the summary, the trade log and
// the report: the same formats as a backtest's.
#include "app/dashboard.hpp"
#include "core/dashboard/replay_viewer.hpp"
#include "core/trading/backtest.hpp"
#include "core/trading/rule_strategy.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

namespace replayer::app {

class view_source final : public dashboard_source {
public:
  /// `attached` trades beside the hand orders when it has rules.
  view_source(std::vector<std::filesystem::path> files, rule_strategy strategy, trading_settings settings, bool attached,
              std::optional<double> speed);

  /// Opens file `index` and its game `game` (the error says why not).
  std::string open(std::size_t index, std::size_t game = 0);
  /// Plays while playing, at the speed, until cancelled.
  boost::asio::awaitable<void> play_loop();

  std::uint64_t version() const override { return version_; }
  boost::json::object state() const override;
  dashboard::health_verdict health() const override;
  void metrics(dashboard::metrics_text& out) const override;
  std::string command(const boost::json::object& c) override;
  std::string report_html() const override;

  /// The games viewed, each as far as it was played (the current one included).
  std::vector<game_outcome> outcomes() const;
  /// The summary of `games` (from outcomes()), as a backtest adds it up; `trades` (may be empty)
  /// gets their trade log.
  backtest_summary summary(std::vector<game_outcome> games, trade_log::writer trades = {}) const;
  const rule_strategy& strategy() const { return strategy_; }
  const trading_settings& settings() const { return settings_; }
  std::size_t file_count() const { return files_.size(); }

private:
  void leave_game();
  void changed() { ++version_; }
  std::string place(action a, const boost::json::object& c);

  std::vector<std::filesystem::path> files_;
  rule_strategy strategy_;
  trading_settings settings_;
  dashboard::replay_viewer viewer_;
  std::vector<game> games_;  // of the open file
  std::size_t file_ = 0, game_ = 0, bad_lines_ = 0;
  std::vector<game_outcome> left_;
  bool playing_ = false;
  std::optional<double> speed_;  // nullopt: as fast as possible
  boost::asio::steady_timer* wake_ = nullptr;  // play_loop's, while it runs (commands wake it)
  std::uint64_t version_ = 0, commands_ = 0;
};

}  // namespace replayer::app
