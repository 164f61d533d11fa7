#include "app/bad_line_log.hpp"

#include "app/logging.hpp"
#include "app/printable_text.hpp"

namespace replayer::app {

void bad_line_log::operator()(const bad_line& b) {
  if (in_file_++ < per_file_) log_warning(printable(b.describe()));
  file_ = std::string(b.file);
}

void log_bad_lines_not_shown(std::string_view file, std::size_t count, bool some_shown) {
  const std::string name = printable(file);
  log_warning(name + ": " + std::to_string(count) + (some_shown ? " more" : "") +
              " bad lines skipped, not shown (replayer check " + name + " lists them all)");
}

void bad_line_log::end_file() {
  if (in_file_ > per_file_) log_bad_lines_not_shown(file_, in_file_ - per_file_, per_file_ > 0);
  in_file_ = 0;
}

}  // namespace replayer::app
