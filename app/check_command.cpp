// `replayer check PATH...`: validates recordings without playing them. Every problem is printed
// as FILE:LINE: reason on stdout; exit code 1 when any line was bad.
#include "app/command.hpp"
#include "app/recording_paths.hpp"
#include "core/recording_reader.hpp"

#include <ostream>

namespace replayer::app {
namespace {

struct check_options {
  std::vector<std::string> paths;
};

int run_check(const check_options& opts, const command_io& io) {
  const auto files = collect_recordings(opts.paths);
  if (!files) return report_usage(io, files.error());
  std::size_t bad = 0, bad_files = 0, lines_read = 0, games = 0, anomalies = 0;
  for (const auto& path : *files) {
    auto lines = file_lines::open(path);
    if (!lines) {
      io.err << "replayer: " << path.string() << ": cannot read file: " << lines.error().message() << '\n';
      return exit_usage;
    }
    recording_reader reader(path.string(), *lines, [&](const bad_line& b) { io.out << b.describe() << '\n'; });
    while (auto g = reader.next_game()) {
      ++games;
      const game_facts facts = analyse(*g);
      anomalies += facts.phase_anomalies;
      for (const auto& a : facts.listed_anomalies)
        io.out << path.string() << ": game " << g->id << ": phase anomaly at " << a.describe() << '\n';
    }
    if (auto ec = lines->read_error()) {
      io.out << path.string() << ": read error: " << ec.message() << '\n';
      ++bad;
    }
    bad += reader.bad_lines();
    bad_files += reader.bad_lines() > 0;
    lines_read += reader.lines_read();
  }
  io.out << "checked " << files->size() << " files, " << lines_read << " lines, " << games << " games: " << bad
         << " bad lines in " << bad_files << " files, " << anomalies << " phase anomalies\n";
  return bad > 0 ? exit_problems_found : exit_ok;
}

}  // namespace

void add_check_command(CLI::App& root, command_main& selected) {
  auto opts = std::make_shared<check_options>();
  auto* sub = root.add_subcommand("check", "Validate recordings; print every problem as FILE:LINE: reason");
  sub->add_option("paths", opts->paths, "Recording files or folders (searched recursively for *.jsonl)")->required();
  sub->callback([opts, &selected]() { selected = [opts](const command_io& io) { return run_check(*opts, io); }; });
}

}  // namespace replayer::app
