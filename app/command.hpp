#pragma once
// How subcommands plug into the binary: each one registers its CLI11 subcommand and, when the
// user picks it, leaves behind the function that runs it.
#include <CLI/App.hpp>

#include <functional>
#include <iosfwd>
#include <string>

namespace replayer::app {

/// Exit codes shared by every subcommand.
enum exit_code : int {
  exit_ok = 0,
  exit_problems_found = 1,  // the command ran and found bad input (check, verify, ...)
  exit_usage = 2,           // a wrong flag, a missing path, unusable input
  exit_sigint = 130,
  exit_sigterm = 143,
};

/// Where a command writes: results to `out`, everything for humans to `err`.
struct command_io {
  std::ostream& out;
  std::ostream& err;
  bool out_is_terminal = false;
  bool err_is_terminal = false;
};

/// The selected subcommand, ready to run once parsing succeeded.
using command_main = std::function<int(const command_io&)>;

/// An input problem the user can fix; printed as one line `replayer: <message>`, exit code 2.
struct usage_error {
  std::string message;
};

void add_replay_command(CLI::App& root, command_main& selected);
void add_check_command(CLI::App& root, command_main& selected);
void add_backtest_command(CLI::App& root, command_main& selected);
void add_strategies_command(CLI::App& root, command_main& selected);
void add_verify_command(CLI::App& root, command_main& selected);
void add_simulate_command(CLI::App& root, command_main& selected);
void add_record_command(CLI::App& root, command_main& selected);
void add_live_command(CLI::App& root, command_main& selected);
void add_fake_server_command(CLI::App& root, command_main& selected);
void add_browser_command(CLI::App& root, command_main& selected);
void add_merge_command(CLI::App& root, command_main& selected);
void add_view_command(CLI::App& root, command_main& selected);

}  // namespace replayer::app

namespace replayer::app {

/// Prints `replayer: <message>` on stderr and returns exit_usage.
int report_usage(const command_io& io, const usage_error& e);

/// Gives `option` the environment variable REPLAYER_<LONG_NAME> (dashes become underscores).
CLI::Option* with_env(CLI::Option* option);

}  // namespace replayer::app
