#pragma once
// What the live recorder writes for one game, as pure text: the file name, the game_start line,
// one line per tick (the recording format, byte for byte what replay reads), and the game_end
// line with the game's facts, its status and, when the server revealed it, the seed. A crash
// leaves a `.part` file; finalise_partial turns it into a valid recording.
#include "core/tick.hpp"
#include "core/timestamp.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace replayer {

/// The game id reduced to what is safe in a file name: letters, digits, '-' and '_' (anything
/// else becomes '_'), at most tick::max_game_id characters, "unknown" when nothing is left.
std::string sanitised_game_id(std::string_view id);
/// game_<YYYYMMDD>_<HHMMSS>_<sequence>_<sanitised id>.jsonl: the time the game's first line
/// came, then the game's number in this recorder's run (4 digits or more), so that the files sort
/// in the order the games were played even when many start within a second (a fast replay).
std::string recording_file_name(std::string_view game_id, timestamp started, std::uint64_t sequence);

/// The server's reveal of a finished game, written with its game_end.
struct revealed_seed {
  std::string server_seed;
  std::string server_seed_hash;
  std::string version;
};

enum class game_status : std::uint8_t { complete, incomplete };

class game_recording {
public:
  game_recording(std::string_view game_id, std::string_view started_at);

  /// {"type": "game_start", "timestamp": ..., "game_id": ...}
  void start_line(std::string& out) const;
  /// The tick's line; the game's facts follow the ticks written.
  void tick_line(const tick& t, std::string& out);
  /// Ticks the recorder had to drop (its queue was full): the game is then incomplete.
  void dropped(std::size_t ticks) { dropped_ += ticks; }
  /// {"type": "game_end", ..., "total_ticks", "tick_range", "price_range", "peak_price",
  ///  "final_price", "status", ["dropped_ticks"], ["server_seed", "server_seed_hash", "version"]}
  void end_line(std::string_view at, game_status status, const std::optional<revealed_seed>& seed,
                std::string& out) const;

  const std::string& game_id() const { return id_; }
  std::size_t ticks() const { return ticks_; }

private:
  std::string id_;
  std::string started_at_;
  std::size_t ticks_ = 0;
  std::size_t dropped_ = 0;
  std::int64_t first_tick_ = 0, last_tick_ = 0;
  std::optional<price> low_, high_, last_price_;
};

/// The content of a `.part` file a crash left: everything up to its last whole line (a half
/// line is never read back as a tick), then a game_end marked incomplete. `game_id` is the
/// game the file was for; `at` the time to stamp the game_end with.
std::string finalise_partial(std::string_view content, std::string_view game_id, std::string_view at);

}  // namespace replayer
