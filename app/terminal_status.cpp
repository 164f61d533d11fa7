#include "app/terminal_status.hpp"

#include <ostream>

namespace replayer::app {

void terminal_status::show(std::string_view line) {
  if (!enabled_) return;
  out_ << "\r\x1b[2K" << line.substr(0, 120) << std::flush;
  shown_ = true;
}

void terminal_status::progress(std::size_t done, std::size_t total, std::string_view unit) {
  if (!enabled_ || total == 0) return;
  constexpr std::size_t width = 30;
  const std::size_t filled = done * width / total;
  show("[" + std::string(filled, '#') + std::string(width - filled, '.') + "] " + std::to_string(done) + "/" +
       std::to_string(total) + " " + std::string(unit));
}

void terminal_status::clear() {
  if (!enabled_ || !shown_) return;
  out_ << "\r\x1b[2K" << std::flush;
  shown_ = false;
}

}  // namespace replayer::app
