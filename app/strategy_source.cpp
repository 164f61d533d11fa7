#include "app/strategy_source.hpp"

#include "app/input_file.hpp"

#include "core/trading/builtin_strategies.hpp"

#include <filesystem>

namespace replayer::app {

namespace {
constexpr std::uintmax_t max_strategy_file = 1u << 20;  // the built-in tables are under 2 KiB
}  // namespace

boost::system::result<rule_strategy, usage_error> load_strategy(std::string_view name_or_file) {
  std::string names;
  for (const auto& b : builtin_strategies()) {
    if (b.name == name_or_file) {
      auto parsed = rule_strategy::parse(b.json, "built-in strategy " + std::string(b.name));
      if (!parsed) return usage_error{parsed.error()};
      return *parsed;
    }
    names += (names.empty() ? "" : ", ") + std::string(b.name);
  }
  const std::string file(name_or_file);
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::path(file), ec))
    return usage_error{"--strategy: '" + file + "' is neither a built-in strategy (" + names + ") nor a JSON file"};
  const auto text = read_input_file(file, max_strategy_file);
  if (!text) return usage_error{"--strategy " + file + ": " + text.error().reason};
  auto parsed = rule_strategy::parse(*text, name_or_file);
  if (!parsed) return usage_error{"--strategy: " + parsed.error()};
  return *parsed;
}

std::optional<usage_error> apply_override(rule_strategy& s, trading_settings& settings, std::string_view assignment) {
  const auto eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0)
    return usage_error{"--set '" + std::string(assignment) + "': expected key=value, e.g. --set buy_amount=0.01"};
  const auto key = assignment.substr(0, eq), value = assignment.substr(eq + 1);
  if (s.has_parameter(key)) {
    if (auto problem = s.set_parameter(key, value)) return usage_error{"--set " + std::string(assignment) + ": " + *problem};
    return std::nullopt;
  }
  if (auto problem = apply_setting(settings, key, value))
    return usage_error{"--set " + std::string(assignment) + ": " + *problem};
  return std::nullopt;
}

boost::system::result<trading_setup, usage_error> load_trading_setup(std::string_view strategy, std::string_view wallet,
                                                                     const std::vector<std::string>& sets) {
  auto loaded = load_strategy(strategy);
  if (!loaded) return loaded.error();
  trading_setup setup{std::move(*loaded), {}};
  if (!wallet.empty())
    if (auto e = apply_override(setup.strategy, setup.settings, "wallet=" + std::string(wallet))) return *e;
  for (const auto& assignment : sets)
    if (auto e = apply_override(setup.strategy, setup.settings, assignment)) return *e;
  if (auto problem = check_settings(setup.settings)) return usage_error{"--set: " + *problem};
  return setup;
}

}  // namespace replayer::app
