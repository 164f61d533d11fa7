// Provably fair: seedrandom, the price model, the verifier, the game simulator, recordings
// against their seeds, and the verify / simulate / check --verify commands. The 10 real games of
// the shared feed capture are the test vectors.
#include "app/command.hpp"
#include "app/recording_paths.hpp"
#include "core/fair/game_simulator.hpp"
#include "core/fair/price_path.hpp"
#include "core/fair/python_float.hpp"
#include "core/fair/recording_check.hpp"
#include "core/fair/revealed_game.hpp"
#include "core/fair/seedrandom.hpp"
#include "core/fair/sha256.hpp"
#include "core/fair/verifier.hpp"
#include "core/json_value.hpp"
#include "core/line_source.hpp"
#include "core/record.hpp"
#include "core/recording_reader.hpp"
#include "temp_dir.hpp"

#include <CLI/CLI.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace fs = std::filesystem;
using namespace replayer;

namespace {

using test_support::read_text;
using test_support::temp_dir;

const std::string feed_file = REPLAYER_SHARED_DIR "/data/feed/gamestate_samples.jsonl";

void write_all(const fs::path& p, std::string_view text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

// The distinct revealed games of the feed capture, in order of first appearance.
std::vector<revealed_game> real_games() {
  const std::string content = read_text(feed_file);
  BOOST_REQUIRE(!content.empty());
  revealed_game_reader reader;
  std::vector<revealed_game> all, distinct;
  memory_lines lines(content, content.size());
  while (auto line = lines.next()) {
    if (line->text.empty()) continue;
    BOOST_REQUIRE(reader.read(line->text, all).has_value());
  }
  for (auto& g : all) {
    bool seen = false;
    for (const auto& d : distinct) seen = seen || d.id == g.id;
    if (!seen) distinct.push_back(std::move(g));
  }
  return distinct;
}

// A game object line {id, serverSeed, serverSeedHash, version, prices} with the exact price texts.
std::string game_json(const revealed_game& g) {
  std::string out = "{\"id\": ";
  write_python_json_string(out, g.id);
  out += ", \"serverSeed\": ";
  write_python_json_string(out, g.server_seed);
  out += ", \"serverSeedHash\": ";
  write_python_json_string(out, g.server_seed_hash);
  out += ", \"version\": ";
  write_python_json_string(out, g.version);
  out += ", \"prices\": [";
  for (std::size_t i = 0; i < g.prices.size(); ++i) {
    if (i) out += ", ";
    out += g.price_text(i);
  }
  out += "]}";
  return out;
}

revealed_game read_one(std::string_view json) {
  revealed_game_reader reader;
  std::vector<revealed_game> games;
  auto n = reader.read(json, games);
  BOOST_REQUIRE(n.has_value());
  BOOST_REQUIRE_EQUAL(*n, 1u);
  return games.front();
}

// Verifies `g`, which must fail on exactly one problem, of the kind named; returns that problem.
fair_problem the_one_problem(const revealed_game& g, std::string_view kind) {
  const auto v = game_verifier{}.verify(g);
  BOOST_REQUIRE_EQUAL(v.problems.size(), 1u);
  BOOST_TEST(fair_problem_name(v.problems[0].kind) == kind);
  return v.problems[0];
}

struct command_result {
  int exit = -1;
  std::string out, err;
};

command_result run(std::vector<std::string> args) {
  CLI::App root{"test", "replayer"};
  root.set_version_flag("--version", "replayer test");  // as the real root: a sub's --version must still work
  root.require_subcommand(1);
  app::command_main selected;
  app::add_verify_command(root, selected);
  app::add_simulate_command(root, selected);
  app::add_check_command(root, selected);
  std::vector<const char*> argv{"replayer"};
  for (const auto& a : args) argv.push_back(a.c_str());
  root.parse(static_cast<int>(argv.size()), argv.data());
  std::ostringstream out, err;
  const app::command_io io{out, err};
  command_result r;
  r.exit = selected(io);
  r.out = out.str();
  r.err = err.str();
  return r;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The one game of a recording text, as `replayer check` reads it.
game read_recorded_game(const std::string& recording) {
  memory_lines lines(recording);
  recording_reader reader("sim.jsonl", lines);
  auto g = reader.next_game();
  BOOST_REQUIRE(g.has_value());
  BOOST_REQUIRE_EQUAL(reader.bad_lines(), 0u);
  return std::move(*g);
}

// The first simulated game of `seed` whose path has at least `min_path` prices: the game, its
// recording and its revealed game object.
struct simulated_case {
  simulation_settings settings;
  simulated_game sim;
  std::string recording;
  revealed_game revealed;
};

simulated_case simulate_one(const std::string& seed, std::size_t min_path, fair_version version = fair_version::v3) {
  simulated_case c;
  c.settings.seed = seed;
  c.settings.version = version;
  game_simulator simulator(c.settings);
  do simulator.next(c.sim);
  while (c.sim.path.size() < min_path);
  BOOST_REQUIRE(simulator.append_recording(c.recording, c.sim));
  std::string line;
  game_simulator::append_revealed(line, c.sim);
  line.pop_back();
  c.revealed = read_one(line);
  return c;
}

// The recording of `c` with path[k] replaced by `price`.
std::string recording_with_price(const simulated_case& c, std::size_t k, double price) {
  simulated_game changed = c.sim;
  changed.path[k] = price;
  std::string out;
  BOOST_REQUIRE(game_simulator(c.settings).append_recording(out, changed));
  return out;
}

// The recording text with `extra` (", \"key\": value") added to its last line (game_end).
std::string with_end_fields(std::string recording, std::string_view extra) {
  BOOST_REQUIRE(recording.size() > 2 && recording.back() == '\n');
  recording.insert(recording.size() - 2, extra);
  return recording;
}

std::string last_line(const std::string& text) {
  const auto lines = lines_of(text);
  return lines.empty() ? std::string() : lines.back();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fair)

// Expected values printed by Node 20 with the npm package seedrandom 3.0.5.
BOOST_AUTO_TEST_CASE(seedrandom_gives_the_npm_package_doubles) {
  const std::vector<std::pair<std::string, std::vector<double>>> cases = {
      {"hello.", {0.9282578795792454, 0.3752569768646784, 0.7316977468919549, 0.23707962084956113, 0.06057665448709666}},
      {"", {0.23144008215179881, 0.27404636548159655, 0.7901279251811976, 0.40384160557189036, 0.1321140086237582}},
      {"a", {0.43449421599986604, 0.5451403460013228, 0.3578386258898537, 0.5680674010372789, 0.5891631034580515}},
      {"e2896666bec952ac4dbc65d73e1d08dcd5da597137dcf6255f23cd67db9dcd7c-20251207-1e01ac417e8043ca",
       {0.8006802211618718, 0.8648875065549767, 0.8044999280389851, 0.3364765564939138, 0.10295582353010399}},
      // Longer than 256 code units: the key mixing "smears".
      {std::string(300, 'x'),
       {0.952495823023581, 0.9378530102966817, 0.8504259399717166, 0.770464949052704, 0.09534641099461263}},
      // Non-ASCII: the UTF-16 code units count, a surrogate pair for U+1F600.
      {"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80 seed",
       {0.4370273606576302, 0.7151289613110691, 0.9959324429775588, 0.1305241924521047, 0.7079189051812428}},
      {"\xC3\xBF\xC4\x80", {0.34292222974574166, 0.03072551850317188, 0.6837565361447008, 0.6687063514370809, 0.690898079324387}},
  };
  std::string long_abc;
  for (int i = 0; i < 200; ++i) long_abc += "abc";
  long_abc += "Z";
  seedrandom abc(long_abc);
  for (double expected : {0.7217401715036285, 0.05112609290799263, 0.1059365972772969, 0.8040478533459969, 0.32507764061623806})
    BOOST_TEST(same_bits(abc.next(), expected));
  for (const auto& [seed, expected] : cases) {
    seedrandom rng(seed);
    for (double e : expected) {
      const double got = rng.next();
      BOOST_TEST(same_bits(got, e), "seed '" << seed << "': got " << python_float(got) << ", expected " << python_float(e));
    }
  }
}

BOOST_AUTO_TEST_CASE(seedrandom_of_parts_is_seedrandom_of_the_joined_string) {
  seedrandom whole("abc-def");
  seedrandom parts({"abc", "-", "def"});
  for (int i = 0; i < 100; ++i) BOOST_TEST(same_bits(whole.next(), parts.next()));
}

BOOST_AUTO_TEST_CASE(sha256_hex_is_lowercase_hex) {
  BOOST_TEST(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(sha256_hex("e2896666bec952ac4dbc65d73e1d08dcd5da597137dcf6255f23cd67db9dcd7c") ==
             "620f7079cc785925512f5ec4ad3b412a804e68771ed12384509066ce5c635d4c");
}

BOOST_AUTO_TEST_CASE(python_float_is_python_repr) {
  // Expected texts printed by Python 3's repr().
  const std::vector<std::pair<double, std::string>> cases = {
      {1.0, "1.0"}, {1e-05, "1e-05"}, {0.0001, "0.0001"}, {1e16, "1e+16"}, {1e15, "1000000000000000.0"},
      {123456789012345678.0, "1.2345678901234568e+17"}, {0.020000000000000018, "0.020000000000000018"},
      {37.168023096688245, "37.168023096688245"}, {-0.0, "-0.0"}, {0.0, "0.0"}, {1.5e-7, "1.5e-07"},
      {1e22, "1e+22"}, {5e-324, "5e-324"}, {1.7976931348623157e+308, "1.7976931348623157e+308"}, {0.1, "0.1"},
      {100.0, "100.0"}, {1234.5, "1234.5"}, {9999999999999998.0, "9999999999999998.0"},
      {0.00012345, "0.00012345"}, {2.5e-05, "2.5e-05"}, {-2.5, "-2.5"},
  };
  for (const auto& [value, text] : cases) BOOST_TEST(python_float(value) == text);
}

BOOST_AUTO_TEST_CASE(versions_parse_by_name) {
  BOOST_TEST((parse_fair_version("v1") == fair_version::v1));
  BOOST_TEST((parse_fair_version("v3") == fair_version::v3));
  BOOST_TEST(!parse_fair_version("V3"));
  BOOST_TEST(!parse_fair_version("v4"));
  BOOST_TEST(fair_version_name(fair_version::v2) == "v2");
}

BOOST_AUTO_TEST_CASE(the_ten_real_games_verify_bit_exact) {
  const auto games = real_games();
  BOOST_REQUIRE_EQUAL(games.size(), 10u);
  game_verifier verifier;
  std::size_t ticks = 0;
  for (const auto& g : games) {
    const auto v = verifier.verify(g);
    BOOST_TEST(v.verified(), g.id << ": " << (v.problems.empty() ? "" : v.problems.front().message));
    BOOST_TEST(v.path_length == g.prices.size() - 1);
    BOOST_REQUIRE(g.peak_multiplier);
    BOOST_TEST(same_bits(v.peak, *g.peak_multiplier));
    const auto path = expected_price_path(g.id, g.server_seed, *parse_fair_version(g.version));
    BOOST_REQUIRE_EQUAL(path.size(), g.prices.size() - 1);
    for (std::size_t k = 0; k < path.size(); ++k) BOOST_TEST(same_bits(path[k], g.prices[k]), g.id << " tick " << k);
    ticks += path.size();
  }
  BOOST_TEST(ticks == 2316u);
}

BOOST_AUTO_TEST_CASE(a_price_changed_in_its_last_digit_fails_at_that_tick) {
  const auto games = real_games();
  const revealed_game& original = games.front();
  std::string json = game_json(original);
  const std::string text(original.price_text(5));
  std::string changed = text;
  changed.back() = changed.back() == '9' ? '8' : static_cast<char>(changed.back() + 1);
  const auto at = json.find(", " + text + ",");
  BOOST_REQUIRE(at != std::string::npos);
  json.replace(at + 2, text.size(), changed);

  const auto p = the_one_problem(read_one(json), "price_mismatch");
  BOOST_TEST(p.tick == 5u);
  BOOST_TEST(p.expected == text);
  BOOST_TEST(p.recorded == changed);
  BOOST_TEST(p.message == "price at tick 5 differs: the seed gives " + text + ", the game has " + changed);
}

BOOST_AUTO_TEST_CASE(a_wrong_hash_fails_as_a_hash_mismatch) {
  auto g = real_games().front();
  const std::string good = g.server_seed_hash;
  g.server_seed_hash[10] = g.server_seed_hash[10] == 'a' ? 'b' : 'a';
  const auto p = the_one_problem(g, "hash_mismatch");
  BOOST_TEST(p.expected == good);
  BOOST_TEST(p.message == "serverSeedHash " + g.server_seed_hash + " is not the SHA-256 of serverSeed (" + good + ")");
}

BOOST_AUTO_TEST_CASE(a_wrong_version_fails) {
  auto g = real_games().front();
  g.version = "v9";
  BOOST_TEST(the_one_problem(g, "unknown_version").message == "unknown version \"v9\" (known: v1, v2, v3)");

  g.version.clear();
  the_one_problem(g, "unknown_version");

  // v2 draws no god-candle number, so from tick 1 on its draws are out of step with v3's.
  g.version = "v2";
  BOOST_TEST(the_one_problem(g, "price_mismatch").tick == 1u);
}

BOOST_AUTO_TEST_CASE(a_missing_or_extra_tick_fails_as_wrong_length) {
  const auto games = real_games();
  revealed_game shorter;
  const revealed_game& g = games[1];
  shorter = g;
  shorter.prices.clear();
  shorter.price_texts.clear();
  shorter.price_text_ends.clear();
  for (std::size_t i = 0; i < g.prices.size(); ++i)
    if (i != g.prices.size() - 2) shorter.add_price(g.prices[i], g.price_text(i));
  const auto missing = the_one_problem(shorter, "wrong_length");
  BOOST_TEST(missing.expected_count == g.prices.size());
  BOOST_TEST(missing.recorded_count == g.prices.size() - 1);
  BOOST_TEST(missing.message == "the seed's game rugs at tick " + std::to_string(g.prices.size() - 1) + ", so " +
                                          std::to_string(g.prices.size()) +
                                          " prices (path and rug price) are expected; the game has " +
                                          std::to_string(g.prices.size() - 1));

  revealed_game longer = g;
  longer.add_price(0.01, "0.01");
  const auto extra = the_one_problem(longer, "wrong_length");  // the seed's game is over before
  BOOST_TEST(extra.expected_count == g.prices.size());
  BOOST_TEST(extra.recorded_count == g.prices.size() + 1);
}

BOOST_AUTO_TEST_CASE(a_wrong_peak_or_a_missing_seed_fails) {
  auto g = real_games().front();
  g.peak_multiplier = 1.5;
  g.peak_text = "1.5";
  BOOST_TEST(the_one_problem(g, "peak_mismatch").message ==
             "peakMultiplier 1.5 is not the path's peak 1.223525528686852");

  g.server_seed.clear();
  the_one_problem(g, "not_revealed");
}

BOOST_AUTO_TEST_CASE(the_reader_accepts_events_payloads_game_objects_and_arrays) {
  const auto g = real_games().front();
  const std::string game = game_json(g);
  std::string history_entry = "{\"id\": \"" + g.id + "\", \"prices\": [1, 0.5, 0.01], \"provablyFair\": {\"serverSeed\": \"" +
                              g.server_seed + "\", \"serverSeedHash\": \"" + g.server_seed_hash + "\"}, \"gameVersion\": \"v3\"}";
  revealed_game_reader reader;
  std::vector<revealed_game> out;

  auto count = [&](const std::string& json) {
    out.clear();
    auto n = reader.read(json, out);
    BOOST_REQUIRE_MESSAGE(n.has_value(), json);
    return *n;
  };
  BOOST_TEST(count(game) == 1u);
  BOOST_TEST(out[0].version == "v3");
  BOOST_TEST(count("{\"timestamp\": \"x\", \"event_type\": \"gameStateUpdate\", \"data\": {\"gameHistory\": [" +
                   history_entry + ", " + history_entry + "]}}") == 2u);
  BOOST_TEST(out[0].server_seed == g.server_seed);
  BOOST_TEST(out[0].version == "v3");
  BOOST_TEST(out[0].prices.size() == 3u);
  BOOST_TEST(out[0].price_text(0) == "1");
  BOOST_TEST(count("{\"event\": \"gameStateUpdate\", \"data\": {\"gameHistory\": [" + history_entry + "]}}") == 1u);
  BOOST_TEST(count("{\"event\": \"gameStateUpdate\", \"data\": [{\"__trace\": true}, {\"gameHistory\": [" +
                   history_entry + "]}]}") == 1u);
  BOOST_TEST(count("{\"gameHistory\": [" + history_entry + "]}") == 1u);
  BOOST_TEST(count("[" + game + ", " + game + "]") == 2u);
  // The current game of a gameStateUpdate (no serverSeed yet) is not a revealed game.
  BOOST_TEST(count("{\"event_type\": \"gameStateUpdate\", \"data\": {\"gameId\": \"x\", \"prices\": [1], "
                   "\"provablyFair\": {\"serverSeedHash\": \"ab\", \"version\": \"v3\"}}}") == 0u);
  BOOST_TEST(count("{\"type\": \"tick\", \"price\": 1.0}") == 0u);

  out.clear();
  BOOST_TEST(!reader.read("{\"id\": ", out).has_value());
  BOOST_TEST(!reader.read("{\"a\": 1} {\"b\": 2}", out).has_value());
  BOOST_TEST(reader.read("{\"id\": \"x\", \"serverSeed\": \"s\", \"prices\": [1, \"2\"]}", out).has_value());
  BOOST_REQUIRE_EQUAL(out.size(), 1u);
  BOOST_TEST(out[0].problem == "prices[1] is a string, expected a number");
  BOOST_TEST(fair_problem_name(game_verifier{}.verify(out[0]).problems.at(0).kind) == "malformed");
}

BOOST_AUTO_TEST_CASE(simulated_games_verify_and_decode_as_recordings) {
  for (auto version : {fair_version::v1, fair_version::v2, fair_version::v3}) {
    simulation_settings settings;
    settings.seed = "unit";
    settings.version = version;
    game_simulator sim(settings);
    simulated_game game;
    revealed_game_reader reader;
    game_verifier verifier;
    record_decoder decoder;
    record rec;
    for (int n = 0; n < 200; ++n) {
      sim.next(game);
      BOOST_TEST(game.id.size() == 25u);
      BOOST_TEST(game.id[8] == '-');
      BOOST_TEST(game.rug_price <= 0.02);
      BOOST_TEST(game.rug_price > 0);
      std::string revealed;
      game_simulator::append_revealed(revealed, game);
      std::vector<revealed_game> found;
      BOOST_REQUIRE(reader.read(std::string_view(revealed).substr(0, revealed.size() - 1), found).has_value());
      BOOST_REQUIRE_EQUAL(found.size(), 1u);
      const auto v = verifier.verify(found[0]);
      BOOST_TEST(v.verified(), (v.problems.empty() ? "" : v.problems[0].message));

      std::string recording;
      BOOST_REQUIRE(sim.append_recording(recording, game));
      const auto lines = lines_of(recording);
      BOOST_REQUIRE_EQUAL(lines.size(), 2 + 20 + game.path.size() + 2);
      BOOST_REQUIRE(decoder.decode(lines.front(), rec).has_value());
      BOOST_TEST((rec.type == record_type::game_start));
      BOOST_TEST(rec.game_id() == game.id);
      for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
        auto r = decoder.decode(lines[i], rec);
        BOOST_REQUIRE_MESSAGE(r.has_value(), lines[i]);
        BOOST_REQUIRE((rec.type == record_type::tick));
        // Decode then encode gives back the same bytes.
        std::string again;
        encode_tick(again, rec.tick);
        BOOST_TEST(again == lines[i]);
        const std::size_t k = i - 1;
        if (k < 10) BOOST_TEST(phase_name(rec.tick.phase) == "UNKNOWN");
        else if (k < 20) BOOST_TEST(phase_name(rec.tick.phase) == "PRESALE");
        else if (k < 20 + game.path.size()) {
          BOOST_TEST(same_bits(rec.tick.price.approx(), game.path[k - 20]));
          BOOST_TEST(rec.tick.index == static_cast<std::int64_t>(k - 20));
          BOOST_TEST(rec.tick.active);
          BOOST_TEST(!rec.tick.rugged);
        } else {
          BOOST_TEST(rec.tick.rugged);
          BOOST_TEST(same_bits(rec.tick.price.approx(), game.rug_price));
        }
      }
      BOOST_REQUIRE(decoder.decode(lines.back(), rec).has_value());
      BOOST_TEST((rec.type == record_type::game_end));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_simulated_game_has_the_recording_layout) {
  simulation_settings settings;
  settings.seed = "layout";
  game_simulator sim(settings);
  simulated_game game;
  sim.next(game);
  std::string recording;
  BOOST_REQUIRE(sim.append_recording(recording, game));
  const auto lines = lines_of(recording);
  BOOST_TEST(lines[0] == "{\"type\": \"game_start\", \"timestamp\": \"2025-01-01T00:00:00.000000\", \"game_id\": \"" +
                             game.id + "\"}");
  BOOST_TEST(lines[1] == "{\"type\": \"tick\", \"timestamp\": \"2025-01-01T00:00:00.000000\", \"game_id\": \"" + game.id +
                             "\", \"tick\": 0, \"price\": 1.0, \"phase\": \"UNKNOWN\", \"active\": false, \"rugged\": "
                             "false, \"cooldown_timer\": 15000, \"trade_count\": 0}");
  BOOST_TEST(lines[10].find("\"cooldown_timer\": 10100") != std::string::npos);
  BOOST_TEST(lines[11].find("\"phase\": \"PRESALE\"") != std::string::npos);
  BOOST_TEST(lines[11].find("\"cooldown_timer\": 10000") != std::string::npos);
  BOOST_TEST(lines[20].find("\"cooldown_timer\": 100,") != std::string::npos);
  BOOST_TEST(lines[21].find("\"timestamp\": \"2025-01-01T00:00:02.000000\"") != std::string::npos);
  BOOST_TEST(lines[21].find("\"phase\": \"GAME_ACTIVATION\", \"active\": true") != std::string::npos);
  const std::string n = std::to_string(game.path.size());
  const std::string rug = python_float(game.rug_price);
  BOOST_TEST(lines[lines.size() - 3].find("\"tick\": " + n + ", \"price\": " + rug +
                                          ", \"phase\": \"ACTIVE_GAMEPLAY\", \"active\": true, \"rugged\": true") !=
             std::string::npos);
  BOOST_TEST(lines[lines.size() - 2].find("\"phase\": \"RUG_EVENT_1\"") != std::string::npos);
  BOOST_TEST(lines.back().find("\"total_ticks\": " + std::to_string(20 + game.path.size() + 2) + ", \"tick_range\": [0, " +
                               std::to_string(game.path.size() + 1) + "]") != std::string::npos);
  BOOST_TEST(lines.back().find("\"final_price\": " + rug + "}") != std::string::npos);
  // The next game starts 250 ms after this one's last line.
  simulated_game second;
  sim.next(second);
  BOOST_TEST((second.start - game.start) ==
             std::chrono::milliseconds(100 * 20 + 250 * static_cast<std::int64_t>(game.path.size() + 2)));
}

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_bytes) {
  auto render = [](const std::string& seed) {
    simulation_settings settings;
    settings.seed = seed;
    game_simulator sim(settings);
    simulated_game game;
    std::string out;
    for (int i = 0; i < 50; ++i) {
      sim.next(game);
      BOOST_REQUIRE(sim.append_recording(out, game));
      game_simulator::append_revealed(out, game);
    }
    return out;
  };
  BOOST_TEST(render("s1") == render("s1"));
  BOOST_TEST(render("s1") != render("s2"));
}

BOOST_AUTO_TEST_CASE(verify_command_accepts_the_feed_capture) {
  auto r = run({"verify", feed_file});
  BOOST_TEST(r.exit == 0, r.err);
  const auto out = lines_of(r.out);
  BOOST_REQUIRE_EQUAL(out.size(), 11u);
  BOOST_TEST(out[0].rfind("verified  20251207-1e01ac417e8043ca  v3  92 price ticks, peak 1.223525528686852", 0) == 0u);
  BOOST_TEST(out.back() == "10 games: 10 verified, 0 failed (2316 price ticks; 0 repeated copies skipped; 1 file)");

  r = run({"verify", "--json", feed_file, feed_file});
  BOOST_TEST(r.exit == 0);
  const auto json = lines_of(r.out);
  BOOST_REQUIRE_EQUAL(json.size(), 11u);
  BOOST_TEST(json[0].rfind("{\"type\": \"game\", \"game_id\": \"20251207-1e01ac417e8043ca\", \"source\": \"" + feed_file +
                               ":2\", \"version\": \"v3\", \"status\": \"verified\", \"price_ticks\": 92",
                           0) == 0u);
  // The file named twice is read once.
  BOOST_TEST(json.back() == "{\"type\": \"summary\", \"games\": 10, \"verified\": 10, \"failed\": 0, \"duplicates\": 0, "
                            "\"price_ticks\": 2316, \"files\": 1}");
}

BOOST_AUTO_TEST_CASE(verify_command_reports_a_tampered_game_and_exits_1) {
  temp_dir dir;
  auto games = real_games();
  std::string jsonl;
  for (std::size_t i = 0; i < games.size(); ++i) {
    std::string line = game_json(games[i]);
    if (i == 3) {  // a different serverSeedHash
      const auto at = line.find(games[i].server_seed_hash);
      line[at] = line[at] == '0' ? '1' : '0';
    }
    jsonl += line + "\n";
  }
  write_all(dir.path / "games.jsonl", jsonl);
  auto r = run({"verify", (dir.path / "games.jsonl").string()});
  BOOST_TEST(r.exit == 1);
  BOOST_TEST(r.out.find("FAILED    " + games[3].id + "  v3  " + (dir.path / "games.jsonl").string() +
                        ":4: serverSeedHash ") != std::string::npos);
  BOOST_TEST(r.out.find("10 games: 9 verified, 1 failed") != std::string::npos);

  r = run({"verify", "--json", (dir.path / "games.jsonl").string()});
  BOOST_TEST(r.exit == 1);
  BOOST_TEST(r.out.find("\"status\": \"failed\", \"price_ticks\": ") != std::string::npos);
  BOOST_TEST(r.out.find("\"problems\": [{\"kind\": \"hash_mismatch\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(verify_command_exits_2_on_unusable_input) {
  temp_dir dir;
  auto r = run({"verify", (dir.path / "missing.jsonl").string()});
  BOOST_TEST(r.exit == 2);
  BOOST_TEST(r.err == "replayer: " + (dir.path / "missing.jsonl").string() +
                          ": no such file or folder; give a feed capture or a JSON / JSONL file of games\n");

  write_all(dir.path / "broken.json", "{\"id\": \"x\", \"prices\": [1,");
  r = run({"verify", (dir.path / "broken.json").string()});
  BOOST_TEST(r.exit == 2);
  BOOST_TEST(r.err.find("the file is not JSON") != std::string::npos);
  BOOST_TEST(r.err.rfind("replayer: ", 0) == 0u);

  write_all(dir.path / "ticks.jsonl", "{\"type\": \"tick\", \"price\": 1.0}\n");
  r = run({"verify", (dir.path / "ticks.jsonl").string()});
  BOOST_TEST(r.exit == 2);
  BOOST_TEST(r.err.find("no revealed games in") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(verify_command_reads_a_pretty_printed_json_file) {
  temp_dir dir;
  const auto g = real_games().front();
  std::string pretty = game_json(g);
  for (std::size_t at = 0; (at = pretty.find(", \"", at)) != std::string::npos; at += 3) pretty.replace(at, 2, ",\n  ");
  pretty.insert(1, "\n  ");
  write_all(dir.path / "game.json", pretty + "\n");
  auto r = run({"verify", (dir.path / "game.json").string()});
  BOOST_TEST(r.exit == 0, r.err);
  BOOST_TEST(r.out.find("1 game: 1 verified") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(simulate_then_verify_round_trips_and_is_deterministic) {
  temp_dir a, b;
  auto r = run({"simulate", "--games", "30", "--seed", "round", "--version", "v2", "--threads", "1", "--out",
                a.path.string()});
  BOOST_TEST(r.exit == 0, r.err);
  BOOST_TEST(r.out.find("simulated 30 games (") != std::string::npos);
  // Another run, with another number of worker threads: the same bytes.
  r = run({"simulate", "--games", "30", "--seed", "round", "--version", "v2", "--threads", "3", "--out",
           b.path.string()});
  BOOST_TEST(r.exit == 0);

  std::map<std::string, std::string> files_a, files_b;
  for (const auto& e : fs::directory_iterator(a.path)) files_a[e.path().filename().string()] = read_text(e.path());
  for (const auto& e : fs::directory_iterator(b.path)) files_b[e.path().filename().string()] = read_text(e.path());
  BOOST_TEST(files_a.size() == 31u);
  BOOST_TEST((files_a == files_b));
  BOOST_TEST(files_a.count("revealed.seeds.jsonl") == 1u);

  r = run({"verify", (a.path / "revealed.seeds.jsonl").string()});
  BOOST_TEST(r.exit == 0, r.err);
  BOOST_TEST(r.out.find("30 games: 30 verified, 0 failed") != std::string::npos);
  BOOST_TEST(r.out.find("  v2  ") != std::string::npos);

  // A folder: the recordings hold no revealed games, revealed.seeds.jsonl does.
  r = run({"verify", a.path.string()});
  BOOST_TEST(r.exit == 0, r.err);
  BOOST_TEST(r.out.find("30 games: 30 verified, 0 failed") != std::string::npos);

  temp_dir c;
  r = run({"simulate", "--games", "25", "--per-file", "10", "--out", c.path.string()});
  BOOST_TEST(r.exit == 0, r.err);
  BOOST_TEST(fs::exists(c.path / "batch_0000001.jsonl"));
  BOOST_TEST(fs::exists(c.path / "batch_0000011.jsonl"));
  BOOST_TEST(fs::exists(c.path / "batch_0000021.jsonl"));
  BOOST_TEST(!fs::exists(c.path / "batch_0000031.jsonl"));
}


BOOST_AUTO_TEST_CASE(a_simulated_recording_matches_its_seed) {
  for (auto version : {fair_version::v1, fair_version::v2, fair_version::v3}) {
    simulation_settings settings;
    settings.seed = "match";
    settings.version = version;
    game_simulator simulator(settings);
    simulated_game sim;
    recording_seed_checker checker;
    for (int n = 0; n < 20; ++n) {
      simulator.next(sim);
      std::string recording, revealed;
      BOOST_REQUIRE(simulator.append_recording(recording, sim));
      game_simulator::append_revealed(revealed, sim);
      revealed.pop_back();
      const auto r = checker.check(read_recorded_game(recording), read_one(revealed));
      BOOST_TEST(r.verified(), sim.id << ": " << (r.problems.empty() ? "" : r.problems.front().message));
      BOOST_TEST(!r.failed());
      BOOST_TEST(r.ticks_compared == sim.path.size());  // every in-play tick, not the rug frames
      BOOST_TEST(r.path_length == sim.path.size());
    }
  }
}

BOOST_AUTO_TEST_CASE(a_tick_price_one_ulp_off_is_reported_with_the_exact_message) {
  const auto c = simulate_one("ulp", 8);
  const double changed = std::nextafter(c.sim.path[5], INFINITY);
  BOOST_REQUIRE(!same_bits(changed, c.sim.path[5]));
  const std::string recorded = python_float(changed), expected = python_float(c.sim.path[5]);
  BOOST_REQUIRE(recorded != expected);

  const auto r = recording_seed_checker{}.check(read_recorded_game(recording_with_price(c, 5, changed)), c.revealed);
  BOOST_TEST(r.failed());
  BOOST_REQUIRE_EQUAL(r.problems.size(), 1u);
  const auto& p = r.problems.front();
  BOOST_TEST(seed_check_kind_name(p.kind) == "price_mismatch");
  BOOST_TEST(p.tick == 5);
  BOOST_TEST(p.recorded == recorded);
  BOOST_TEST(p.expected == expected);
  BOOST_TEST(p.message == "tick 5: recorded " + recorded + ", the seed gives " + expected);
  BOOST_TEST(r.ticks_compared == c.sim.path.size());
}

BOOST_AUTO_TEST_CASE(a_wrong_seed_fails_on_every_tick_after_the_first_and_on_the_hash) {
  const auto c = simulate_one("right", 10);
  const auto other = simulate_one("wrong", 2);
  const game recorded = read_recorded_game(c.recording);

  // Another game's seed with its own hash: the hash commits to that seed, the prices differ
  // from tick 1 on (tick 0 is 1.0 for every seed).
  revealed_game wrong = c.revealed;
  wrong.server_seed = other.revealed.server_seed;
  wrong.server_seed_hash = other.revealed.server_seed_hash;
  recording_seed_checker checker;
  auto r = checker.check(recorded, wrong);
  BOOST_TEST(r.failed());
  BOOST_REQUIRE(!r.problems.empty());
  BOOST_TEST(r.problems.front().tick == 1);
  BOOST_TEST(r.problems.size() + 1 == r.ticks_compared);
  for (const auto& p : r.problems) BOOST_TEST(seed_check_kind_name(p.kind) == "price_mismatch");

  // The wrong seed under the game's own committed hash: a hash mismatch first.
  wrong.server_seed_hash = c.revealed.server_seed_hash;
  r = checker.check(recorded, wrong);
  BOOST_REQUIRE(r.problems.size() >= 2u);
  BOOST_TEST(seed_check_kind_name(r.problems[0].kind) == "hash_mismatch");
  BOOST_TEST(r.problems[0].message == "serverSeedHash " + c.revealed.server_seed_hash +
                                          " is not the SHA-256 of the revealed seed (" +
                                          other.revealed.server_seed_hash + ")");
  BOOST_TEST(seed_check_kind_name(r.problems[1].kind) == "price_mismatch");

  // The right seed under a wrong hash: only the hash.
  revealed_game bad_hash = c.revealed;
  bad_hash.server_seed_hash = other.revealed.server_seed_hash;
  r = checker.check(recorded, bad_hash);
  BOOST_REQUIRE_EQUAL(r.problems.size(), 1u);
  BOOST_TEST(seed_check_kind_name(r.problems[0].kind) == "hash_mismatch");

  // No version: no path to compare with.
  revealed_game no_version = c.revealed;
  no_version.version = "v9";
  r = checker.check(recorded, no_version);
  BOOST_REQUIRE_EQUAL(r.problems.size(), 1u);
  BOOST_TEST(r.failed());
  BOOST_TEST(r.problems[0].message == "unknown version \"v9\" (known: v1, v2, v3); cannot compute its path");
}

BOOST_AUTO_TEST_CASE(a_truncated_seed_cannot_be_verified_and_is_no_failure) {
  const auto c = simulate_one("truncated", 2);
  revealed_game truncated = c.revealed;
  truncated.server_seed.resize(20);
  const auto r = recording_seed_checker{}.check(read_recorded_game(c.recording), truncated);
  BOOST_TEST(r.unverifiable);
  BOOST_TEST(!r.failed());
  BOOST_TEST(!r.verified());
  BOOST_REQUIRE_EQUAL(r.problems.size(), 1u);
  BOOST_TEST(seed_check_kind_name(r.problems[0].kind) == "truncated_seed");
  BOOST_TEST(r.problems[0].message == "revealed seed is truncated (20 hex digits); cannot verify");

  BOOST_TEST(is_truncated_seed("0169a2a1090cb0daca81"));
  BOOST_TEST(!is_truncated_seed(c.revealed.server_seed));  // 64 hex digits
  BOOST_TEST(!is_truncated_seed(""));
  BOOST_TEST(!is_truncated_seed("not hex"));
}

BOOST_AUTO_TEST_CASE(the_tap_keeps_the_seeds_of_game_end_and_game_complete_records) {
  const auto c = simulate_one("tap", 2);
  const std::string recording =
      with_end_fields(c.recording, ", \"server_seed\": \"" + c.revealed.server_seed + "\"") +
      "{\"type\": \"game_complete\", \"timestamp\": \"2025-10-29T17:47:28.405327\", \"game_id\": \"other\", "
      "\"game_number\": 1, \"final_tick\": 262, \"server_seed\": \"0169a2a1090cb0daca81\", \"server_seed_hash\": "
      "\"ab\", \"version\": \"v2\"}\n"
      "{\"type\": \"tick\", \"note\": \"server_seed\"}\n";
  memory_lines lines(recording);
  recorded_seed_tap tap(lines);
  recording_reader reader("tap.jsonl", tap);
  auto g = reader.next_game();
  BOOST_REQUIRE(g.has_value());
  BOOST_REQUIRE_EQUAL(tap.seeds().size(), 1u);  // the game's own game_end is read before the game is handed out
  BOOST_TEST(tap.seeds()[0].game.id == c.sim.id);
  BOOST_TEST(tap.seeds()[0].game.server_seed == c.revealed.server_seed);
  BOOST_TEST(tap.seeds()[0].game.server_seed_hash.empty());
  BOOST_TEST(tap.seeds()[0].game.version == "v3");
  BOOST_TEST(tap.seeds()[0].line == lines_of(c.recording).size());
  BOOST_TEST(recording_seed_checker{}.check(*g, tap.seeds()[0].game).verified());
  while (reader.next_game()) {
  }
  BOOST_REQUIRE_EQUAL(tap.seeds().size(), 2u);
  BOOST_TEST(tap.seeds()[1].game.id == "other");
  BOOST_TEST(tap.seeds()[1].game.server_seed == "0169a2a1090cb0daca81");
  BOOST_TEST(tap.seeds()[1].game.server_seed_hash == "ab");
  BOOST_TEST(tap.seeds()[1].game.version == "v2");
  BOOST_TEST(reader.bad_lines() == 1u);  // the tick line without fields is the reader's to report
}

BOOST_AUTO_TEST_CASE(folders_leave_seeds_files_out_of_the_recordings) {
  temp_dir dir;
  fs::create_directories(dir.path / "sub");
  write_all(dir.path / "game_a.jsonl", "");
  write_all(dir.path / "sub" / "game_b.jsonl", "");
  write_all(dir.path / "revealed.seeds.jsonl", "");
  write_all(dir.path / "sub" / "more.seeds.jsonl", "");
  write_all(dir.path / "notes.json", "");
  const std::string folder = dir.path.string();

  BOOST_TEST(app::is_seeds_file("a/revealed.seeds.jsonl"));
  BOOST_TEST(!app::is_seeds_file("a/seeds.jsonl.bak"));
  BOOST_TEST(!app::is_seeds_file("a/game.jsonl"));

  auto recordings = app::collect_recordings({folder});
  BOOST_REQUIRE(recordings.has_value());
  BOOST_REQUIRE_EQUAL(recordings->size(), 2u);
  BOOST_TEST((*recordings)[0] == dir.path / "game_a.jsonl");
  BOOST_TEST((*recordings)[1] == dir.path / "sub" / "game_b.jsonl");
  // A seeds file named on the command line is taken as given.
  recordings = app::collect_recordings({(dir.path / "revealed.seeds.jsonl").string()});
  BOOST_REQUIRE(recordings.has_value());
  BOOST_TEST(recordings->size() == 1u);

  auto seeds = app::collect_seed_files({folder, (dir.path / "game_a.jsonl").string(), (dir.path / "x.seeds.jsonl").string()});
  BOOST_TEST(!seeds.has_value());  // x.seeds.jsonl does not exist
  write_all(dir.path / "x.seeds.jsonl", "");
  seeds = app::collect_seed_files({folder, (dir.path / "game_a.jsonl").string(), (dir.path / "x.seeds.jsonl").string()});
  BOOST_REQUIRE(seeds.has_value());
  BOOST_REQUIRE_EQUAL(seeds->size(), 3u);  // the folder's three, sorted; the one named again is read once
  BOOST_TEST((*seeds)[0] == dir.path / "revealed.seeds.jsonl");
  BOOST_TEST((*seeds)[1] == dir.path / "sub" / "more.seeds.jsonl");
  BOOST_TEST((*seeds)[2] == dir.path / "x.seeds.jsonl");

  temp_dir only_seeds;
  write_all(only_seeds.path / "revealed.seeds.jsonl", "");
  const auto none = app::collect_recordings({only_seeds.path.string()});
  BOOST_REQUIRE(!none.has_value());
  BOOST_TEST(none.error().message == only_seeds.path.string() +
                                         ": folder has no recordings (*.jsonl files; *.seeds.jsonl files hold revealed "
                                         "seeds, *.raw.jsonl files raw events, *.trades.jsonl files trade logs: not "
                                         "recordings)");
}

BOOST_AUTO_TEST_CASE(check_verify_compares_simulated_recordings_with_their_seeds) {
  temp_dir dir;
  auto r = run({"simulate", "--games", "12", "--seed", "check", "--threads", "1", "--out", dir.path.string()});
  BOOST_REQUIRE(r.exit == 0);

  // Without --verify: the seeds file is no recording, and the output is as it always was.
  r = run({"check", dir.path.string()});
  BOOST_TEST(r.exit == 0, r.out);
  BOOST_TEST(last_line(r.out).rfind("checked 12 files, ", 0) == 0u);
  BOOST_TEST(last_line(r.out).ends_with(" 0 phase anomalies"));

  r = run({"check", "--verify", dir.path.string()});
  BOOST_TEST(r.exit == 0, r.out << r.err);
  BOOST_TEST(lines_of(r.out).size() == 1u);
  BOOST_TEST(last_line(r.out).find(": 0 bad lines in 0 files, 0 phase anomalies, 12 games verified against seeds, 0 failed") !=
             std::string::npos);

  // One price one ULP off in one recording: named with file, game and tick; exit 1.
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir.path))
    if (!app::is_seeds_file(e.path())) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  const fs::path victim = files[3];
  const game original = read_recorded_game(read_text(victim));
  const tick* target = nullptr;
  for (const auto& t : original.ticks)
    if (t.index == 1 && t.phase == phase::active_gameplay && !t.rugged) target = &t;
  BOOST_REQUIRE(target != nullptr);
  const std::string text(target->price.text());
  const std::string changed = python_float(std::nextafter(target->price.approx(), 0.0));
  std::string content = read_text(victim);
  const auto at = content.find("\"tick\": 1, \"price\": " + text + ",");
  BOOST_REQUIRE(at != std::string::npos);
  content.replace(at + std::string("\"tick\": 1, \"price\": ").size(), text.size(), changed);
  write_all(victim, content);

  r = run({"check", "--verify", dir.path.string()});
  BOOST_TEST(r.exit == 1);
  const auto out = lines_of(r.out);
  BOOST_REQUIRE_EQUAL(out.size(), 2u);
  BOOST_TEST(out[0] == victim.string() + ": game " + original.id + ": tick 1: recorded " + changed + ", the seed gives " + text);
  BOOST_TEST(out[1].find(", 11 games verified against seeds, 1 failed") != std::string::npos);

  // Seeds given with --seeds work for files named one by one.
  r = run({"check", "--verify", "--seeds", (dir.path / "revealed.seeds.jsonl").string(), files[0].string(),
           files[1].string()});
  BOOST_TEST(r.exit == 0, r.out << r.err);
  BOOST_TEST(last_line(r.out).find(", 2 games verified against seeds, 0 failed") != std::string::npos);
  // Without seeds, nothing is verified and a note says where seeds are looked for.
  r = run({"check", "--verify", files[0].string()});
  BOOST_TEST(r.exit == 0);
  BOOST_TEST(last_line(r.out).find(", 0 games verified against seeds, 0 failed") != std::string::npos);
  BOOST_TEST(r.err.find("replayer: note: no revealed seed was found") == 0u);
}

BOOST_AUTO_TEST_CASE(check_verify_reads_seeds_from_the_recordings_game_end_lines) {
  temp_dir dir;
  const auto c = simulate_one("own-seed", 3);
  const std::string full = with_end_fields(c.recording, ", \"server_seed\": \"" + c.revealed.server_seed +
                                                            "\", \"server_seed_hash\": \"" +
                                                            c.revealed.server_seed_hash + "\"");
  write_all(dir.path / "full.jsonl", full);
  auto r = run({"check", "--verify", (dir.path / "full.jsonl").string()});
  BOOST_TEST(r.exit == 0, r.out << r.err);
  BOOST_TEST(last_line(r.out).find(", 1 games verified against seeds, 0 failed") != std::string::npos);

  // The original recorder's session file keeps 20 hex digits: reported, not a failure.
  write_all(dir.path / "session.jsonl",
            with_end_fields(c.recording, ", \"server_seed\": \"" + c.revealed.server_seed.substr(0, 20) + "\""));
  r = run({"check", "--verify", (dir.path / "session.jsonl").string()});
  BOOST_TEST(r.exit == 0, r.out << r.err);
  const auto out = lines_of(r.out);
  BOOST_REQUIRE_EQUAL(out.size(), 2u);
  BOOST_TEST(out[0] == (dir.path / "session.jsonl").string() + ": game " + c.sim.id +
                           ": revealed seed is truncated (20 hex digits); cannot verify");
  BOOST_TEST(out[1].find(", 0 games verified against seeds, 0 failed") != std::string::npos);

  // A full seed from a seeds file wins over the truncated copy.
  std::string revealed;
  game_simulator::append_revealed(revealed, c.sim);
  write_all(dir.path / "extra.jsonl", revealed);
  r = run({"check", "--verify", "--seeds", (dir.path / "extra.jsonl").string(), (dir.path / "session.jsonl").string()});
  BOOST_TEST(r.exit == 0, r.out << r.err);
  BOOST_TEST(lines_of(r.out).size() == 1u);
  BOOST_TEST(last_line(r.out).find(", 1 games verified against seeds, 0 failed") != std::string::npos);

  // The recording's seed disagrees with the seeds file: checked against both, each line says
  // which seed it is about.
  const auto other = simulate_one("someone else", 2);
  const fs::path conflict = dir.path / "conflict.jsonl";
  write_all(conflict, with_end_fields(c.recording, ", \"server_seed\": \"" + other.revealed.server_seed + "\""));
  r = run({"check", "--verify", "--seeds", (dir.path / "extra.jsonl").string(), conflict.string()});
  BOOST_TEST(r.exit == 1);
  const auto conflict_lines = lines_of(r.out);
  BOOST_REQUIRE(conflict_lines.size() >= 2u);
  BOOST_TEST(conflict_lines[0].rfind(conflict.string() + ": game " + c.sim.id + ": tick 1: recorded ", 0) == 0u);
  BOOST_TEST(conflict_lines[0].ends_with(" (seed from " + conflict.string() + ":" +
                                         std::to_string(lines_of(c.recording).size()) + ")"));
  BOOST_TEST(conflict_lines.back().ends_with(", 0 games verified against seeds, 1 failed"));

  // A committed hash that does not match the recording's seed fails the game.
  std::string wrong_hash = c.revealed.server_seed_hash;
  wrong_hash[0] = wrong_hash[0] == '0' ? '1' : '0';
  write_all(dir.path / "bad.jsonl", with_end_fields(c.recording, ", \"server_seed\": \"" + c.revealed.server_seed +
                                                                     "\", \"server_seed_hash\": \"" + wrong_hash + "\""));
  r = run({"check", "--verify", (dir.path / "bad.jsonl").string()});
  BOOST_TEST(r.exit == 1);
  BOOST_TEST(r.out.find((dir.path / "bad.jsonl").string() + ": game " + c.sim.id + ": serverSeedHash " + wrong_hash +
                        " is not the SHA-256 of the revealed seed (" + c.revealed.server_seed_hash + ")\n") == 0u);
}

BOOST_AUTO_TEST_CASE(check_seeds_usage_errors_exit_2) {
  temp_dir dir;
  const auto c = simulate_one("usage", 2);
  write_all(dir.path / "game.jsonl", c.recording);
  const std::string game_file = (dir.path / "game.jsonl").string();
  auto r = run({"check", "--seeds", game_file, game_file});
  BOOST_TEST(r.exit == 2);
  BOOST_TEST(r.err == "replayer: --seeds is read only with --verify; add --verify to compare the recordings with the seeds\n");
  BOOST_TEST(r.out.empty());

  r = run({"check", "--verify", "--seeds", (dir.path / "missing.jsonl").string(), game_file});
  BOOST_TEST(r.exit == 2);
  BOOST_TEST(r.err.rfind("replayer: --seeds " + (dir.path / "missing.jsonl").string() + ": no such file", 0) == 0u);

  // A recording holds no revealed games: not a seeds file.
  r = run({"check", "--verify", "--seeds", game_file, game_file});
  BOOST_TEST(r.exit == 2);
  BOOST_TEST(r.err.rfind("replayer: --seeds " + game_file + ": no revealed games in it", 0) == 0u);

  write_all(dir.path / "broken.json", "{\"id\": ");
  r = run({"check", "--verify", "--seeds", (dir.path / "broken.json").string(), game_file});
  BOOST_TEST(r.exit == 2);
  BOOST_TEST(r.err.rfind("replayer: --seeds " + (dir.path / "broken.json").string() + ":1: invalid JSON at column 8", 0) == 0u);
  BOOST_TEST(lines_of(r.err).size() == 1u, r.err);

  // A bad line among good ones is a warning; the good lines count.
  std::string revealed;
  game_simulator::append_revealed(revealed, c.sim);
  write_all(dir.path / "mixed.jsonl", "not json\n" + revealed);
  r = run({"check", "--verify", "--seeds", (dir.path / "mixed.jsonl").string(), game_file});
  BOOST_TEST(r.exit == 0, r.err);
  BOOST_TEST(r.err == "replayer: warning: " + (dir.path / "mixed.jsonl").string() +
                          ":1: invalid JSON at column 1: syntax error; line skipped\n");
  BOOST_TEST(last_line(r.out).ends_with(", 1 games verified against seeds, 0 failed"));

  // The feed capture is a seeds source as `verify` reads it; its games are not these recordings.
  r = run({"check", "--verify", "--seeds", feed_file, game_file});
  BOOST_TEST(r.exit == 0, r.err);
  BOOST_TEST(last_line(r.out).find(", 0 games verified against seeds, 0 failed") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
