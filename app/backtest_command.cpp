// `replayer backtest`: a strategy through recorded games, with exact money and a digest that is
// the same on every run and for every --jobs.
#include "app/backtest_report.hpp"
#include "app/bad_line_log.hpp"
#include "app/command.hpp"
#include "app/html_report.hpp"
#include "app/off_thread.hpp"
#include "app/output_file.hpp"
#include "app/recording_paths.hpp"
#include "app/run_outputs.hpp"
#include "app/root.hpp"
#include "app/strategy_source.hpp"
#include "app/sweep_rows.hpp"
#include "app/sweep_shard_file.hpp"
#include "app/terminal_status.hpp"
#include "core/json_writer.hpp"
#include "core/trading/decoded_files.hpp"
#include "core/trading/sweep.hpp"
#include "core/trading/sweep_corpus.hpp"
#include "core/trading/sweep_play.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <iterator>
#include <ostream>

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
  std::size_t max_points = default_max_sweep_points;
  std::string holdout, shard, out_path;
  std::string trades_path, equity_path, report_path;
  bool json = false;
  std::vector<std::string> paths;
};

// Decodes the files on `jobs` workers (core/trading/decoded_files.hpp) and hands each file's
// result over in file order, with the progress bar and the warnings. A file that cannot be read
// (gone since the folder was listed) is warned about and skipped.
void for_each_file(const std::vector<std::filesystem::path>& files, std::size_t jobs,
                   const backtest_run* play_on_workers, const std::atomic<bool>& stop, const command_io& io,
                   const std::function<void(decoded_file&)>& consume) {
  terminal_status status(io.err, io.err_is_terminal);
  decode_files(files, jobs, play_on_workers, stop, [&](std::size_t i, decoded_file& r) {
    if (r.unreadable) {
      status.clear();
      warn_skipped(io, {r.file + ": cannot read file: " + *r.unreadable + "; skipped"});
    } else {
      if (r.bad_lines) {
        status.clear();  // a warning is never glued to the progress bar
        log_bad_lines_not_shown(r.file, r.bad_lines);
      }
      consume(r);
    }
    status.progress(i + 1, files.size(), "files read");
  });
}

// A folder of recordings none of which holds a game is a finding, not a table of zeros.
int no_usable_game(const std::vector<std::filesystem::path>& files, const command_io& io) {
  io.err << "replayer: no usable game in " << files.size() << (files.size() == 1 ? " file" : " files")
         << " (no line of any game could be read): nothing was backtested\n";
  return exit_problems_found;
}

// One value of a --sweep axis on a point: a strategy parameter if the strategy has it, else a
// trading setting; a problem is a sweep error naming the --sweep it came from.
std::optional<usage_error> apply_sweep_value(rule_strategy& s, trading_settings& settings, const sweep_axis& axis,
                                             const std::string& value) {
  auto problem = s.has_parameter(axis.key) ? s.set_parameter(axis.key, value) : apply_setting(settings, axis.key, value);
  if (!problem) return std::nullopt;
  return usage_error{"--sweep '" + axis.spec + "': at " + axis.key + "=" + value + ": " + *problem};
}

// Builds every point (each one's rule table compiled and its settings checked, so that a bad
// point is a usage error before any data is read). A large grid takes seconds to build on a slow
// build, so a stop is heard between points: the points built so far are returned.
std::optional<std::vector<sweep_point>> sweep_points(const backtest_options& opts, const rule_strategy& base,
                                                     const trading_settings& settings, const std::atomic<bool>& stop,
                                                     const command_io& io) {
  std::vector<sweep_axis> axes;
  for (const auto& text : opts.sweeps) {
    auto axis = parse_sweep(text);
    if (!axis) {
      report_usage(io, usage_error{axis.error()});
      return std::nullopt;
    }
    axes.push_back(std::move(*axis));
  }
  std::vector<sweep_point> points;
  for (auto& assignment : sweep_grid(axes)) {
    if (stop) break;
    sweep_point p{{}, base, settings};
    for (std::size_t a = 0; a < assignment.size(); ++a) {
      const auto& [k, v] = assignment[a];
      p.label += (p.label.empty() ? "" : " ") + k + "=" + v;
      if (auto e = apply_sweep_value(p.strategy, p.settings, axes[a], v)) {
        report_usage(io, *e);
        return std::nullopt;
      }
    }
    if (auto problem = check_settings(p.settings)) {
      report_usage(io, usage_error{"--sweep: at " + p.label + ": " + *problem});
      return std::nullopt;
    }
    points.push_back(std::move(p));
  }
  return points;
}

// What a sweep was asked for beyond its grid, parsed: --holdout and --shard.
struct sweep_request {
  std::optional<decimal> holdout;
  std::optional<sweep_shard> shard;
};

// The inputs a shard file records, so that a merge refuses shards of different sweeps: the run's
// inputs, the sweep's, and the recordings (paths and sizes) with the digest of their games.
std::string shard_inputs(const backtest_options& opts, const sweep_request& req, const rule_strategy& base,
                         const trading_settings& settings, const std::vector<std::filesystem::path>& files,
                         const std::vector<game>& games) {
  std::size_t tick_lines = 0;
  for (const game& g : games) tick_lines += g.ticks.size();
  std::string sweeps = "[", recordings = "[";
  for (const auto& text : opts.sweeps) {
    if (sweeps.size() > 1) sweeps += ", ";
    write_python_json_string(sweeps, text);
  }
  for (const auto& file : files) {
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(file, ec);
    json_object_writer f;
    f.string("path", file.string()).integer("bytes", ec ? -1 : static_cast<std::int64_t>(bytes));
    recordings += (recordings.size() > 1 ? ", " : "") + f.finish();
  }
  json_object_writer w;
  w.raw("run", inputs_json(run_inputs{base, settings, opts.sets, files.size()}, games.size(), tick_lines));
  w.raw("sweeps", sweeps + "]").string("sort", opts.sort);
  if (req.holdout) w.string("holdout", req.holdout->str()); else w.null("holdout");
  w.raw("recordings", recordings + "]").string("games_digest", games_digest(games));
  return w.finish();
}

// A sweep keeps the games in memory (every point plays all of them), then runs the points on
// the workers, each point on one thread. With --holdout the last games (in file order) are set
// apart and every point plays both parts; with --shard only this shard's points are played and
// their results written to --out for `replayer merge`.
int run_sweep(const backtest_options& opts, const sweep_request& req, const rule_strategy& base,
              const trading_settings& settings, const std::vector<std::filesystem::path>& files,
              const std::atomic<bool>& stop, const command_io& io) {
  auto points = sweep_points(opts, base, settings, stop, io);
  if (!points) return exit_usage;
  std::optional<output_file> out;
  if (req.shard) {
    auto file = output_file::create(opts.out_path);
    if (!file) {
      io.err << "replayer: --out: " << file.error() << " (check the folder exists and is writable)\n";
      return exit_usage;
    }
    out.emplace(std::move(*file));
  }
  std::vector<game> games;
  for_each_file(files, opts.jobs, nullptr, stop, io, [&](decoded_file& r) {
    for (auto& g : r.games) games.push_back(std::move(g));
  });
  if (games.empty() && !stop) return no_usable_game(files, io);
  const std::string inputs = req.shard ? shard_inputs(opts, req, base, settings, files, games) : std::string();
  std::vector<game> held_out;
  if (req.holdout && !stop) {
    const auto in_sample = holdout_split(games.size(), *req.holdout);
    if (!in_sample) return report_usage(io, usage_error{in_sample.error()});
    held_out.assign(std::make_move_iterator(games.begin() + static_cast<std::ptrdiff_t>(*in_sample)),
                    std::make_move_iterator(games.end()));
    games.resize(*in_sample);
  }
  std::vector<std::size_t> played;
  for (std::size_t i = 0; i < points->size(); ++i)
    if (!req.shard || req.shard->plays(i)) played.push_back(i);
  const sweep_view view{opts.sort, req.holdout ? std::optional(req.holdout->str()) : std::nullopt, opts.json};
  std::vector<sweep_row> rows;
  terminal_status status(io.err, io.err_is_terminal);
  play_sweep_points(
      *points, played, games, req.holdout ? &held_out : nullptr, opts.jobs, stop,
      [&](std::size_t j, point_result&& r) {
        const sweep_point& p = (*points)[played[j]];
        const run_inputs in{p.strategy, p.settings, opts.sets, files.size()};
        sweep_row row{played[j], p.label, sort_metric(r.in_sample, opts.sort), sweep_line(p.label, r.in_sample),
                      summary_json(r.in_sample, in), {}, {}};
        if (r.out_of_sample) {
          row.holdout_block = holdout_block(p.label, view, r.in_sample, *r.out_of_sample);
          row.out_of_sample = summary_json(*r.out_of_sample, in);
        }
        rows.push_back(std::move(row));
        status.progress(rows.size(), played.size(), "sweep points");
      });
  status.clear();
  if (!out) {
    io.out << sweep_output(std::move(rows), view);
    io.out.flush();
    return exit_ok;
  }
  // An interrupted shard leaves no file: a merge must never take a part of a shard for all of it.
  if (stop) return exit_ok;
  out->write(shard_file_text(*req.shard, points->size(), inputs, rows));
  if (auto error = out->commit()) {
    io.err << "replayer: " << *error << '\n';
    return exit_problems_found;
  }
  io.err << "replayer: shard " << req.shard->k << "/" << req.shard->n << ": " << rows.size() << " of "
         << points->size() << " points written to " << opts.out_path << '\n';
  return exit_ok;
}

int run_single(const backtest_options& opts, const rule_strategy& strategy, const trading_settings& settings,
               const std::vector<std::filesystem::path>& files, const std::atomic<bool>& stop, const command_io& io) {
  run_outputs outputs;
  if (!outputs.open(opts.trades_path, opts.equity_path, io) || !outputs.open_report(opts.report_path, io))
    return exit_usage;
  const bool keep_trace = outputs.wants_equity() || !opts.report_path.empty();
  backtest_run run(settings, [&] { return std::make_unique<rule_strategy>(strategy); },
                   {!opts.report_path.empty(), keep_trace, outputs.trades_writer(), [&](const game_outcome& g) {
                      if (!g.stopped.empty())
                        io.err << "replayer: " << g.file << ": game " << g.id << " ended early at " << g.stopped
                               << " (the values outgrew the exact decimal); the run goes on\n";
                      if (outputs.wants_equity()) outputs.equity_rows(g);
                    }});
  const backtest_run* play_on_workers = settings.wallet == wallet_mode::per_game ? &run : nullptr;
  for_each_file(files, opts.jobs, play_on_workers, stop, io, [&](decoded_file& r) {
    for (const game& g : r.games) {
      if (stop) return;
      run.play(g);
    }
    for (game_outcome& g : r.outcomes) run.add(std::move(g));
  });
  const backtest_summary summary = run.summary();
  if (summary.games == 0 && !stop) return no_usable_game(files, io);
  const run_inputs inputs{strategy, settings, opts.sets, files.size()};
  if (!opts.report_path.empty()) outputs.write_report(html_report(run.outcomes(), summary, inputs));
  io.out << (opts.json ? summary_json(summary, inputs) + "\n" : summary_table(summary, inputs));
  io.out.flush();
  return outputs.close(io) ? exit_ok : exit_problems_found;
}

asio::awaitable<int> backtest(const backtest_options& opts, const sweep_request& req, rule_strategy strategy,
                              trading_settings settings, const std::vector<std::filesystem::path>& files,
                              const command_io& io) {
  int code = exit_ok;
  const bool stopped = co_await run_off_thread([&](const std::atomic<bool>& stop) {
    code = opts.sweeps.empty() ? run_single(opts, strategy, settings, files, stop, io)
                               : run_sweep(opts, req, strategy, settings, files, stop, io);
  });
  if (stopped)
    io.err << (opts.shard.empty() ? "replayer: interrupted: the results above cover only what was completed\n"
                                  : "replayer: interrupted: no shard file was written; run this shard again\n");
  co_return code;
}

int run_backtest_command(const backtest_options& opts, const command_io& io) {
  auto setup = load_trading_setup(opts.strategy, opts.wallet, opts.sets);
  if (!setup) return report_usage(io, setup.error());
  const rule_strategy& strategy = setup->strategy;
  const trading_settings& settings = setup->settings;
  if (opts.jobs == 0) return report_usage(io, usage_error{"--jobs: must be at least 1"});
  if (std::find(std::begin(sweep_sorts), std::end(sweep_sorts), opts.sort) == std::end(sweep_sorts))
    return report_usage(io, usage_error{"--sort: '" + opts.sort +
                                        "' is not a metric (pnl, roi, win_rate, sharpe, sortino, profit_factor, max_drawdown)"});
  // A bad --sweep is a usage error before any recording is read (one line, no bad-line warnings):
  // each axis, every value on it, and the grid's size.
  std::vector<sweep_axis> axes;
  for (const auto& text : opts.sweeps) {
    auto axis = parse_sweep(text);
    if (!axis) return report_usage(io, usage_error{axis.error()});
    for (const auto& value : axis->values) {
      rule_strategy s = strategy;
      trading_settings t = settings;
      if (auto e = apply_sweep_value(s, t, *axis, value)) return report_usage(io, *e);
    }
    axes.push_back(std::move(*axis));
  }
  if (auto size = sweep_grid_size(axes, opts.max_points); !size) return report_usage(io, usage_error{size.error()});
  if (!opts.sweeps.empty())
    for (const auto& [flag, path] : {std::pair<std::string_view, const std::string&>{"--trades", opts.trades_path},
                                     {"--equity", opts.equity_path}, {"--report", opts.report_path}})
      if (!path.empty())
        return report_usage(io, usage_error{std::string(flag) +
                                            ": not with --sweep (a sweep prints one line per point); run the point "
                                            "you want with --set to write its files"});
  sweep_request req;
  for (const auto& [flag, given] : {std::pair<std::string_view, const std::string&>{"--holdout", opts.holdout},
                                    {"--shard", opts.shard}, {"--out", opts.out_path}})
    if (!given.empty() && opts.sweeps.empty())
      return report_usage(io, usage_error{std::string(flag) + ": only with --sweep"});
  if (!opts.holdout.empty()) {
    auto fraction = parse_holdout(opts.holdout);
    if (!fraction) return report_usage(io, usage_error{fraction.error()});
    req.holdout = *fraction;
  }
  if (!opts.shard.empty()) {
    auto shard = parse_shard(opts.shard);
    if (!shard) return report_usage(io, usage_error{shard.error()});
    req.shard = *shard;
    if (opts.out_path.empty())
      return report_usage(io, usage_error{"--shard: needs --out FILE.json, the file replayer merge reads"});
  }
  if (!opts.out_path.empty() && !req.shard)
    return report_usage(io, usage_error{"--out: only with --shard (an unsharded sweep prints its results)"});
  if (!opts.out_path.empty() && !opts.out_path.ends_with(".json"))
    return report_usage(io, usage_error{"--out " + opts.out_path +
                                        ": a shard file is named *.json (folder scans read *.jsonl as recordings)"});
  std::vector<std::string> skipped;
  const auto files = collect_recordings(opts.paths, &skipped);
  if (!files) return report_usage(io, files.error());
  warn_skipped(io, skipped);
  if (auto overlap = outputs_overlap(
          {{"--trades", opts.trades_path}, {"--equity", opts.equity_path}, {"--report", opts.report_path}, {"--out", opts.out_path}},
          *files))
    return report_usage(io, *overlap);
  return run_root([&]() { return backtest(opts, req, strategy, settings, *files, io); });
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
  sub->add_option("--max-points", opts->max_points, "Largest sweep grid to run (points = product of the axes)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  sub->add_option("--sort", opts->sort, "Sweep results order: pnl, roi, win_rate, sharpe, sortino, profit_factor, max_drawdown")
      ->capture_default_str();
  sub->add_option("--holdout", opts->holdout,
                  "Sweep: pick the best point on the first 1-F of the games (file order), report it on the rest");
  sub->add_option("--shard", opts->shard, "Sweep: play shard K of N of the grid's points (point i goes to shard i mod N + 1)");
  sub->add_option("--out", opts->out_path, "With --shard: write the shard's results to OUT.json for replayer merge");
  sub->add_option("--trades", opts->trades_path, "Write the trade log: OUT.trades.jsonl or OUT.csv");
  sub->add_option("--equity", opts->equity_path, "Write the equity curve, one row per tick: OUT.csv");
  sub->add_option("--report", opts->report_path, "Write a self-contained HTML report: OUT.html");
  sub->add_flag("--json", opts->json, "Print the summary as one JSON object");
  sub->add_option("paths", opts->paths, "Recording files or folders (searched recursively for *.jsonl)")->required();
  sub->callback([opts, &selected]() {
    selected = [opts](const command_io& io) { return run_backtest_command(*opts, io); };
  });
}

}  // namespace replayer::app
