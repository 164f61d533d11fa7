#pragma once
// A short string stored inline (no heap), for the many small texts of a tick: game id,
// timestamp and price text. Keeps ticks compact and parsing allocation-free.
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace replayer {

template <std::size_t Capacity>
class inline_text {
  static_assert(Capacity < 256, "size is stored in one byte");

public:
  static constexpr std::size_t capacity = Capacity;

  constexpr inline_text() = default;

  /// Returns nullopt when `text` is longer than `Capacity`.
  static std::optional<inline_text> from(std::string_view text) {
    if (text.size() > Capacity) return std::nullopt;
    inline_text out;
    std::memcpy(out.data_.data(), text.data(), text.size());
    out.size_ = static_cast<std::uint8_t>(text.size());
    return out;
  }

  std::string_view view() const { return {data_.data(), size_}; }
  operator std::string_view() const { return view(); }
  std::string str() const { return std::string(view()); }
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  friend bool operator==(const inline_text& a, const inline_text& b) { return a.view() == b.view(); }
  friend bool operator==(const inline_text& a, std::string_view b) { return a.view() == b; }

private:
  std::array<char, Capacity> data_{};
  std::uint8_t size_ = 0;
};

}  // namespace replayer
