// `replayer merge RESULT...`: the shard files of one sweep (backtest --sweep ... --shard K/N
// --out FILE) combined into exactly what the unsharded sweep prints, table or --json.
#include "app/command.hpp"
#include "app/input_file.hpp"
#include "app/output_file.hpp"
#include "app/run_outputs.hpp"
#include "app/sweep_merge.hpp"

#include <filesystem>
#include <ostream>

namespace replayer::app {
namespace {

// A shard holds about 2.5 KiB per point (5 with --holdout): 256 MiB is some 50,000 points.
constexpr std::uintmax_t shard_file_limit = std::uintmax_t{256} << 20;

struct merge_options {
  std::vector<std::string> results;
  bool json = false;
  std::string out_path;
};

int refuse(const command_io& io, const std::string& why) {
  io.err << "replayer: merge: " << why << '\n';
  return exit_problems_found;
}

int run_merge(const merge_options& opts, const command_io& io) {
  const std::vector<std::filesystem::path> inputs(opts.results.begin(), opts.results.end());
  if (auto overlap = outputs_overlap({{"--out", opts.out_path}}, inputs)) return report_usage(io, *overlap);
  std::optional<output_file> out;
  if (!opts.out_path.empty()) {
    auto file = output_file::create(opts.out_path);
    if (!file) return report_usage(io, usage_error{"--out: " + file.error() + " (check the folder exists and is writable)"});
    out.emplace(std::move(*file));
  }
  std::vector<named_shard> shards;
  for (const auto& path : opts.results) {
    auto text = read_input_file(path, shard_file_limit);
    if (!text) return refuse(io, path + ": " + text.error().reason);
    auto file = parse_shard_file(*text);
    if (!file) return refuse(io, path + ": " + file.error());
    shards.push_back({path, std::move(*file)});
  }
  auto rows = merge_shards(shards);
  if (!rows) return refuse(io, rows.error());
  const std::string text = sweep_output(std::move(*rows), shard_view(shards.front().file.inputs, opts.json));
  if (!out) {
    io.out << text;
    io.out.flush();
    return exit_ok;
  }
  out->write(text);
  if (auto error = out->commit()) return refuse(io, *error);
  return exit_ok;
}

}  // namespace

void add_merge_command(CLI::App& root, command_main& selected) {
  auto opts = std::make_shared<merge_options>();
  auto* sub = root.add_subcommand("merge", "Combine the shard files of a sweep into the unsharded sweep's output");
  sub->add_option("results", opts->results, "Shard files (backtest --sweep ... --shard K/N --out FILE.json)")->required();
  sub->add_flag("--json", opts->json, "Print one JSON object per point, as backtest --sweep --json does");
  sub->add_option("--out", opts->out_path, "Write the output to FILE (complete or not at all) instead of stdout");
  sub->callback([opts, &selected]() { selected = [opts](const command_io& io) { return run_merge(*opts, io); }; });
}

}  // namespace replayer::app
