#include "app/speed.hpp"

#include <charconv>
#include <cmath>
#include <string>

namespace replayer::app {

boost::system::result<std::optional<double>, usage_error> parse_speed(std::string_view text) {
  if (text == "max") return std::optional<double>{};
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || !(value > 0) || !std::isfinite(value))
    return usage_error{"--speed: '" + std::string(text) + "' is not a speed (use a positive number such as 2 or 0.5, or max)"};
  // Bounded so that a recording's longest pause over the speed stays a representable wait.
  if (value < min_speed || value > max_speed)
    return usage_error{"--speed: '" + std::string(text) + "' is out of range (0.001 to 1000000, or max)"};
  return std::optional<double>{value};
}

}  // namespace replayer::app
