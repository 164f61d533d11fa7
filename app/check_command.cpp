// `replayer check [--verify [--seeds FILE]...] [--quiet] PATH...`: validates recordings without
// playing them. Every problem is printed as FILE:LINE: reason (or FILE: game ID: ...) on stdout;
// exit code 1 when any line was bad or any game failed verification. What replay says of a game
// (no rug, started mid-game, gaps, phase anomalies: app/game_report's one text) is a warning:
// printed unless --quiet, counted in the summary either way. A progress bar with an ETA shows on
// a terminal; every line printed clears it first.
//
// With --verify, each recorded game with a revealed seed is compared with the seed's price path
// (core/fair/recording_check.hpp). Seeds come from the *.seeds.jsonl files in the folders given,
// from --seeds files (anything `replayer verify` reads) and from the recordings' own game_end /
// game_complete records. This file only reads and prints.
#include "app/command.hpp"
#include "app/input_file.hpp"
#include "app/printable_text.hpp"
#include "core/concat.hpp"
#include "app/game_report.hpp"
#include "app/recording_paths.hpp"
#include "app/terminal_status.hpp"
#include "core/fair/recording_check.hpp"
#include "core/fair/revealed_game.hpp"
#include "core/recording_reader.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <unordered_map>

namespace replayer::app {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t seed_line_limit = 64u << 20;         // feed capture lines can be large
constexpr std::uintmax_t seed_document_limit = 16u << 20;  // a whole JSON document read at once (~36x in memory)
constexpr std::size_t seed_warnings_per_file = 5;

struct check_options {
  std::vector<std::string> paths;
  bool verify = false;
  std::vector<std::string> seeds;
  bool quiet = false;
};

// Where check's lines go: problems always, warnings unless --quiet (counted either way), each
// made printable and never glued to the progress bar on stderr.
class check_output {
public:
  check_output(const command_io& io, bool quiet) : io_(io), quiet_(quiet), status_(io.err, io.err_is_terminal) {}

  void problem(std::string_view line) { status_.print(io_.out, printable(line)); }
  // Warnings about the recordings go to stdout with the problems; those about seed files to stderr.
  void warning(std::string_view line, bool on_stderr = false) {
    ++warnings_;
    if (!quiet_) status_.print(on_stderr ? io_.err : io_.out, printable(line));
  }
  void progress(std::size_t done, std::size_t total) { status_.progress(done, total, "files"); }
  void done() { status_.clear(); }

  std::size_t warnings() const { return warnings_; }
  bool quiet() const { return quiet_; }

private:
  const command_io& io_;
  bool quiet_;
  terminal_status status_;
  std::size_t warnings_ = 0;
};

// A revealed seed and where it was found ("FILE:LINE" or "FILE").
struct known_seed {
  revealed_game game;  // id, seed, hash, version; prices dropped
  std::string where;
};

// Revealed seeds by game id. The same seed seen again (a feed capture repeats every game ten
// times) is kept once; a different seed for the same id is kept too, and the game is checked
// against each, so a wrong copy cannot hide behind a right one.
class seed_index {
public:
  void add(revealed_game g, std::string where) {
    if (g.id.empty() || g.server_seed.empty()) return;  // not revealed: nothing to check against
    g.prices = {};
    g.price_texts = {};
    g.price_text_ends = {};
    auto& list = by_id_[g.id];
    for (auto& k : list) {
      if (k.game.server_seed != g.server_seed || k.game.version != g.version) continue;
      if (g.server_seed_hash.empty() || k.game.server_seed_hash == g.server_seed_hash) return;
      if (k.game.server_seed_hash.empty()) {  // the same seed, now with its committed hash
        k.game.server_seed_hash = std::move(g.server_seed_hash);
        return;
      }
    }
    list.push_back({std::move(g), std::move(where)});
  }

  const std::vector<known_seed>* find(const std::string& id) const {
    const auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : &it->second;
  }

private:
  std::unordered_map<std::string, std::vector<known_seed>> by_id_;
};

// The whole file, or nullopt when it cannot be read or is larger than the document limit.
std::optional<std::string> read_whole(const fs::path& path) {
  auto text = read_input_file(path.string(), seed_document_limit);
  if (!text) return std::nullopt;
  return std::move(*text);
}

// Reads the revealed games of one seed file into `index`: one JSON document (a `.json` file, or a
// file whose first line is not JSON on its own), or JSON lines. Returns how many revealed
// games (with a seed) it holds. A line that is not JSON is a warning on stderr; a file that
// cannot be read or holds no JSON at all is a usage error.
boost::system::result<std::size_t, usage_error> read_seed_file(const fs::path& path, revealed_game_reader& reader,
                                                               seed_index& index, check_output& out) {
  const std::string file = path.string();
  std::vector<revealed_game> batch;
  std::size_t count = 0;
  auto take = [&](const std::string& where) {
    for (auto& g : batch) {
      if (g.id.empty() || g.server_seed.empty()) continue;
      ++count;
      index.add(std::move(g), where);
    }
    batch.clear();
  };
  constexpr std::string_view expected_content =
      "give a feed capture (gameStateUpdate events with gameHistory) or a JSON / JSONL file of game objects "
      "{id, serverSeed, serverSeedHash, version, prices}";

  if (path.extension() == ".json") {  // one document first; else JSON lines, as `verify` reads it
    if (const auto text = read_whole(path); text && reader.read(*text, batch)) {
      take(file);
      return count;
    }
    batch.clear();
  }

  auto lines = file_lines::open(path, seed_line_limit);
  if (!lines) return usage_error{concat({file, ": cannot read the file: ", lines.error().message()})};
  std::size_t good = 0, bad = 0;
  std::vector<std::string> warnings;  // printed once the file proved to be JSON lines
  auto skip = [&](std::string message) {
    if (bad++ < seed_warnings_per_file) warnings.push_back(std::move(message));
  };
  while (auto line = lines->next()) {
    const std::string where = concat({file, ":", std::to_string(line->number)});
    if (line->overlong) {
      skip(concat({where, ": line longer than ", std::to_string(seed_line_limit >> 20), " MiB"}));
      continue;
    }
    if (line->text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const auto found = reader.read(line->text, batch);
    if (found) {
      ++good;
      take(where);
      continue;
    }
    batch.clear();
    if (good == 0 && bad == 0) {  // perhaps one pretty-printed document
      if (const auto text = read_whole(path); text && reader.read(*text, batch)) {
        take(file);
        return count;
      }
      batch.clear();
    }
    skip(concat({where, ": ", found.error().reason}));
  }
  if (auto ec = lines->read_error()) return usage_error{concat({file, ": read error: ", ec.message()})};
  if (good == 0 && bad > 0)
    return usage_error{concat({warnings.front(), "; the file is not JSON: ", expected_content})};
  for (const auto& w : warnings) out.warning(concat({"replayer: warning: ", w, "; line skipped"}), true);
  if (bad > seed_warnings_per_file)
    out.warning(concat({"replayer: ", file, ": ", std::to_string(bad - seed_warnings_per_file), " more lines that are not JSON"}),
                true);
  return count;
}

// Loads every seed source given up front: the *.seeds.jsonl files of the PATH arguments, then
// the --seeds files.
std::optional<usage_error> load_seed_files(const check_options& opts, seed_index& index, check_output& out) {
  revealed_game_reader reader;
  const auto found = collect_seed_files(opts.paths);
  if (!found) return found.error();
  for (const auto& path : *found) {
    const auto n = read_seed_file(path, reader, index, out);
    if (!n) return n.error();
    if (*n == 0) out.warning(concat({"replayer: warning: ", path.string(), ": holds no revealed games"}), true);
  }
  for (const auto& name : opts.seeds) {
    if (auto why = not_a_regular_file(name))
      return usage_error{concat({"--seeds ", name, ": ", *why, "; give a feed capture or a JSON / JSONL file of "
                                                           "revealed games"})};
    const auto n = read_seed_file(name, reader, index, out);
    if (!n) return usage_error{concat({"--seeds ", n.error().message})};
    if (*n == 0)
      return usage_error{concat({"--seeds ", name, ": no revealed games in it; expected gameStateUpdate events with "
                                                "data.gameHistory, or game objects {id, serverSeed, serverSeedHash, "
                                                "version, prices}"})};
  }
  return std::nullopt;
}

struct verify_counts {
  std::size_t verified = 0, failed = 0, unverifiable = 0;
};

// Checks one recorded game against every seed known for it and prints the problems.
void verify_game(const game& g, const std::string& file, const seed_index& index, recording_seed_checker& checker,
                 verify_counts& counts, check_output& out) {
  const auto* candidates = index.find(g.id);
  if (!candidates) return;  // no revealed seed for this game
  std::vector<seed_check_result> results;
  results.reserve(candidates->size());
  std::size_t full = 0;
  for (const auto& k : *candidates) {
    results.push_back(checker.check(g, k.game));
    full += !results.back().unverifiable;
  }
  const std::string prefix = concat({file, ": game ", g.id, ": "});
  if (full == 0) {  // only truncated seeds
    out.problem(prefix + results.front().problems.front().message);
    ++counts.unverifiable;
    return;
  }
  bool failed = false;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (results[i].unverifiable) continue;
    failed = failed || results[i].failed();
    for (const auto& p : results[i].problems)
      out.problem(concat({prefix, p.message, full > 1 ? concat({" (seed from ", (*candidates)[i].where, ")"}) : ""}));
  }
  ++(failed ? counts.failed : counts.verified);
}

// What the games of a check added up to, beside the bad lines.
struct game_counts {
  std::size_t games = 0, tick_lines = 0, anomalies = 0, incomplete = 0, mid_game = 0, with_gaps = 0;
  std::int64_t missing_price_ticks = 0;
};

// Warns of what replay says is wrong with the game (the same text), then lists its gaps and
// phase anomalies one by one.
void warn_about(const game& g, const game_facts& facts, const std::string& file, check_output& out) {
  const std::string prefix = concat({file, ": game ", g.id, ": "});
  if (const std::string problems = game_problems(g, facts); !problems.empty()) out.warning(prefix + problems);
  for (const auto& gap : facts.listed_gaps)
    out.warning(concat({prefix, "gap after tick ", std::to_string(gap.after), ": ", std::to_string(gap.missing),
                        " price ticks missing"}));
  for (const auto& a : facts.listed_anomalies) out.warning(concat({prefix, "phase anomaly at ", a.describe()}));
}

std::string summary_line(std::size_t files, std::size_t lines_read, const game_counts& n, const check_output& out,
                         std::size_t bad, std::size_t bad_files) {
  auto count = [](std::size_t v) { return std::to_string(v); };
  return concat({"checked ", count(files), " files, ", count(lines_read), " lines (", count(n.tick_lines),
                 " tick lines), ", count(n.games), " games (", count(n.incomplete), " without a rug, ", count(n.mid_game),
                 " started mid-game, ", count(n.with_gaps), " with gaps: ", std::to_string(n.missing_price_ticks),
                 " price ticks missing), ", count(out.warnings()), " warnings",
                 out.quiet() && out.warnings() ? " not shown (--quiet)" : "", ": ", count(bad), " bad lines in ",
                 count(bad_files), " files, ", count(n.anomalies), " phase anomalies"});
}

int run_check(const check_options& opts, const command_io& io) {
  if (!opts.seeds.empty() && !opts.verify)
    return report_usage(
        io, {"--seeds is read only with --verify; add --verify to compare the recordings with the seeds"});
  check_output out(io, opts.quiet);
  // Entries the walk or a read could not use are problems found, listed like bad lines.
  std::vector<std::string> skipped;
  const auto files = collect_recordings(opts.paths, &skipped);
  if (!files) return report_usage(io, files.error());
  for (const auto& s : skipped) out.problem(s);
  seed_index seeds;
  if (opts.verify) {
    if (auto problem = load_seed_files(opts, seeds, out)) return report_usage(io, *problem);
  }
  recording_seed_checker checker;
  verify_counts counts;
  game_counts totals;
  std::size_t bad = 0, bad_files = 0, lines_read = 0, files_done = 0;
  for (const auto& path : *files) {
    out.progress(files_done++, files->size());
    auto lines = file_lines::open(path);
    if (!lines) {  // gone or unreadable since the folder was listed: the others are still checked
      skipped.push_back(path.string() + ": cannot read file: " + lines.error().message());
      out.problem(skipped.back());
      continue;
    }
    // With --verify the lines pass through a tap that keeps the seeds of game_end records.
    std::optional<recorded_seed_tap> tap;
    line_source& source = opts.verify ? static_cast<line_source&>(tap.emplace(*lines)) : *lines;
    std::size_t tapped = 0;
    recording_reader reader(path.string(), source, [&](const bad_line& b) { out.problem(b.describe()); });
    while (auto g = reader.next_game()) {
      const game_facts facts = analyse(*g);
      ++totals.games;
      totals.tick_lines += facts.ticks;
      totals.anomalies += facts.phase_anomalies;
      totals.incomplete += !facts.complete();
      totals.mid_game += facts.started_mid_game;
      totals.with_gaps += facts.gaps > 0;
      totals.missing_price_ticks += facts.missing_ticks;
      warn_about(*g, facts, path.string(), out);
      if (!opts.verify) continue;
      // The game's own game_end line has been read by now: its seed is among the tapped ones.
      for (; tapped < tap->seeds().size(); ++tapped) {
        const auto& s = tap->seeds()[tapped];
        seeds.add(s.game, concat({path.string(), ":", std::to_string(s.line)}));
      }
      verify_game(*g, path.string(), seeds, checker, counts, out);
    }
    if (auto ec = lines->read_error()) {
      out.problem(concat({path.string(), ": read error: ", ec.message()}));
      ++bad;
    }
    bad += reader.bad_lines();
    bad_files += reader.bad_lines() > 0;
    lines_read += reader.lines_read();
  }
  out.done();
  io.out << summary_line(files->size(), lines_read, totals, out, bad, bad_files);
  if (!skipped.empty()) io.out << ", " << skipped.size() << " entries skipped";
  if (opts.verify) {
    io.out << ", " << counts.verified << " games verified against seeds, " << counts.failed << " failed";
    if (counts.verified + counts.failed + counts.unverifiable == 0)
      io.err << "replayer: note: no revealed seed was found for "
             << (totals.games == 1 ? std::string("the game")
                                   : concat({"any of the ", std::to_string(totals.games), " games"}))
             << "; put *.seeds.jsonl files next to the recordings or give --seeds FILE\n";
  }
  io.out << '\n';
  return bad > 0 || counts.failed > 0 || !skipped.empty() ? exit_problems_found : exit_ok;
}

}  // namespace

void add_check_command(CLI::App& root, command_main& selected) {
  auto opts = std::make_shared<check_options>();
  auto* sub = root.add_subcommand(
      "check", "Validate recordings; print every problem as FILE:LINE: reason and what replay says of each game "
               "(--verify: also against revealed seeds)");
  sub->add_option("paths", opts->paths,
                  "Recording files or folders (searched recursively for *.jsonl; *.seeds.jsonl files are revealed "
                  "seeds, not recordings)")
      ->required();
  sub->add_flag("--verify", opts->verify,
                "Also compare every recorded game that has a revealed seed with the seed's price path, bit for bit "
                "(seeds from *.seeds.jsonl files in the folders, --seeds files and the recordings' game_end lines)");
  sub->add_flag("--quiet", opts->quiet,
                "No warnings (what replay says of a game: no rug, started mid-game, gaps, phase anomalies; seed files "
                "with lines that are not JSON); the summary counts them. Problems are always printed");
  sub->add_option("--seeds", opts->seeds,
                  "With --verify: a file of revealed games (feed capture, JSON / JSONL game objects, as `replayer "
                  "verify` reads); repeatable")
      ->allow_extra_args(false);
  sub->callback([opts, &selected]() { selected = [opts](const command_io& io) { return run_check(*opts, io); }; });
}

}  // namespace replayer::app
