#pragma once
#include "app/command.hpp"

#include <boost/system/result.hpp>

#include <optional>
#include <string_view>

namespace replayer::app {

inline constexpr double min_speed = 0.001, max_speed = 1e6;

/// `--speed`: a factor from min_speed to max_speed, or "max" (nullopt: no pacing at all).
boost::system::result<std::optional<double>, usage_error> parse_speed(std::string_view text);

}  // namespace replayer::app
