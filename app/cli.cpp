#include "app/cli.hpp"

#include "app/command.hpp"
#include "app/json_config.hpp"
#include "app/logging.hpp"
#include "app/stdout_buffer.hpp"

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <iostream>

namespace replayer::app {

int report_usage(const command_io& io, const usage_error& e) {
  io.err << "replayer: " << e.message << '\n';
  return exit_usage;
}

CLI::Option* with_env(CLI::Option* option) {
  std::string name = "REPLAYER_";
  for (char c : option->get_lnames().front()) name += c == '-' ? '_' : static_cast<char>(std::toupper(c));
  return option->envname(name);
}

namespace {

// The first word on the command line that is not an option or an option's value: the command.
std::optional<std::string_view> command_word(int argc, const char* const* argv) {
  static constexpr std::string_view takes_value[] = {"--config", "--log-level", "--log-format"};
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (!a.starts_with("-")) return a;
    if (std::find(std::begin(takes_value), std::end(takes_value), a) != std::end(takes_value)) ++i;
  }
  return std::nullopt;
}

bool asks_for_help_or_version(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--help" || a == "-h" || a == "--version") return true;
  }
  return false;
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App root{"replayer: replay, backtest and verify rugs.fun games.", "replayer"};
  root.set_version_flag("--version", "replayer " REPLAYER_VERSION);
  root.require_subcommand(1);
  root.fallthrough();
  root.config_formatter(std::make_shared<json_config>());
  auto* config = root.set_config("--config", "", "JSON settings: {\"option\": value, \"subcommand\": {...}}");
  root.allow_config_extras(CLI::config_extras_mode::error);

  std::string level = "info", format = "text";
  with_env(root.add_option("--log-level", level, "trace, debug, info, warning or error")->capture_default_str());
  with_env(root.add_option("--log-format", format, "text or json")->capture_default_str());

  command_main selected;
  add_replay_command(root, selected);
  add_check_command(root, selected);
  add_backtest_command(root, selected);
  add_strategies_command(root, selected);
  add_verify_command(root, selected);
  add_simulate_command(root, selected);
  add_record_command(root, selected);
  add_live_command(root, selected);
  add_fake_server_command(root, selected);
  add_browser_command(root, selected);
  add_merge_command(root, selected);
  add_view_command(root, selected);

  // CLI11 says only "A subcommand is required" for a missing or misspelt command: name it.
  std::string commands;
  std::vector<std::string> names;
  for (const CLI::App* sub : root.get_subcommands({})) {
    commands += (commands.empty() ? "" : ", ") + sub->get_name();
    names.push_back(sub->get_name());
  }
  if (!asks_for_help_or_version(argc, argv)) {
    const auto word = command_word(argc, argv);
    if (!word) {
      err << "replayer: no command given (commands: " << commands << "; see replayer --help)\n";
      return exit_usage;
    }
    if (std::find(names.begin(), names.end(), *word) == names.end()) {
      err << "replayer: unknown command '" << *word << "' (commands: " << commands << "; see replayer --help)\n";
      return exit_usage;
    }
  }
  if (auto problem = config_file_problem(argc, argv)) {
    err << "replayer: " << *problem << '\n';
    return exit_usage;
  }
  try {
    root.parse(argc, argv);
  } catch (const CLI::ConfigError& e) {
    std::string what = e.what();
    constexpr std::string_view cli11_unknown = "INI was not able to parse ";
    if (what.rfind(cli11_unknown, 0) == 0) what = "unknown key '" + what.substr(cli11_unknown.size()) + "'";
    err << "replayer: --config " << config->as<std::string>() << ": " << what
        << " (keys are option names, e.g. {\"log-level\": \"debug\", \"replay\": {\"speed\": \"2\"}})\n";
    return exit_usage;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return root.exit(e, out, err);
    err << "replayer: " << e.what() << " (see replayer --help)\n";
    return exit_usage;
  }

  const auto parsed_level = parse_log_level(level);
  if (!parsed_level) {
    err << "replayer: --log-level: unknown level '" << level << "' (use trace, debug, info, warning or error)\n";
    return exit_usage;
  }
  const auto parsed_format = parse_log_format(format);
  if (!parsed_format) {
    err << "replayer: --log-format: unknown format '" << format << "' (use text or json)\n";
    return exit_usage;
  }
  init_logging(*parsed_level, *parsed_format);

  const command_io io{out, err, &out == &std::cout && ::isatty(STDOUT_FILENO) != 0,
                      &err == &std::cerr && ::isatty(STDERR_FILENO) != 0};
  const int code = selected(io);
  // Results that did not reach stdout (a full disk, a closed pipe) are a failure, said once:
  // `replayer backtest ... > results.txt` must not report success with the results lost.
  out.flush();
  if (!out) {
    const auto* writer = dynamic_cast<const stdout_buffer*>(out.rdbuf());
    const int reason = writer ? writer->first_error() : 0;
    err << "replayer: stdout: " << (reason ? std::strerror(reason) : "write failed") << '\n';
    return code == exit_ok ? exit_problems_found : code;
  }
  return code;
}

}  // namespace replayer::app
