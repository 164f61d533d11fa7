#pragma once
// Where `--strategy NAME|FILE.json` comes from, and how `--set key=value` changes it.
#include "app/command.hpp"
#include "core/trading/rule_strategy.hpp"
#include "core/trading/settings.hpp"

#include <boost/system/result.hpp>

#include <string_view>

namespace replayer::app {

/// A built-in strategy by name, or a rule-table file.
boost::system::result<rule_strategy, usage_error> load_strategy(std::string_view name_or_file);

/// `key=value`: a strategy parameter if the strategy has it, else a trading setting.
std::optional<usage_error> apply_override(rule_strategy& s, trading_settings& settings, std::string_view assignment);

}  // namespace replayer::app
