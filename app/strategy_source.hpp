#pragma once
// Where `--strategy NAME|FILE.json` comes from, and how `--set key=value` changes it.
#include "app/command.hpp"
#include "core/trading/rule_strategy.hpp"
#include "core/trading/settings.hpp"

#include <boost/system/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace replayer::app {

/// A built-in strategy by name, or a rule-table file.
boost::system::result<rule_strategy, usage_error> load_strategy(std::string_view name_or_file);

/// `key=value`: a strategy parameter if the strategy has it, else a trading setting.
std::optional<usage_error> apply_override(rule_strategy& s, trading_settings& settings, std::string_view assignment);

/// What a trading command runs: the strategy, with `--wallet` (when given) and every `--set`
/// applied to it and to the trading settings.
struct trading_setup {
  rule_strategy strategy;
  trading_settings settings;
};
boost::system::result<trading_setup, usage_error> load_trading_setup(std::string_view strategy, std::string_view wallet,
                                                                     const std::vector<std::string>& sets);

}  // namespace replayer::app
