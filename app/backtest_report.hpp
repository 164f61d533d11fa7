#pragma once
// The backtest summary as a table for people or one JSON object for programs, each with the
// run's inputs (version, strategy and every parameter, every --set, every setting, the corpus) so
// that two results can be compared and reproduced. The table shows SOL to 6 decimals; the JSON
// and the trade log keep every digit.
#include "core/trading/backtest.hpp"
#include "core/trading/rule_strategy.hpp"

#include <string>
#include <vector>

namespace replayer::app {

/// What a run was given.
struct run_inputs {
  const rule_strategy& strategy;
  const trading_settings& settings;
  const std::vector<std::string>& sets;  // every --set, as given
  std::size_t files = 0;                 // recordings read (0 for the live feed)
};

std::string summary_table(const backtest_summary& s, const run_inputs& in);
std::string summary_json(const backtest_summary& s, const run_inputs& in);
/// The "inputs" object of summary_json, for a run of `games` games and `tick_lines` tick lines.
std::string inputs_json(const run_inputs& in, std::size_t games, std::size_t tick_lines);
/// Fixed-point text for a ratio or percentage (metrics are reported, never used to decide).
std::string fixed(double value, int decimals = 2);
/// SOL rounded half to even to 6 decimals, exactly: "0.006123", "-0.016313".
std::string sol6(decimal amount);
/// "risk_loss_limit at GAME tick 318, balance 0.083633 SOL": where a rail stopped the session.
std::string halt_text(const backtest_summary& s);

}  // namespace replayer::app
