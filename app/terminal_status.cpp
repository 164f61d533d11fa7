#include "app/terminal_status.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>

namespace replayer::app {

std::string eta_text(std::chrono::milliseconds elapsed, std::size_t done, std::size_t total) {
  if (done == 0 || done >= total || elapsed < std::chrono::seconds(1)) return {};
  const auto left_ms = static_cast<long long>(static_cast<double>(elapsed.count()) * static_cast<double>(total - done) /
                                              static_cast<double>(done));
  const long long seconds = (left_ms + 999) / 1000;  // rounded up: never "0s" while work is left
  char buf[48];
  if (seconds >= 3600)
    std::snprintf(buf, sizeof buf, "ETA %lldh%02lldm", seconds / 3600, seconds % 3600 / 60);
  else if (seconds >= 60)
    std::snprintf(buf, sizeof buf, "ETA %lldm%02llds", seconds / 60, seconds % 60);
  else
    std::snprintf(buf, sizeof buf, "ETA %llds", seconds);
  return buf;
}

void terminal_status::show(std::string_view line) {
  if (!enabled_) return;
  last_ = std::string(line.substr(0, 120));
  out_ << "\r\x1b[2K" << last_ << std::flush;
  shown_ = true;
}

void terminal_status::progress(std::size_t done, std::size_t total, std::string_view unit) {
  progress(done, total, unit, std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started_));
}

void terminal_status::progress(std::size_t done, std::size_t total, std::string_view unit,
                               std::chrono::milliseconds elapsed) {
  if (!enabled_ || total == 0) return;
  constexpr std::size_t width = 30;
  const std::size_t filled = std::min(done, total) * width / total;
  const std::string eta = eta_text(elapsed, done, total);
  show("[" + std::string(filled, '#') + std::string(width - filled, '.') + "] " + std::to_string(done) + "/" +
       std::to_string(total) + " " + std::string(unit) + (eta.empty() ? "" : "  " + eta));
}

void terminal_status::clear() {
  if (!enabled_ || !shown_) return;
  out_ << "\r\x1b[2K" << std::flush;
  shown_ = false;
}

void terminal_status::print(std::ostream& to, std::string_view text) {
  const bool again = shown_;
  clear();
  to << text << '\n';
  if (!again) return;
  to.flush();
  show(last_);
}

}  // namespace replayer::app
