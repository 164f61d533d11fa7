// Replay throughput over the shared corpus (../shared/data/recordings), side by side with a
// bare Boost.JSON parse of the same lines; the binary's start-up time; and the whole
// `replayer replay --quiet` of the corpus against a plain Python loader of it
// (bench/python_loader.py), both timed in this run. Prints a table; asserts nothing
// (docs/benchmarks.md explains every row and records the figures).
//   replay_bench [--replayer PATH] [--runs N] [--spawns N] [--loader-runs N]
//     --replayer     the binary timed (default: ../app/replayer beside this bench)
//     --runs         rounds of the throughput measurements, after one warm-up round; medians shown (default 7)
//     --spawns       processes started per start-up measurement; the median is shown (default 50)
//     --loader-runs  runs of the replayer and of the Python loader over the corpus, taken in turn (default 5)
#include "app/game_report.hpp"
#include "core/game.hpp"
#include "core/json_flat.hpp"
#include "core/line_source.hpp"
#include "core/record.hpp"
#include "core/recording_reader.hpp"

#include "bench_support.hpp"
#include "process_run.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>


using namespace replayer;
namespace fs = std::filesystem;

namespace {

using bench::clock_type;
using bench::seconds_since;

struct corpus {
  std::vector<fs::path> paths;
  std::vector<std::string> contents;     // each file's bytes
  std::vector<std::string_view> lines;   // every non-empty line, without its newline
  std::size_t bytes = 0;
  std::size_t ticks = 0;                 // valid tick lines
};

corpus load(const fs::path& dir) {
  corpus c;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".jsonl") c.paths.push_back(entry.path());
  std::sort(c.paths.begin(), c.paths.end());
  for (const auto& p : c.paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    c.contents.push_back(s.str());
    c.bytes += c.contents.back().size();
  }
  for (const auto& content : c.contents) {
    memory_lines lines(content);
    while (auto l = lines.next())
      if (!l->text.empty()) c.lines.push_back(l->text);
  }
  record_decoder decoder;
  record r;
  for (auto line : c.lines)
    if (auto t = decoder.decode(line, r); t && *t == record_type::tick) ++c.ticks;
  return c;
}

// CPU time of this thread: on a shared machine, time spent waiting for a core is not counted.
double thread_cpu_seconds() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double median_of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

struct task {
  const char* name;
  std::function<std::size_t()> work;
  std::vector<double> seconds;
  std::size_t result = 0;
  double median() const { return median_of(seconds); }
};

// Runs every task once per round, round after round, so that drift (other processes, the CPU's
// clock) touches all of them alike; the first round only warms up and is not counted. Times are
// the thread's CPU time (reading the files included: the kernel's work is on this thread).
void measure(std::vector<task>& tasks, int runs) {
  for (int round = 0; round <= runs; ++round)
    for (auto& t : tasks) {
      const double start = thread_cpu_seconds();
      t.result = t.work();
      const double s = thread_cpu_seconds() - start;
      if (round > 0) t.seconds.push_back(s);
    }
}

// --- the ceiling: Boost.JSON alone -------------------------------------------------------

// A SAX handler that does nothing: what Boost.JSON's parser costs with no output at all.
struct null_handler {
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);
  using ec = boost::system::error_code;
  using sv = boost::json::string_view;
  std::size_t events = 0;
  bool on_document_begin(ec&) { return true; }
  bool on_document_end(ec&) { return true; }
  bool on_array_begin(ec&) { return ++events; }
  bool on_array_end(std::size_t, ec&) { return true; }
  bool on_object_begin(ec&) { return ++events; }
  bool on_object_end(std::size_t, ec&) { return true; }
  bool on_string_part(sv, std::size_t, ec&) { return true; }
  bool on_string(sv, std::size_t, ec&) { return ++events; }
  bool on_key_part(sv, std::size_t, ec&) { return true; }
  bool on_key(sv, std::size_t, ec&) { return true; }
  bool on_number_part(sv, ec&) { return true; }
  bool on_int64(std::int64_t, sv, ec&) { return ++events; }
  bool on_uint64(std::uint64_t, sv, ec&) { return ++events; }
  bool on_double(double, sv, ec&) { return ++events; }
  bool on_bool(bool, ec&) { return ++events; }
  bool on_null(ec&) { return ++events; }
  bool on_comment_part(sv, ec&) { return true; }
  bool on_comment(sv, ec&) { return true; }
};

std::size_t boost_json_sax(const corpus& c) {
  boost::json::basic_parser<null_handler> p{boost::json::parse_options{}};
  std::size_t ok = 0;
  for (auto line : c.lines) {
    p.reset();
    boost::system::error_code ec;
    p.write_some(false, line.data(), line.size(), ec);
    ok += !ec;
  }
  return ok;
}

// The usual way to use Boost.JSON: a reused parser building a DOM in a reused arena.
std::size_t boost_json_dom(const corpus& c) {
  boost::json::parser p;
  unsigned char arena[16384];
  std::size_t ok = 0;
  for (auto line : c.lines) {
    boost::json::monotonic_resource mr(arena, sizeof arena);
    p.reset(&mr);
    boost::system::error_code ec;
    p.write(line.data(), line.size(), ec);
    if (!ec) {
      boost::json::value v = p.release();
      ok += v.is_object();
    }
  }
  return ok;
}

// --- replayer's steps ---------------------------------------------------------------------

std::size_t flat_parse(const corpus& c) {
  json_flat_parser p;
  std::size_t ok = 0;
  for (auto line : c.lines) ok += !p.parse(line);
  return ok;
}

std::size_t decode_records(const corpus& c) {
  record_decoder decoder;
  record r;
  std::size_t ticks = 0;
  for (auto line : c.lines)
    if (auto t = decoder.decode(line, r); t && *t == record_type::tick) ++ticks;
  return ticks;
}

// What `replayer replay --json` does per file, minus printing: read the games (split lines,
// decode, group), run the phase machine and the game facts, and format each game's line.
std::size_t replay_file(const std::string& name, line_source& lines) {
  recording_reader reader(name, lines);
  std::size_t ticks = 0, text = 0;
  while (auto g = reader.next_game()) {
    const game_facts facts = analyse(*g);
    ticks += facts.ticks;
    text += app::game_json_line(*g, facts).size();
  }
  return ticks + (text == 0);  // keeps the formatting from being optimised away
}

std::size_t replay_memory(const corpus& c) {
  std::size_t ticks = 0;
  for (std::size_t i = 0; i < c.contents.size(); ++i) {
    memory_lines lines(c.contents[i]);
    ticks += replay_file(c.paths[i].string(), lines);
  }
  return ticks;
}

std::size_t replay_files(const corpus& c) {
  std::size_t ticks = 0;
  for (const auto& p : c.paths) {
    auto lines = file_lines::open(p);
    if (lines) ticks += replay_file(p.string(), *lines);
  }
  return ticks;
}

// --- start-up -----------------------------------------------------------------------------

// Milliseconds from fork/exec to exit of `args` (the program looked up in PATH unless it has a
// slash), output to /dev/null; nullopt when it cannot be started or does not exit with 0.
std::optional<double> spawn_ms(const std::vector<std::string>& args) {
  const bench::process_figures f = bench::run_process(args);
  if (!f.ok) return std::nullopt;
  return f.seconds * 1e3;
}

// Median milliseconds of `spawns` runs of `args`; `failures` counts the runs that failed.
double median_spawn_ms(const std::vector<std::string>& args, int spawns, int& failures) {
  std::vector<double> times;
  failures = 0;
  for (int i = 0; i < spawns; ++i) {
    auto ms = spawn_ms(args);
    if (!ms) ++failures;
    else times.push_back(*ms);
  }
  return times.empty() ? 0 : median_of(times);
}

// The whole `replayer replay --quiet` of the corpus against bench/python_loader.py over it:
// wall time of each process, taken in turn so that a busy machine slows both alike.
void compare_with_python(const std::string& replayer_bin, const fs::path& dir, const std::string& loader, int runs) {
  std::printf("\nwhole process over the corpus, wall time, median of %d runs each, taken in turn\n", runs);
  const std::vector<std::string> replay = {replayer_bin, "replay", "--quiet", dir.string()};
  const std::vector<std::string> python = {"python3", loader, dir.string()};
  std::vector<double> replay_ms, python_ms;
  for (int i = 0; i < runs; ++i) {
    if (auto ms = spawn_ms(replay)) replay_ms.push_back(*ms);
    if (auto ms = spawn_ms(python)) python_ms.push_back(*ms);
  }
  if (replay_ms.empty()) {
    std::printf("  %s replay failed; nothing to compare\n", replayer_bin.c_str());
    return;
  }
  const double r = median_of(replay_ms);
  std::printf("  %-58s %8.1f ms\n", "replayer replay --quiet <corpus>", r);
  if (python_ms.empty()) {
    std::printf("  python3 %s could not be run (python3 missing?): the Python baseline could not be measured\n",
                loader.c_str());
    return;
  }
  const double p = median_of(python_ms);
  std::printf("  %-58s %8.1f ms\n", "python3 bench/python_loader.py <corpus> (json.loads, Decimal)", p);
  std::printf("  %-58s %8.1fx\n", "replayer is faster by", p / r);
}

std::string source_dir() {
  // REPLAYER_SHARED_DIR is "<source dir>/../shared".
  std::string shared = REPLAYER_SHARED_DIR;
  const std::string suffix = "/../shared";
  if (shared.size() > suffix.size() && shared.compare(shared.size() - suffix.size(), suffix.size(), suffix) == 0)
    return shared.substr(0, shared.size() - suffix.size());
  return ".";
}


}  // namespace

int main(int argc, char** argv) {
  std::string replayer_bin = (fs::canonical("/proc/self/exe").parent_path().parent_path() / "app" / "replayer").string();
  int runs = 7, spawns = 50, loader_runs = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--replayer") replayer_bin = argv[i + 1];
    else if (flag == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
    else if (flag == "--spawns") spawns = std::max(1, std::atoi(argv[i + 1]));
    else if (flag == "--loader-runs") loader_runs = std::max(1, std::atoi(argv[i + 1]));
    else {
      std::fprintf(stderr, "replay_bench: unknown option %s\n", argv[i]);
      return 2;
    }
  }

  const fs::path dir = bench::shared_recordings_dir();
  if (!fs::is_directory(dir)) {
    std::fprintf(stderr, "replay_bench: %s is missing; the shared corpus must be beside the source tree\n",
                 dir.c_str());
    return 1;
  }
  const auto load_start = clock_type::now();
  const corpus c = load(dir);
  const double load_s = seconds_since(load_start);
  std::printf("replay_bench: %zu files, %zu lines, %zu ticks, %.1f MB (read and split in %.0f ms); median of %d runs\n",
              c.paths.size(), c.lines.size(), c.ticks, static_cast<double>(c.bytes) / 1e6, load_s * 1e3, runs);

  std::vector<task> tasks = {
      {"Boost.JSON SAX parse, no-op handler", [&] { return boost_json_sax(c); }, {}},
      {"Boost.JSON DOM parse (boost::json::parser)", [&] { return boost_json_dom(c); }, {}},
      {"parse: json_flat_parser", [&] { return flat_parse(c); }, {}},
      {"parse: record_decoder (flat parse + fields)", [&] { return decode_records(c); }, {}},
      {"replay in memory: parse+phases+game view", [&] { return replay_memory(c); }, {}},
      {"replay from files: parse+phases+game view", [&] { return replay_files(c); }, {}},
  };
  measure(tasks, runs);
  const double sax = tasks[0].median(), dom = tasks[1].median();

  std::printf("\nthroughput, one core, CPU time (speed as a share of the bare Boost.JSON parses of the same lines)\n");
  std::printf("  %-44s %9s %15s %12s %7s %7s\n", "step", "time", "ticks", "bytes", "vs SAX", "vs DOM");
  for (const auto& t : tasks) {
    const double seconds = t.median();
    std::printf("  %-44s %6.1f ms %9.2f M/s %7.0f MB/s %6.0f%% %6.0f%%\n", t.name, seconds * 1e3,
                static_cast<double>(c.ticks) / seconds / 1e6, static_cast<double>(c.bytes) / seconds / 1e6,
                100.0 * sax / seconds, 100.0 * dom / seconds);
  }
  if (tasks[4].result != c.ticks || tasks[5].result != c.ticks)
    std::printf("  note: the replays counted %zu and %zu ticks, the corpus has %zu\n", tasks[4].result,
                tasks[5].result, c.ticks);

  // Start-up: fork/exec to exit, as a shell would run it.
  const std::string small = source_dir() + "/tests/data/game_20251030_172148_95c3468b.jsonl";
  std::printf("\nstart-up (%s, median of %d spawns, fork/exec to exit)\n", replayer_bin.c_str(), spawns);
  if (::access(replayer_bin.c_str(), X_OK) != 0) {
    std::printf("  skipped: %s is not an executable (pass --replayer PATH)\n", replayer_bin.c_str());
    return 0;
  }
  int failures = 0;
  const double version_ms = median_spawn_ms({replayer_bin, "--version"}, spawns, failures);
  std::printf("  %-58s %6.2f ms%s\n", "replayer --version", version_ms, failures ? "  (some runs failed)" : "");
  if (fs::exists(small)) {
    const double replay_ms = median_spawn_ms({replayer_bin, "replay", small, "--quiet"}, spawns, failures);
    std::printf("  %-58s %6.2f ms%s\n", "replayer replay tests/data/<6-tick recording> --quiet", replay_ms,
                failures ? "  (some runs failed)" : "");
  }
  const double corpus_ms = median_spawn_ms({replayer_bin, "replay", dir.string(), "--quiet"}, std::max(1, spawns / 10),
                                           failures);
  std::printf("  %-58s %6.2f ms%s\n", "replayer replay <whole corpus> --quiet (end to end)", corpus_ms,
              failures ? "  (some runs failed)" : "");

  compare_with_python(replayer_bin, dir, source_dir() + "/bench/python_loader.py", loader_runs);
  return 0;
}
