#include "core/line_source.hpp"

#include <cerrno>
#include <cstring>

namespace replayer {
namespace {

constexpr std::size_t chunk = 64 * 1024;

std::string_view strip_cr(std::string_view s) {
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<text_line> memory_lines::next() {
  if (rest_.empty()) return std::nullopt;
  const auto nl = rest_.find('\n');
  std::string_view line = rest_.substr(0, nl);
  rest_ = nl == std::string_view::npos ? std::string_view{} : rest_.substr(nl + 1);
  ++number_;
  if (line.size() > max_line_) return text_line{number_, {}, true};
  return text_line{number_, strip_cr(line), false};
}

boost::system::result<file_lines> file_lines::open(const std::filesystem::path& path, std::size_t max_line) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return std::error_code(errno, std::generic_category());
  return file_lines(f, max_line);
}

file_lines::file_lines(std::FILE* f, std::size_t max_line)
    : file_(f), buffer_(new char[max_line + 1 + chunk]), capacity_(max_line + 1 + chunk), max_line_(max_line) {}

bool file_lines::fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  const std::size_t got = std::fread(buffer_.get() + end_, 1, capacity_ - end_, file_.get());
  end_ += got;
  if (got == 0) {
    eof_ = true;
    if (std::ferror(file_.get())) read_error_ = std::error_code(EIO, std::generic_category());
    return false;
  }
  return true;
}

std::optional<text_line> file_lines::next() {
  bool overlong = false;
  std::size_t scanned = begin_;
  for (;;) {
    const char* start = buffer_.get() + scanned;
    const void* nl = std::memchr(start, '\n', end_ - scanned);
    if (nl) {
      const auto pos = static_cast<std::size_t>(static_cast<const char*>(nl) - buffer_.get());
      std::string_view line(buffer_.get() + begin_, pos - begin_);
      begin_ = pos + 1;
      ++number_;
      if (overlong || line.size() > max_line_) return text_line{number_, {}, true};
      return text_line{number_, strip_cr(line), false};
    }
    if (end_ - begin_ > max_line_) {  // no newline within the limit: drop what we have
      overlong = true;
      begin_ = end_ = 0;
    }
    scanned = end_;
    const std::size_t before = begin_;
    if (!fill()) break;
    scanned -= before;  // fill() moved the unread bytes to the front
  }
  if (begin_ == end_ && !overlong) return std::nullopt;
  std::string_view line(buffer_.get() + begin_, end_ - begin_);
  begin_ = end_;
  ++number_;
  if (overlong || line.size() > max_line_) return text_line{number_, {}, true};
  return text_line{number_, strip_cr(line), false};
}

}  // namespace replayer
