#pragma once
// Appends an integer's decimal text, without a temporary string (the recorder and the codec
// write one or more per line).
#include <charconv>
#include <concepts>
#include <string>

namespace replayer {

template <std::integral Int>
void append_int(std::string& out, Int v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

}  // namespace replayer
