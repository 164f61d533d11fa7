#include "app/bad_line_log.hpp"

#include "app/logging.hpp"

namespace replayer::app {

void bad_line_log::operator()(const bad_line& b) {
  if (in_file_++ < per_file_) log_warning(b.describe());
  file_ = std::string(b.file);
}

void bad_line_log::end_file() {
  if (in_file_ > per_file_)
    log_warning(file_ + ": " + std::to_string(in_file_ - per_file_) + (per_file_ ? " more" : "") +
                " bad lines skipped, not shown (replayer check " + file_ + " lists them all)");
  in_file_ = 0;
}

}  // namespace replayer::app
