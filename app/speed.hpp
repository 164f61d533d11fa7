#pragma once
#include "app/command.hpp"

#include <boost/system/result.hpp>

#include <optional>
#include <string_view>

namespace replayer::app {

/// `--speed`: a positive factor, or "max" (nullopt: no pacing at all).
boost::system::result<std::optional<double>, usage_error> parse_speed(std::string_view text);

}  // namespace replayer::app
