#include "core/price.hpp"

#include <charconv>

namespace replayer {

std::optional<price> price::parse(std::string_view text) {
  price p;
  if (!parse(text, p)) return std::nullopt;
  return p;
}

bool price::parse(std::string_view text, price& out) {
  if (text.size() > max_text) return false;
  const auto value = decimal::parse(text);
  if (!value || value->is_negative()) return false;
  out.text_ = *inline_text<max_text>::from(text);
  out.value_ = *value;
  return true;
}

double price::approx() const {
  double d = 0;
  std::from_chars(text_.view().data(), text_.view().data() + text_.size(), d);
  return d;
}

price price::one() {
  static const price p = *parse("1.0");
  return p;
}

}  // namespace replayer
