#include "app/printable_text.hpp"

#include <algorithm>

namespace replayer::app {
namespace {

bool is_c0_or_del(unsigned char c) { return c < 0x20 || c == 0x7F; }

void append_hex(std::string& out, unsigned char c) {
  constexpr char digits[] = "0123456789abcdef";
  out += "\\x";
  out += digits[c >> 4];
  out += digits[c & 0xF];
}

}  // namespace

std::string printable(std::string_view text) {
  // C1 controls U+0080..U+009F are C2 80..C2 9F in UTF-8.
  auto is_c1 = [&](std::size_t i) {
    return static_cast<unsigned char>(text[i]) == 0xC2 && i + 1 < text.size() &&
           static_cast<unsigned char>(text[i + 1]) >= 0x80 && static_cast<unsigned char>(text[i + 1]) <= 0x9F;
  };
  const bool clean = std::none_of(text.begin(), text.end(), [](char c) {
    return is_c0_or_del(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) == 0xC2;
  });
  if (clean) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (is_c0_or_del(c)) {
      append_hex(out, c);
    } else if (is_c1(i)) {
      append_hex(out, c);
      append_hex(out, static_cast<unsigned char>(text[++i]));
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace replayer::app
