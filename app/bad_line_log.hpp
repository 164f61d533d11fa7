#pragma once
// Reports bad lines on stderr as FILE:LINE: reason, at most `per_file` of them for each file,
// then one line with how many more there were: every bad line is counted, none is hidden.
// With per_file = 0 each file with bad lines gets that one line only (backtests).
#include "core/recording_reader.hpp"

#include <cstddef>
#include <string>

namespace replayer::app {

/// The one line for a file whose `count` bad lines are not shown one by one.
void log_bad_lines_not_shown(std::string_view file, std::size_t count, bool some_shown = false);

class bad_line_log {
public:
  explicit bad_line_log(std::size_t per_file = 100) : per_file_(per_file) {}
  void operator()(const bad_line& b);
  /// Call at the end of each file.
  void end_file();

private:
  std::size_t per_file_;
  std::size_t in_file_ = 0;
  std::string file_;
};

}  // namespace replayer::app
