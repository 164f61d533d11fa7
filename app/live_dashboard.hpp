#pragma once
// What the dashboard shows of `live` and `record`: the feed (health, counters, the raw event
// tail), the price chart of the current game and the last few with the bot's trades, the bot
// (strategy, wallet, position, P&L, sidebet, rails) and the recorder. It sits between the session
// and the event printer as the sink of trade events, and is the pipeline's board and health.
#include "app/dashboard.hpp"
#include "app/live_pipeline.hpp"
#include "core/dashboard/board.hpp"
#include "core/trading/session.hpp"

#include <array>
#include <deque>
#include <functional>

namespace replayer::browser {
class browser_trader;
}

namespace replayer::app {

class live_dashboard final : public dashboard_source, public trade_sink {
public:
  /// `trading` is false for `record`. `next` (may be null) gets every trade event after the board.
  live_dashboard(live_pipeline& pipeline, const recorder* rec, bool trading, std::string strategy,
                 const trading_settings& settings, trade_sink* next);

  /// The session being played now (null between games or for `record`).
  void set_session(std::function<const session*()> current) { current_ = std::move(current); }
  void set_trader(const browser::browser_trader* t) { trader_ = t; }
  /// From now on the pipeline keeps this dashboard's board and feed health (with --http only:
  /// without a page there is nothing to keep them for).
  void watch_pipeline() { pipeline_.watch(&board_, &health_); }

  void on_event(std::string_view game_id, const trade_event& e) override;

  std::uint64_t version() const override;
  boost::json::object state() const override;
  dashboard::health_verdict health() const override;
  void metrics(dashboard::metrics_text& out) const override;
  std::string command(const boost::json::object& c) override;

  std::chrono::milliseconds stale_after{5000};

private:
  live_pipeline& pipeline_;
  const recorder* recorder_;
  bool trading_;
  std::string strategy_;
  const trading_settings& settings_;
  trade_sink* next_;
  std::function<const session*()> current_;
  const browser::browser_trader* trader_ = nullptr;
  dashboard::board board_;
  dashboard::feed_health health_;
  std::deque<std::string> recent_trades_;  // trade-log lines, the latest max_recent_trades
  static constexpr std::size_t max_recent_trades = 100;
  std::array<std::uint64_t, event_kind_count> events_by_kind_{};
  std::uint64_t trade_events_ = 0;
};

}  // namespace replayer::app
