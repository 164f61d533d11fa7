#pragma once
// A price (multiplier, 1.0 = 1x) as the server sent it: the exact text, its exact decimal value
// for every decision and every sum, and a double for display and the provably-fair model
// (computed when asked for: decoding a recording does not pay for it).
#include "core/decimal.hpp"
#include "core/inline_text.hpp"

#include <optional>
#include <string_view>

namespace replayer {

class price {
public:
  /// Longest price text accepted; a double's shortest text is at most 24 characters.
  static constexpr std::size_t max_text = 39;

  price() = default;
  /// Parses a JSON number; nullopt if it is malformed, negative, too long or out of range.
  static std::optional<price> parse(std::string_view text);
  /// The same into `out` (unchanged when it returns false), without copying a whole price.
  static bool parse(std::string_view text, price& out);
  static price one();

  std::string_view text() const { return text_; }
  decimal value() const { return value_; }
  /// The nearest double to the text.
  double approx() const;

  /// Prices compare by value: `1` and `1.0` are the same price.
  friend bool operator==(const price& a, const price& b) { return a.value_ == b.value_; }
  friend auto operator<=>(const price& a, const price& b) { return a.value_ <=> b.value_; }

private:
  inline_text<max_text> text_;
  decimal value_;
};

}  // namespace replayer
