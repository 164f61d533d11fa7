// `replayer view PATH...`: the replay viewer in the dashboard. The recordings are listed, one
// game is played through the same session as `backtest` (play, pause, step, step back, seek,
// speed), and the user trades by hand with the original's bet row, or watches a strategy trade.
// Runs until Ctrl-C, then prints the summary of the games viewed (and writes --trades) as a
// backtest of them would.
#include "app/backtest_report.hpp"
#include "app/command.hpp"
#include "app/dashboard.hpp"
#include "app/logging.hpp"
#include "app/recording_paths.hpp"
#include "app/root.hpp"
#include "app/run_outputs.hpp"
#include "app/speed.hpp"
#include "app/strategy_source.hpp"
#include "app/view_source.hpp"
#include "core/concat.hpp"
#include "net/cancellation.hpp"

#include <CLI/CLI.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/this_coro.hpp>

#include <ostream>

namespace replayer::app {
namespace {

namespace asio = boost::asio;

// What a viewer with no --strategy names its run in the summary: every order is the user's, and
// this table is never played (a rule table needs a rule: this one's can never be true).
constexpr std::string_view hand_table =
    R"({"name": "hand", "description": "orders placed by hand in the viewer",)"
    R"( "rules": [{"action": "buy", "amount": "0.001", "when": [["tick", "<", "0"]]}]})";

struct view_options {
  std::vector<std::string> paths;
  std::string strategy;
  std::vector<std::string> sets;
  std::string speed = "1";
  std::string trades_path;
  http_flags http{"127.0.0.1:0", false};
};

boost::system::result<trading_setup, usage_error> view_setup(const view_options& o) {
  if (!o.strategy.empty()) return load_trading_setup(o.strategy, "per-game", o.sets);
  auto hand = rule_strategy::parse(hand_table, "the viewer's hand strategy");
  if (!hand) return usage_error{hand.error()};
  trading_setup setup{std::move(*hand), {}};
  for (const auto& s : o.sets)
    if (auto e = apply_override(setup.strategy, setup.settings, s)) return *e;
  return setup;
}

asio::awaitable<int> view_main(const view_options& opts, view_source& source, const command_io& io) {
  using namespace asio::experimental::awaitable_operators;
  auto server = dashboard_server::open(opts.http, co_await asio::this_coro::executor, source);
  if (!server) co_return report_usage(io, server.error());
  io.err << "view: open " << (*server)->url() << " (Ctrl-C ends the session)\n";
  io.err.flush();
  run_outputs outputs;
  if (!outputs.open(opts.trades_path, {}, io)) co_return exit_usage;
  co_await (net::branch((*server)->run()) || net::branch(source.play_loop()));
  const backtest_summary summary = source.summary(source.outcomes(), outputs.trades_writer());
  if (!outputs.close(io)) co_return exit_usage;
  io.out << summary_table(summary, run_inputs{source.strategy(), source.settings(), opts.sets, source.file_count()});
  io.out.flush();
  co_return exit_ok;
}

int run_view(const view_options& opts, const command_io& io) {
  std::vector<std::string> skipped;
  auto files = collect_recordings(opts.paths, &skipped);
  if (!files) return report_usage(io, files.error());
  warn_skipped(io, skipped);
  auto speed = parse_speed(opts.speed);
  if (!speed) return report_usage(io, speed.error());
  auto setup = view_setup(opts);
  if (!setup) return report_usage(io, setup.error());
  const bool attached = !opts.strategy.empty();
  view_source source(std::move(*files), std::move(setup->strategy), setup->settings, attached, *speed);
  if (auto error = source.open(0); !error.empty()) return report_usage(io, usage_error{error});
  return run_root([&] { return view_main(opts, source, io); }, true);
}

}  // namespace

void add_view_command(CLI::App& root, command_main& selected) {
  auto opts = std::make_shared<view_options>();
  auto* sub = root.add_subcommand("view", "The replay viewer in the browser: play, step back, trade by hand or watch a strategy");
  sub->add_option("paths", opts->paths, "Recordings (files or folders)")->required();
  sub->add_option("--strategy", opts->strategy, "A strategy that trades beside your hand orders (built-in name or rule-table file)");
  sub->add_option("--set", opts->sets, "Change a strategy parameter or trading setting: key=value (repeatable)");
  sub->add_option("--speed", opts->speed, "Playback speed: a factor (0.25 to 100) or max")->capture_default_str();
  sub->add_option("--trades", opts->trades_path, "Write the trade log of the games viewed at the end: OUT.jsonl or OUT.csv");
  add_http_flags(sub, opts->http);
  sub->callback([opts, &selected]() { selected = [opts](const command_io& io) { return run_view(*opts, io); }; });
}

}  // namespace replayer::app
