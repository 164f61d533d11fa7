// `replayer verify PATH...`: checks revealed games against their provably-fair seeds. Reads feed
// captures (gameStateUpdate events carrying gameHistory) and JSON / JSONL files of game objects;
// a game seen several times is verified once. Exit 0 when every game verified, 1 when any
// failed, 2 when the input is unusable (missing file, unreadable JSON, no games at all).
#include "app/command.hpp"
#include "app/input_file.hpp"
#include "app/printable_text.hpp"
#include "app/recording_paths.hpp"
#include "core/concat.hpp"
#include "core/fair/python_float.hpp"
#include "core/fair/revealed_game.hpp"
#include "core/fair/verifier.hpp"
#include "core/json_value.hpp"
#include "core/line_source.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <memory>
#include <ostream>
#include <unordered_map>

namespace replayer::app {
namespace {

namespace fs = std::filesystem;

// A JSON document (a *.json file, or a file that opens with '[') up to this size is read whole;
// everything else is read line by line, so memory stays bounded whatever the file's size (a
// parsed document takes up to ~36x its text).
constexpr std::uintmax_t whole_file_limit = 16u << 20;
constexpr std::size_t streamed_line_limit = 16u << 20;  // a feed capture's lines are ~1 MiB at most
constexpr std::size_t warnings_per_file = 5;

struct verify_options {
  std::vector<std::string> paths;
  bool json = false;
};

// Files as given (regular files only: a FIFO or a device would be waited on or read forever);
// a folder stands for its *.json and *.jsonl files (recursively, sorted; entries it cannot use
// are warned about). Each file once.
boost::system::result<std::vector<fs::path>, usage_error> collect_inputs(const std::vector<std::string>& args,
                                                                        const command_io& io) {
  std::vector<fs::path> files;
  std::vector<std::string> skipped;
  for (const auto& arg : args) {
    std::error_code ec;
    const auto status = fs::status(arg, ec);
    if (ec || !fs::exists(status))
      return usage_error{concat({arg, ": no such file or folder; give a feed capture or a JSON / JSONL file of games"})};
    if (!fs::is_directory(status)) {
      if (auto why = not_a_regular_file(arg)) return usage_error{concat({arg, ": ", *why})};
      files.emplace_back(arg);
      continue;
    }
    auto found = list_folder(
        arg, [](const fs::path& p) { return p.extension() == ".json" || p.extension() == ".jsonl"; }, &skipped);
    if (!found) return found.error();
    if (found->empty()) return usage_error{concat({arg, ": the folder holds no *.json or *.jsonl file"})};
    files.insert(files.end(), found->begin(), found->end());
  }
  warn_skipped(io, skipped);
  drop_repeats(files);
  return files;
}

// Identifies a game's content, to tell a repeated copy from a different game with the same id.
std::uint64_t fingerprint(const revealed_game& g) {
  std::uint64_t h = 14695981039346656037ull;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xFF) * 1099511628211ull;  // separator
  };
  mix(g.server_seed);
  mix(g.server_seed_hash);
  mix(g.version);
  mix(g.price_texts);
  for (auto end : g.price_text_ends) mix(std::string_view(reinterpret_cast<const char*>(&end), sizeof end));
  mix(g.peak_text);
  mix(g.problem);
  return h;
}

// A *.json file, or one whose first non-blank byte is '[' (a JSON array of games).
bool opens_a_document(const fs::path& path) {
  if (path.extension() == ".json") return true;
  std::ifstream in(path, std::ios::binary);
  char c = 0;
  while (in.get(c) && (c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
  }
  return in && c == '[';
}

class verify_run {
public:
  verify_run(const verify_options& opts, const command_io& io) : opts_(opts), io_(io) {}

  // Reads one file; false when it is unusable (the message is already printed).
  bool read_file(const fs::path& path) {
    file_ = path.string();
    if (opens_a_document(path)) {
      auto content = read_input_file(file_, whole_file_limit);
      if (content) return read_content(*content);
    }
    auto lines = file_lines::open(path, streamed_line_limit);
    if (!lines) return unusable(concat({file_, ": cannot read the file: ", lines.error().message()}));
    const bool ok = read_lines(*lines, {});
    if (auto read_ec = lines->read_error()) return unusable(concat({file_, ": read error: ", read_ec.message()}));
    return ok;
  }

  int finish() {
    if (games_ == 0) {
      std::string names;
      for (std::size_t i = 0; i < opts_.paths.size(); ++i) {
        if (i) names += ", ";
        names += opts_.paths[i];
      }
      return report_usage(io_, {concat({"no revealed games in ", names,
                                     ": expected gameStateUpdate events with data.gameHistory, or game objects "
                                     "{id, serverSeed, serverSeedHash, version, prices}"})});
    }
    if (opts_.json) {
      std::string line = "{\"type\": \"summary\", \"games\": ";
      line += std::to_string(games_);
      line += concat({", \"verified\": ", std::to_string(verified_), ", \"failed\": ", std::to_string(games_ - verified_),
                   ", \"duplicates\": ", std::to_string(duplicates_), ", \"price_ticks\": ", std::to_string(ticks_),
                   ", \"files\": ", std::to_string(files_), "}\n"});
      io_.out << line;
    } else {
      io_.out << games_ << (games_ == 1 ? " game: " : " games: ") << verified_ << " verified, " << games_ - verified_
              << " failed (" << ticks_ << " price ticks; " << duplicates_ << " repeated copies skipped; " << files_
              << (files_ == 1 ? " file)\n" : " files)\n");
    }
    return verified_ == games_ ? exit_ok : exit_problems_found;
  }

  void count_file() { ++files_; }

private:
  bool unusable(const std::string& message) {
    report_usage(io_, {message});
    return false;
  }

  bool read_content(std::string_view content) {
    const auto first = content.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first == std::string_view::npos) return true;  // empty: nothing to verify here
    // A whole JSON document (an array, or a pretty-printed object) or JSON lines.
    const bool document_first =
        content[first] == '[' || (file_.size() >= 5 && file_.compare(file_.size() - 5, 5, ".json") == 0);
    if (document_first && read_document(content)) return true;
    memory_lines lines(content, content.size());
    return read_lines(lines, content);
  }

  bool read_document(std::string_view content) {
    batch_.clear();
    if (!reader_.read(content, batch_)) return false;
    for (auto& g : batch_) verify(g, file_);
    return true;
  }

  // JSON lines. A line that is not JSON is reported and skipped; when the first line is not
  // JSON, the whole text is tried as one document (a pretty-printed object).
  bool read_lines(line_source& lines, std::string_view whole) {
    std::size_t bad = 0, good = 0;
    std::string first_problem;
    while (auto line = lines.next()) {
      if (line->overlong) {
        const auto where = concat({file_, ":", std::to_string(line->number), ": line longer than ",
                                   std::to_string(streamed_line_limit >> 20), " MiB"});
        if (first_problem.empty()) first_problem = where;
        warn(bad++, concat({where, ", skipped"}));
        continue;
      }
      if (line->text.find_first_not_of(" \t") == std::string_view::npos) continue;
      batch_.clear();
      auto found = reader_.read(line->text, batch_);
      if (!found) {
        if (good == 0 && bad == 0 && !whole.empty()) {
          batch_.clear();
          if (reader_.read(whole, batch_)) {
            for (auto& g : batch_) verify(g, file_);
            return true;
          }
        }
        const auto where = concat({file_, ":", std::to_string(line->number)});
        if (first_problem.empty()) first_problem = concat({where, ": ", found.error().reason});
        warn(bad++, concat({where, ": ", found.error().reason, "; line skipped"}));
        continue;
      }
      ++good;
      const auto where = concat({file_, ":", std::to_string(line->number)});
      for (auto& g : batch_) verify(g, where);
    }
    if (bad > warnings_per_file)
      io_.err << "replayer: " << printable(file_) << ": " << bad - warnings_per_file << " more lines that are not JSON\n";
    if (good == 0 && bad > 0)
      return unusable(concat({first_problem, ": the file is not JSON; give a feed capture (JSON lines) or a JSON / "
                                          "JSONL file of games"}));
    return true;
  }

  void warn(std::size_t index, const std::string& message) {
    if (index < warnings_per_file) io_.err << "replayer: warning: " << printable(message) << '\n';
  }

  void verify(const revealed_game& g, const std::string& where) {
    const auto fp = fingerprint(g);
    auto [it, inserted] = seen_.try_emplace(g.id, fp);
    if (!inserted && it->second == fp) {
      ++duplicates_;
      return;
    }
    const fair_verdict v = verifier_.verify(g);
    ++games_;
    ticks_ += v.path_length;
    if (v.verified()) ++verified_;
    if (opts_.json)
      print_json(v, where);
    else
      print_text(v, where);
  }

  void print_text(const fair_verdict& v, const std::string& where) {
    std::string line;
    line += v.verified() ? "verified  " : "FAILED    ";
    line += v.game_id.empty() ? "(no id)" : v.game_id;
    if (!v.version.empty()) line += concat({"  ", v.version});
    if (v.verified()) {
      line += concat({"  ", std::to_string(v.path_length), " price ticks, peak "});
      append_python_float(line, v.peak);
    } else {
      line += concat({"  ", where});
      for (const auto& p : v.problems) line += concat({": ", p.message});
    }
    io_.out << printable(line) << '\n';
  }

  void print_json(const fair_verdict& v, const std::string& where) {
    std::string line = "{\"type\": \"game\", \"game_id\": ";
    write_python_json_string(line, v.game_id);
    line += ", \"source\": ";
    write_python_json_string(line, where);
    line += ", \"version\": ";
    write_python_json_string(line, v.version);
    line += v.verified() ? ", \"status\": \"verified\"" : ", \"status\": \"failed\"";
    line += concat({", \"price_ticks\": ", std::to_string(v.path_length)});
    if (v.path_length > 0) {
      line += ", \"peak\": ";
      append_python_float(line, v.peak);
    }
    line += ", \"problems\": [";
    for (std::size_t i = 0; i < v.problems.size(); ++i) {
      const auto& p = v.problems[i];
      line += i ? ", {\"kind\": \"" : "{\"kind\": \"";
      line += fair_problem_name(p.kind);
      line += "\", \"message\": ";
      write_python_json_string(line, p.message);
      switch (p.kind) {
        case fair_problem_kind::price_mismatch:
          line += concat({", \"tick\": ", std::to_string(p.tick), ", \"expected\": ", p.expected, ", \"recorded\": ",
                       p.recorded});
          break;
        case fair_problem_kind::peak_mismatch:
          line += concat({", \"expected\": ", p.expected, ", \"recorded\": ", p.recorded});
          break;
        case fair_problem_kind::hash_mismatch:
          line += ", \"expected\": ";
          write_python_json_string(line, p.expected);
          line += ", \"recorded\": ";
          write_python_json_string(line, p.recorded);
          break;
        case fair_problem_kind::wrong_length:
          line += concat({", \"expected\": ", std::to_string(p.expected_count), ", \"recorded\": ",
                       std::to_string(p.recorded_count)});
          break;
        default: break;
      }
      line += '}';
    }
    line += "]}\n";
    io_.out << line;
  }

  const verify_options& opts_;
  const command_io& io_;
  revealed_game_reader reader_;
  game_verifier verifier_;
  std::vector<revealed_game> batch_;
  std::unordered_map<std::string, std::uint64_t> seen_;
  std::string file_;
  std::size_t games_ = 0, verified_ = 0, duplicates_ = 0, files_ = 0;
  std::uint64_t ticks_ = 0;
};

int run_verify(const verify_options& opts, const command_io& io) {
  const auto files = collect_inputs(opts.paths, io);
  if (!files) return report_usage(io, files.error());
  verify_run run(opts, io);
  for (const auto& path : *files) {
    if (!run.read_file(path)) return exit_usage;
    run.count_file();
  }
  return run.finish();
}

}  // namespace

void add_verify_command(CLI::App& root, command_main& selected) {
  auto opts = std::make_shared<verify_options>();
  auto* sub = root.add_subcommand("verify", "Check revealed games against their provably-fair seeds, bit for bit");
  sub->add_option("paths", opts->paths,
                  "Feed captures (gameStateUpdate events with gameHistory) or JSON / JSONL files of game objects "
                  "{id, serverSeed, serverSeedHash, version, prices}; folders are searched for *.json, *.jsonl")
      ->required();
  sub->add_flag("--json", opts->json, "One JSON object per game, then a {\"type\": \"summary\"} object");
  sub->callback([opts, &selected]() { selected = [opts](const command_io& io) { return run_verify(*opts, io); }; });
}

}  // namespace replayer::app
