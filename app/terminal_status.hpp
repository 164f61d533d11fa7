#pragma once
// One status line on a terminal (live view of the current tick, or a progress bar with an ETA),
// redrawn in place. Does nothing when the stream is not a terminal, so piped output stays clean.
// A line printed while the status shows (a warning, a problem found) goes through print(): the
// status is cleared first and drawn again below it, so nothing is glued to the bar.
#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace replayer::app {

/// "ETA 1m05s" for `done` of `total` units after `elapsed`, or "" while nothing is done, when
/// all is done, or in the first second (too early to say).
std::string eta_text(std::chrono::milliseconds elapsed, std::size_t done, std::size_t total);

class terminal_status {
public:
  using clock = std::chrono::steady_clock;

  terminal_status(std::ostream& out, bool enabled) : out_(out), enabled_(enabled), started_(clock::now()) {}
  ~terminal_status() { clear(); }
  terminal_status(const terminal_status&) = delete;
  terminal_status& operator=(const terminal_status&) = delete;

  void show(std::string_view line);
  /// "[####......] 3/12 files  ETA 20s", timed from the construction.
  void progress(std::size_t done, std::size_t total, std::string_view unit);
  /// The bar for `elapsed` since the start (what progress() draws).
  void progress(std::size_t done, std::size_t total, std::string_view unit, std::chrono::milliseconds elapsed);
  void clear();
  /// Writes `text` and a newline to `to` with the status cleared first, then shows it again.
  void print(std::ostream& to, std::string_view text);

private:
  std::ostream& out_;
  bool enabled_;
  bool shown_ = false;
  std::string last_;
  clock::time_point started_;
};

}  // namespace replayer::app
