// `replayer strategies`: the built-in strategies with their parameters, and the trading settings.
#include "app/command.hpp"
#include "app/strategy_source.hpp"
#include "core/trading/builtin_strategies.hpp"

#include <ostream>

namespace replayer::app {
namespace {

int run_strategies(const command_io& io) {
  for (const auto& b : builtin_strategies()) {
    auto s = load_strategy(b.name);
    if (!s) return report_usage(io, s.error());
    io.out << s->name() << ": " << s->description() << '\n';
    for (const auto& [k, v] : s->parameters()) io.out << "    " << k << " = " << v << '\n';
  }
  io.out << "\ntrading settings (--set key=value, or in --config under \"backtest\"):\n";
  for (const auto& d : describe(trading_settings{})) io.out << "    " << d.key << " = " << d.value << "    " << d.help << '\n';
  io.out << "\nA strategy file is a rule table in the same format as strategies/*.json (docs/strategies.md).\n";
  return exit_ok;
}

}  // namespace

void add_strategies_command(CLI::App& root, command_main& selected) {
  auto* sub = root.add_subcommand("strategies", "List the built-in strategies, their parameters and the trading settings");
  sub->callback([&selected]() { selected = [](const command_io& io) { return run_strategies(io); }; });
}

}  // namespace replayer::app
