#include "core/price.hpp"

#include <charconv>

namespace replayer {

std::optional<price> price::parse(std::string_view text) {
  auto stored = inline_text<max_text>::from(text);
  if (!stored) return std::nullopt;
  auto value = decimal::parse(text);
  if (!value || value->is_negative()) return std::nullopt;
  price p;
  p.text_ = *stored;
  p.value_ = *value;
  std::from_chars(text.data(), text.data() + text.size(), p.approx_);
  return p;
}

price price::one() {
  static const price p = *parse("1.0");
  return p;
}

}  // namespace replayer
