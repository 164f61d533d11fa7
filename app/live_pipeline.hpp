#pragma once
// What `record` and `live` do with the feed, on the io_context's thread: every gameStateUpdate
// through the tick converter (core/live), its ticks through the game splitter (the same one the
// recording reader uses) and then, synchronously and in order, to the trading session and to the
// recorder. The session never misses a tick; the recorder takes every tick through its bounded
// queue and never makes the feed wait. A revealed seed ends its game (the splitter's end record)
// and is written with the game's game_end.
#include "app/recorder.hpp"
#include "core/dashboard/board.hpp"
#include "core/dashboard/health.hpp"
#include "core/dashboard/metrics_text.hpp"
#include "core/game_splitter.hpp"
#include "core/live/tick_converter.hpp"
#include "core/trading/backtest.hpp"
#include "net/feed_client.hpp"

#include <array>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>

namespace replayer::app {

/// Why a connection ended, in the few words /metrics labels reconnects with.
enum class disconnect_cause { timeout, server_closed, read_error, write_error, handshake, tls, other };
inline constexpr std::size_t disconnect_cause_count = 7;
disconnect_cause classify_disconnect(std::string_view cause);
std::string_view disconnect_cause_name(disconnect_cause c);

/// Counted by the pipeline, read by its owner and /metrics.
struct feed_metrics {
  std::size_t connects = 0, reconnects = 0, frames_refused = 0, events = 0, other_events = 0, payloads_refused = 0;
  std::size_t games = 0;
  std::array<std::size_t, disconnect_cause_count> reconnects_by_cause{};
  /// From a gameStateUpdate handed over by the feed client to the session having decided on it.
  dashboard::latency_histogram feed_to_decision;
};

/// Lets through the first messages of a kind, then one in `every`, each saying how many it stands for.
class log_limiter {
public:
  explicit log_limiter(std::size_t first = 10, std::size_t every = 1000) : first_(first), every_(every) {}
  /// Whether to log this occurrence; `suffix` gets " (N like it so far)" when some were held back.
  bool allow(std::string& suffix);

private:
  std::size_t first_, every_, seen_ = 0;
};

class live_pipeline final : public net::feed_handler, game_splitter::sink {
public:
  /// `run` (trading, may be null) gets the outcome of every game; `record` (may be null) every
  /// tick. `trading` makes the session of a game (one shared session, or one per game).
  live_pipeline(backtest_run* run, std::function<session&(std::string_view game_id)> trading, recorder* record);

  void on_connected(std::string_view authority) override;
  void on_event(const socketio::event& e, timestamp received) override;
  void on_protocol_error(const socketio::protocol_error& e) override;
  void on_disconnected(std::string_view cause, std::chrono::milliseconds retry_in) override;

  /// Ends the game being played (incomplete) at `now`.
  void finish(timestamp now);

  const feed_metrics& metrics() const { return metrics_; }
  const live::feed_counters& ticks() const { return converter_.counters(); }

  /// Also keeps a dashboard's chart board and feed health up to date (either may be null).
  void watch(dashboard::board* board, dashboard::feed_health* health) {
    board_ = board;
    health_ = health;
  }

private:
  void begin_game(std::string_view id, std::size_t line) override;
  void on_record(const record& r, std::size_t line) override;
  void end_game() override;

  backtest_run* run_;
  std::function<session&(std::string_view)> trading_;
  recorder* record_;
  session* current_ = nullptr;
  live::tick_converter converter_;
  live::converted_update update_;
  game_splitter splitter_{*this};
  record line_record_;
  std::size_t line_ = 0;
  timestamp received_{};
  bool rugged_ = false;
  std::optional<revealed_seed> seed_;
  std::string current_id_;
  feed_metrics metrics_;
  dashboard::board* board_ = nullptr;
  dashboard::feed_health* health_ = nullptr;
  log_limiter refused_log_, payload_log_, gap_log_;
};

}  // namespace replayer::app
