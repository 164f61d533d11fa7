#pragma once
// The backtest summary as a table for people or one JSON object for programs.
#include "core/trading/backtest.hpp"

#include <string>

namespace replayer::app {

std::string summary_table(const backtest_summary& s, std::string_view strategy, const trading_settings& settings);
std::string summary_json(const backtest_summary& s, std::string_view strategy, const trading_settings& settings);
/// Fixed-point text for a ratio or percentage (metrics are reported, never used to decide).
std::string fixed(double value, int decimals = 2);

}  // namespace replayer::app
