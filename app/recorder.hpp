#pragma once
// The live recorder: one file per game in the recording format, written on a thread of its own
// so that the feed and the session never wait for the disk. The feed's thread formats the lines
// (core/feed/game_recording) and queues them; the queue is bounded in bytes, and a tick that does
// not fit is dropped, counted, and the game's game_end says it is incomplete. Each game is
// written to NAME.jsonl.part, synced (fdatasync) at most `sync_interval` apart and at its end,
// then renamed to NAME.jsonl. A write error (a full disk) stops recording with one message;
// everything written before stays valid. At start-up, .part files left by a crash are closed
// (core/feed/game_recording's finalise_partial) and reported.
#include "core/feed/bounded_queue.hpp"
#include "core/feed/game_recording.hpp"

#include <boost/system/result.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace replayer::app {

class recorder {
public:
  struct settings {
    std::filesystem::path dir;
    /// Also keep every Socket.IO event as received, one JSONL line each
    /// ({"timestamp", "event_type", "data"}) in DIR/events_<date>_<time>.raw.jsonl, so that a parser
    /// bug can be fixed and the games rebuilt (`record --from-raw`).
    bool raw = false;
    std::size_t queue_bytes = std::size_t{8} << 20;
    std::chrono::milliseconds sync_interval{5000};
  };
  /// Read from any thread.
  struct counters {
    std::atomic<std::size_t> games{0}, files{0}, ticks{0}, bytes{0}, dropped_ticks{0}, write_errors{0},
        recovered_files{0}, raw_events{0}, dropped_raw_events{0};
  };

  /// Creates the folder if needed and closes the .part files a crash left (their names are in
  /// `recovered`). The error says what went wrong with which path.
  static boost::system::result<std::unique_ptr<recorder>, std::string> open(settings s,
                                                                            std::vector<std::string>* recovered = nullptr);
  ~recorder();
  recorder(const recorder&) = delete;
  recorder& operator=(const recorder&) = delete;

  void begin_game(std::string_view game_id, timestamp at);
  void on_tick(const tick& t);
  void end_game(game_status status, const std::optional<revealed_seed>& seed, timestamp at);
  /// One event as received, for the raw file (with settings.raw; ignored otherwise).
  void raw_event(std::string_view name, std::string_view payload_json, timestamp at);
  /// Ends a game still open (incomplete), writes what is queued and stops the writer.
  void close(timestamp at);

  const counters& stats() const { return stats_; }
  /// The write error that stopped recording, if any (set by the writer thread).
  std::optional<std::string> failure() const;

private:
  struct item {
    enum class kind : std::uint8_t { open, data, finish, raw } what = kind::data;
    std::string text;  // the file name for open, the bytes for data
  };
  explicit recorder(settings s);
  void queue(item::kind what, std::string text, bool counts);
  void write_loop();

  settings settings_;
  bounded_queue<item> queue_;
  counters stats_;
  std::optional<game_recording> game_;
  std::string line_;
  std::string raw_name_;  // the raw file's name, chosen at the first event
  mutable std::mutex failure_mutex_;
  std::optional<std::string> failure_;
  std::atomic<bool> failed_{false};
  std::jthread writer_;
};

}  // namespace replayer::app
