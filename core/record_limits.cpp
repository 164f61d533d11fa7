#include "core/record_limits.hpp"

#include <string>

namespace replayer::record_limits {
namespace {

line_problem out_of_range(std::string_view key, std::string_view value, std::string_view range) {
  return {"field \"" + std::string(key) + "\" is " + std::string(value) + ", outside " + std::string(range)};
}

std::optional<line_problem> int_problem(std::string_view key, std::int64_t v, std::int64_t max) {
  if (v >= 0 && v <= max) return std::nullopt;
  return out_of_range(key, std::to_string(v), "0 .. " + std::to_string(max));
}

}  // namespace

std::optional<line_problem> tick_value_problem(const tick& t) {
  if (t.price.value() < min_price || t.price.value() > max_price)
    return out_of_range("price", t.price.text(), "1e-8 .. 1e9 (the range the exact trading math carries)");
  if (auto p = int_problem("tick", t.index, max_tick_index)) return p;
  if (auto p = int_problem("cooldown_timer", t.cooldown_ms, max_cooldown_ms)) return p;
  return int_problem("trade_count", t.trade_count, max_trade_count);
}

}  // namespace replayer::record_limits
