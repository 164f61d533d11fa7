#pragma once
// One status line on a terminal (live view of the current tick, or a progress bar), redrawn in
// place. Does nothing when the stream is not a terminal, so piped output stays clean.
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace replayer::app {

class terminal_status {
public:
  terminal_status(std::ostream& out, bool enabled) : out_(out), enabled_(enabled) {}
  ~terminal_status() { clear(); }
  terminal_status(const terminal_status&) = delete;
  terminal_status& operator=(const terminal_status&) = delete;

  void show(std::string_view line);
  void progress(std::size_t done, std::size_t total, std::string_view unit);
  void clear();

private:
  std::ostream& out_;
  bool enabled_;
  bool shown_ = false;
};

}  // namespace replayer::app
