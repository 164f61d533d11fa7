#pragma once
// The buffer under std::cout (installed by main): it writes to the file descriptor itself and
// keeps the OS reason of the first failed write, which a stream's badbit does not. So a
// `replayer ... > results.txt` on a full disk can say "stdout: No space left on device" even when
// the write failed in the middle of the run, long before the last flush.
#include <array>
#include <streambuf>

namespace replayer::app {

class stdout_buffer final : public std::streambuf {
public:
  explicit stdout_buffer(int fd) : fd_(fd) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  stdout_buffer(const stdout_buffer&) = delete;
  stdout_buffer& operator=(const stdout_buffer&) = delete;
  ~stdout_buffer() override { drain(); }

  /// errno of the first write that failed (ENOSPC, EPIPE, ...), 0 while every write succeeded.
  /// What follows a failure is dropped.
  int first_error() const { return error_; }

protected:
  int_type overflow(int_type ch) override;
  int sync() override;

private:
  bool drain();

  int fd_;
  int error_ = 0;
  std::array<char, 8192> buffer_;  // BUFSIZ, as std::cout's own: output appears when it did before
};

}  // namespace replayer::app
