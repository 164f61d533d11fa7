#pragma once
// `--config FILE`: a JSON object whose keys are long option names; options of a subcommand sit
// in an object named after it, e.g. {"log-level": "debug", "replay": {"speed": "2"}}.
#include <CLI/ConfigFwd.hpp>

namespace replayer::app {

class json_config final : public CLI::Config {
public:
  std::string to_config(const CLI::App* app, bool default_also, bool write_description,
                        std::string prefix) const override;
  std::vector<CLI::ConfigItem> from_config(std::istream& input) const override;
};

}  // namespace replayer::app
