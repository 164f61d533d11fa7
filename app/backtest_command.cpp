// `replayer backtest`: a strategy through recorded games, with exact money and a digest that is
// the same on every run and for every --jobs.
#include "app/backtest_report.hpp"
#include "app/bad_line_log.hpp"
#include "app/command.hpp"
#include "app/html_report.hpp"
#include "app/recording_paths.hpp"
#include "app/root.hpp"
#include "app/strategy_source.hpp"
#include "app/terminal_status.hpp"
#include "core/recording_reader.hpp"
#include "core/trading/sweep.hpp"

#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <ostream>
#include <thread>

namespace replayer::app {
namespace {

namespace asio = boost::asio;

struct backtest_options {
  std::string strategy;
  std::vector<std::string> sets;
  std::vector<std::string> sweeps;
  std::string sort = "pnl";
  std::string wallet;
  std::size_t jobs = 1;
  std::string trades_path, equity_path, report_path;
  bool json = false;
  std::vector<std::string> paths;
};

// Reads every game of every file once; bad lines are reported on stderr and skipped.
asio::awaitable<std::optional<std::vector<game>>> load_games(const std::vector<std::filesystem::path>& files,
                                                             const command_io& io) {
  std::vector<game> games;
  bad_line_log bad_lines(0);
  terminal_status status(io.err, io.err_is_terminal);
  std::size_t done = 0;
  for (const auto& path : files) {
    auto lines = file_lines::open(path);
    if (!lines) {
      io.err << "replayer: " << path.string() << ": cannot read file: " << lines.error().message() << '\n';
      co_return std::nullopt;
    }
    recording_reader reader(path.string(), *lines, std::ref(bad_lines));
    while (auto g = reader.next_game()) games.push_back(std::move(*g));
    bad_lines.end_file();
    status.progress(++done, files.size(), "files read");
    if (co_await stop_requested()) co_return std::nullopt;
  }
  co_return games;
}

bool write_file(const std::string& path, const std::string& text, const command_io& io) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    io.err << "replayer: cannot write " << path << " (check the folder exists and is writable)\n";
    return false;
  }
  return true;
}

std::string trades_output(const std::string& path, const std::vector<game>& games,
                          const std::vector<game_outcome>& outcomes) {
  if (path.size() < 4 || path.substr(path.size() - 4) != ".csv") return trade_log_text(games, outcomes);
  std::string text(trade_event_csv_header());
  text += '\n';
  for (std::size_t i = 0; i < outcomes.size(); ++i)
    for (const auto& e : outcomes[i].events) text += trade_event_csv(games[i].id, e) + '\n';
  return text;
}

std::string equity_csv(const std::vector<game>& games, const std::vector<game_outcome>& outcomes) {
  std::string text = "game,tick,price,equity\n";
  for (std::size_t i = 0; i < outcomes.size(); ++i)
    for (std::size_t k = 0; k < outcomes[i].equity.size(); ++k)
      text += games[i].id + ',' + std::to_string(games[i].ticks[k].index) + ',' +
              std::string(games[i].ticks[k].price.text()) + ',' + outcomes[i].equity[k].str() + '\n';
  return text;
}

double metric(const backtest_summary& s, std::string_view name) {
  if (name == "pnl") return s.pnl.to_double();
  if (name == "roi") return s.roi;
  if (name == "win_rate") return s.win_rate;
  if (name == "sharpe") return s.sharpe;
  if (name == "sortino") return s.sortino;
  if (name == "profit_factor") return s.profit_factor;
  return -s.max_drawdown.to_double();  // max_drawdown: smaller is better
}

struct sweep_point {
  std::vector<std::pair<std::string, std::string>> assignment;
  backtest_summary summary;
};

int run_sweep(const backtest_options& opts, const rule_strategy& base, const trading_settings& settings,
              const std::vector<game>& games, const command_io& io) {
  std::vector<sweep_axis> axes;
  for (const auto& text : opts.sweeps) {
    auto axis = parse_sweep(text);
    if (!axis) return report_usage(io, usage_error{axis.error()});
    axes.push_back(std::move(*axis));
  }
  std::vector<sweep_point> points;
  std::vector<std::pair<rule_strategy, trading_settings>> configs;
  for (auto& assignment : sweep_grid(axes)) {
    rule_strategy s = base;
    trading_settings t = settings;
    for (const auto& [k, v] : assignment)
      if (auto e = apply_override(s, t, k + "=" + v)) return report_usage(io, *e);
    configs.emplace_back(std::move(s), t);
    points.push_back({std::move(assignment), {}});
  }
  // Sweep points are independent: workers take the next point; each owns its bots.
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> finished{0};
  terminal_status status(io.err, io.err_is_terminal);
  auto work = [&](bool report_progress) {
    for (std::size_t i = next++; i < points.size(); i = next++) {
      const auto& [strategy_config, point_settings] = configs[i];
      const auto outcomes = run_backtest(games, point_settings,
                                         [&] { return std::make_unique<rule_strategy>(strategy_config); }, {});
      points[i].summary = summarise(games, outcomes, point_settings);
      ++finished;
      if (report_progress) status.progress(finished, points.size(), "sweep points");
    }
  };
  std::vector<std::thread> helpers;
  for (std::size_t w = 1; w < std::min(opts.jobs, points.size()); ++w) helpers.emplace_back(work, false);
  work(true);
  for (auto& h : helpers) h.join();
  status.clear();

  std::vector<std::size_t> order(points.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return metric(points[a].summary, opts.sort) > metric(points[b].summary, opts.sort);
  });
  for (std::size_t i : order) {
    const auto& p = points[i];
    std::string label;
    for (const auto& [k, v] : p.assignment) label += (label.empty() ? "" : " ") + k + "=" + v;
    if (opts.json) {
      std::string line = summary_json(p.summary, base.name(), settings);
      io.out << "{\"point\": \"" << label << "\", " << line.substr(1) << '\n';
    } else {
      io.out << label << "  pnl " << p.summary.pnl.str() << "  roi " << fixed(p.summary.roi) << " %  win "
             << fixed(p.summary.win_rate) << " %  dd " << p.summary.max_drawdown.str() << "  sharpe "
             << fixed(p.summary.sharpe, 3) << "  trades " << p.summary.trades << "  digest "
             << p.summary.digest.substr(0, 12) << '\n';
    }
  }
  return exit_ok;
}

asio::awaitable<int> backtest(const backtest_options& opts, rule_strategy strategy, trading_settings settings,
                              const std::vector<std::filesystem::path>& files, const command_io& io) {
  auto games = co_await load_games(files, io);
  if (!games) co_return exit_usage;
  if (!opts.sweeps.empty()) co_return run_sweep(opts, strategy, settings, *games, io);

  const bool keep_equity = !opts.equity_path.empty() || !opts.report_path.empty();
  const auto outcomes = run_backtest(*games, settings, [&] { return std::make_unique<rule_strategy>(strategy); },
                                     {opts.jobs, keep_equity});
  const backtest_summary summary = summarise(*games, outcomes, settings);
  if (!opts.trades_path.empty() && !write_file(opts.trades_path, trades_output(opts.trades_path, *games, outcomes), io))
    co_return exit_usage;
  if (!opts.equity_path.empty() && !write_file(opts.equity_path, equity_csv(*games, outcomes), io)) co_return exit_usage;
  if (!opts.report_path.empty() &&
      !write_file(opts.report_path, html_report(*games, outcomes, summary, strategy.name(), settings), io))
    co_return exit_usage;
  io.out << (opts.json ? summary_json(summary, strategy.name(), settings) + "\n"
                       : summary_table(summary, strategy.name(), settings));
  io.out.flush();
  co_return exit_ok;
}

int run_backtest_command(const backtest_options& opts, const command_io& io) {
  auto strategy = load_strategy(opts.strategy);
  if (!strategy) return report_usage(io, strategy.error());
  trading_settings settings;
  if (!opts.wallet.empty())
    if (auto e = apply_override(*strategy, settings, "wallet=" + opts.wallet)) return report_usage(io, *e);
  for (const auto& assignment : opts.sets)
    if (auto e = apply_override(*strategy, settings, assignment)) return report_usage(io, *e);
  if (opts.jobs == 0) return report_usage(io, usage_error{"--jobs: must be at least 1"});
  static constexpr std::string_view sorts[] = {"pnl", "roi", "win_rate", "sharpe", "sortino", "profit_factor", "max_drawdown"};
  if (std::find(std::begin(sorts), std::end(sorts), opts.sort) == std::end(sorts))
    return report_usage(io, usage_error{"--sort: '" + opts.sort +
                                        "' is not a metric (pnl, roi, win_rate, sharpe, sortino, profit_factor, max_drawdown)"});
  // A bad --sweep is a usage error before any recording is read (one line, no bad-line warnings).
  for (const auto& text : opts.sweeps) {
    auto axis = parse_sweep(text);
    if (!axis) return report_usage(io, usage_error{axis.error()});
    for (const auto& value : axis->values) {
      rule_strategy s = *strategy;
      trading_settings t = settings;
      if (auto e = apply_override(s, t, axis->key + "=" + value)) return report_usage(io, *e);
    }
  }
  const auto files = collect_recordings(opts.paths);
  if (!files) return report_usage(io, files.error());
  return run_root([&]() { return backtest(opts, *strategy, settings, *files, io); });
}

}  // namespace

void add_backtest_command(CLI::App& root, command_main& selected) {
  auto opts = std::make_shared<backtest_options>();
  auto* sub = root.add_subcommand("backtest", "Run a strategy through recorded games and report the result");
  with_env(sub->add_option("--strategy", opts->strategy, "A built-in strategy (replayer strategies) or a rule-table JSON file"))
      ->required();
  sub->add_option("--set", opts->sets, "Change a strategy parameter or trading setting: key=value (repeatable)");
  with_env(sub->add_option("--wallet", opts->wallet, "session (default: one balance through all games) or per-game"));
  // A range check, or "-1" would wrap to SIZE_MAX threads (one per game or sweep point).
  with_env(sub->add_option("--jobs", opts->jobs, "Worker threads; results are identical for every value")
               ->capture_default_str()
               ->check(CLI::Range(std::size_t{1}, std::size_t{1024})));
  sub->add_option("--sweep", opts->sweeps, "Grid over a parameter: key=from:to:step (repeatable)");
  sub->add_option("--sort", opts->sort, "Sweep results order: pnl, roi, win_rate, sharpe, sortino, profit_factor, max_drawdown")
      ->capture_default_str();
  sub->add_option("--trades", opts->trades_path, "Write the trade log: OUT.jsonl or OUT.csv");
  sub->add_option("--equity", opts->equity_path, "Write the equity curve, one row per tick: OUT.csv");
  sub->add_option("--report", opts->report_path, "Write a self-contained HTML report: OUT.html");
  sub->add_flag("--json", opts->json, "Print the summary as one JSON object");
  sub->add_option("paths", opts->paths, "Recording files or folders (searched recursively for *.jsonl)")->required();
  sub->callback([opts, &selected]() {
    selected = [opts](const command_io& io) { return run_backtest_command(*opts, io); };
  });
}

}  // namespace replayer::app
