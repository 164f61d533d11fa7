#pragma once
// `--config FILE`: a JSON object whose keys are long option names; options of a subcommand sit
// in an object named after it, e.g. {"log-level": "debug", "replay": {"speed": "2"}}.
#include <CLI/ConfigFwd.hpp>

#include <optional>
#include <string>

namespace replayer::app {

/// A config file is at most this large (from_config refuses more).
inline constexpr std::size_t max_config_file = 1u << 20;

/// Why the file named by `--config FILE` / `--config=FILE` on this command line cannot be read
/// (not a regular file: CLI11 would block opening a FIFO; too large), or nullopt. To be asked
/// before CLI11 parses the command line.
std::optional<std::string> config_file_problem(int argc, const char* const* argv);

class json_config final : public CLI::Config {
public:
  std::string to_config(const CLI::App* app, bool default_also, bool write_description,
                        std::string prefix) const override;
  std::vector<CLI::ConfigItem> from_config(std::istream& input) const override;
};

}  // namespace replayer::app
