#include "app/stdout_buffer.hpp"

#include <cerrno>

#include <unistd.h>

namespace replayer::app {

std::streambuf::int_type stdout_buffer::overflow(int_type ch) {
  if (!drain()) return traits_type::eof();
  if (!traits_type::eq_int_type(ch, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(ch);
    pbump(1);
  }
  return traits_type::not_eof(ch);
}

int stdout_buffer::sync() { return drain() ? 0 : -1; }

bool stdout_buffer::drain() {
  const char* next = pbase();
  while (error_ == 0 && next < pptr()) {
    const auto n = ::write(fd_, next, static_cast<std::size_t>(pptr() - next));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) error_ = n < 0 ? errno : EIO;
    else next += n;
  }
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  return error_ == 0;
}

}  // namespace replayer::app
