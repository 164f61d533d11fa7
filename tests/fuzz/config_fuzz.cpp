// libFuzzer target for `--config FILE` (app/json_config.cpp): any bytes as a config file, read
// by replayer's JSON config reader and handed to a CLI11 app set up as replayer's root is (a
// config formatter, unknown keys an error, one subcommand required) with options of every kind
// replayer's commands use, --speed going through the real parse_speed.
// Invariants:
//   - nothing crashes, leaks or trips a sanitizer;
//   - the reader returns items or throws CLI::ConfigError with a message; applying the items
//     either parses or throws a CLI::Error (a usage error, exit 2): never another exception;
//   - no more items than the text has bytes (each takes at least a key and a value);
// Build: cmake --preset fuzz && cmake --build --preset fuzz --target config_fuzz; run: scripts/fuzz.sh
#include "app/json_config.hpp"
#include "app/speed.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

[[noreturn]] void broken(const char* what, std::string_view detail) {
  std::fprintf(stderr, "config_fuzz: %s: %.*s\n", what, static_cast<int>(detail.size()), detail.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const replayer::app::json_config reader;

  std::vector<CLI::ConfigItem> items;
  {
    std::istringstream in(text);
    try {
      items = reader.from_config(in);
    } catch (const CLI::ConfigError& e) {
      if (std::string_view(e.what()).empty()) broken("a refusal without a message", text);
      return 0;
    }
  }
  if (items.size() > text.size()) broken("more items than bytes", text);

  CLI::App root{"config_fuzz", "replayer"};
  root.require_subcommand(1);
  root.fallthrough();
  root.config_formatter(std::make_shared<replayer::app::json_config>());
  root.allow_config_extras(CLI::config_extras_mode::error);
  std::string level = "info";
  root.add_option("--log-level", level);
  auto* replay = root.add_subcommand("replay");
  std::vector<std::string> paths, sets;
  std::string speed_text = "1";
  bool quiet = false;
  std::int64_t jobs = 1;
  double fee = 0;
  replay->add_option("paths", paths);
  replay->add_option("--speed", speed_text)->check([](const std::string& s) {
    auto parsed = replayer::app::parse_speed(s);
    return parsed ? std::string() : parsed.error().message;
  });
  replay->add_flag("--quiet", quiet);
  replay->add_option("--jobs", jobs)->check(CLI::Range(std::int64_t{1}, std::int64_t{256}));
  replay->add_option("--fee", fee);
  replay->add_option("--set", sets);
  std::istringstream in(text);
  try {
    root.parse_from_stream(in);
  } catch (const CLI::Error&) {
    // A usage error: what replayer prints in one line and exits 2 on.
  }
  return 0;
}
