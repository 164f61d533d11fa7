#include "core/fair/seedrandom.hpp"

#include <algorithm>
#include <cstddef>

namespace replayer {
namespace {

// seedrandom's mixkey(): folds the seed's UTF-16 code units into a key of at most 256 bytes.
// key[j & 255] = 255 & ((smear ^= key[j & 255] * 19) + code(j)). For the first 256 code units
// key[j] does not exist yet: undefined * 19 is NaN, and `smear ^ NaN` leaves smear unchanged
// (ToInt32(NaN) == 0), so only longer seeds ever "smear".
class key_mixer {
public:
  void add(std::uint32_t code_unit) {
    const std::size_t k = count_ & 255;
    if (count_ >= 256) smear_ ^= key_[k] * 19u;
    key_[k] = (smear_ + code_unit) & 255u;
    ++count_;
  }

  // Adds the UTF-16 code units of UTF-8 `text`.
  void add_utf8(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    auto continuation = [&](std::size_t at) { return at < size && (p[at] & 0xC0) == 0x80; };
    for (std::size_t i = 0; i < size;) {
      const unsigned c = p[i];
      std::uint32_t cp = c;
      std::size_t len = 1;
      if (c >= 0xC2 && c <= 0xDF && continuation(i + 1)) {
        cp = ((c & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
        len = 2;
      } else if ((c & 0xF0) == 0xE0 && continuation(i + 1) && continuation(i + 2)) {
        cp = ((c & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
        len = cp >= 0x800 ? 3 : 1;
        if (len == 1) cp = c;
      } else if (c >= 0xF0 && c <= 0xF4 && continuation(i + 1) && continuation(i + 2) && continuation(i + 3)) {
        cp = ((c & 0x07u) << 18) | ((p[i + 1] & 0x3Fu) << 12) | ((p[i + 2] & 0x3Fu) << 6) | (p[i + 3] & 0x3Fu);
        len = cp >= 0x10000 && cp <= 0x10FFFF ? 4 : 1;
        if (len == 1) cp = c;
      }
      i += len;
      if (cp >= 0x10000) {  // a JavaScript string holds it as a surrogate pair
        add(0xD800u + ((cp - 0x10000u) >> 10));
        add(0xDC00u + ((cp - 0x10000u) & 0x3FFu));
      } else {
        add(cp);
      }
    }
  }

  const std::array<std::uint32_t, 256>& key() const { return key_; }
  std::size_t length() const { return std::min<std::size_t>(count_, 256); }

private:
  std::array<std::uint32_t, 256> key_{};
  std::uint32_t smear_ = 0;
  std::size_t count_ = 0;
};

}  // namespace

seedrandom::seedrandom(std::string_view seed) { init({seed}); }

seedrandom::seedrandom(std::initializer_list<std::string_view> parts) { init(parts); }

void seedrandom::init(std::initializer_list<std::string_view> parts) {
  key_mixer mixer;
  for (auto part : parts) mixer.add_utf8(part);
  const auto& key = mixer.key();
  std::size_t key_length = mixer.length();  // the empty key is treated as [0]

  // RC4 key scheduling.
  for (std::uint32_t i = 0; i < 256; ++i) s_[i] = i;
  std::uint32_t j = 0;
  std::size_t k = 0;  // i % key_length, without a division per step
  for (std::size_t i = 0; i < 256; ++i) {
    const std::uint32_t t = s_[i];
    j = (j + (key_length == 0 ? 0 : key[k]) + t) & 255u;
    s_[i] = s_[j];
    s_[j] = t;
    if (++k == key_length) k = 0;
  }
  i_ = 0;
  j_ = 0;
  // RC4-drop[256]: the constructor discards the first 256 outputs (arc4.g(256)).
  stream st(*this);
  for (int n = 0; n < 256; ++n) st.byte();
}

}  // namespace replayer
