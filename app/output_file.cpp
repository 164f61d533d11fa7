#include "app/output_file.hpp"

#include "core/concat.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

namespace replayer::app {
namespace {

std::string cannot_write(const std::string& path, int error) {
  return concat({"cannot write ", path, ": ", std::strerror(error)});
}

// The permissions a new file gets (0666 less the umask); mkstemp makes 0600.
mode_t new_file_mode() {
  static const mode_t mode = [] {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
  }();
  return mode;
}

}  // namespace

boost::system::result<output_file, std::string> output_file::create(const std::string& path) {
  const std::filesystem::path target(path);
  // Never renamed over a device, a FIFO or a folder (as root, over /dev/full itself).
  std::error_code ec;
  const auto status = std::filesystem::status(target, ec);
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    return concat({"cannot write ", path, ": not a regular file (a device, a FIFO or a folder)"});
  std::filesystem::path temp = target.parent_path() / ("." + target.filename().string() + ".XXXXXX");
  std::string name = temp.string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) return cannot_write(path, errno);
  ::fchmod(fd, new_file_mode());
  std::FILE* file = ::fdopen(fd, "wb");
  if (!file) {
    const int error = errno;
    ::close(fd);
    ::unlink(name.c_str());
    return cannot_write(path, error);
  }
  return output_file(path, std::move(name), file);
}

output_file::output_file(output_file&& other) noexcept
    : path_(std::move(other.path_)), temp_(std::move(other.temp_)), file_(std::exchange(other.file_, nullptr)),
      error_(other.error_) {}

output_file& output_file::operator=(output_file&& other) noexcept {
  if (this != &other) {
    discard();
    path_ = std::move(other.path_);
    temp_ = std::move(other.temp_);
    file_ = std::exchange(other.file_, nullptr);
    error_ = other.error_;
  }
  return *this;
}

output_file::~output_file() { discard(); }

void output_file::discard() {
  if (!file_) return;
  std::fclose(std::exchange(file_, nullptr));
  ::unlink(temp_.c_str());
}

void output_file::write(std::string_view text) {
  if (error_ || !file_ || text.empty()) return;
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) error_ = errno ? errno : EIO;
}

std::optional<std::string> output_file::commit() {
  if (!file_) return cannot_write(path_, EBADF);
  if (!error_ && std::fflush(file_) != 0) error_ = errno;
  if (!error_ && ::fsync(::fileno(file_)) != 0) error_ = errno;
  const int closed = std::fclose(std::exchange(file_, nullptr));
  if (!error_ && closed != 0) error_ = errno;
  if (!error_ && std::rename(temp_.c_str(), path_.c_str()) != 0) error_ = errno;
  if (!error_) return std::nullopt;
  ::unlink(temp_.c_str());
  return cannot_write(path_, error_);
}

}  // namespace replayer::app
