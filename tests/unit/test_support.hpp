// Helpers shared by the unit tests: hand-built ticks and orders, the built-in strategies by name,
// and the recording files of a folder (the shared corpus, tests/data) read as the CLI reads them.
#pragma once

#include "core/decimal.hpp"
#include "core/game.hpp"
#include "core/line_source.hpp"
#include "core/phase.hpp"
#include "core/price.hpp"
#include "core/recording_reader.hpp"
#include "core/tick.hpp"
#include "core/trading/builtin_strategies.hpp"
#include "core/trading/account.hpp"
#include "core/trading/order.hpp"
#include "core/trading/paper_executor.hpp"
#include "core/trading/rule_strategy.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace test_support {

// ---- ticks ---------------------------------------------------------------------------------------

// A tick with every field the tests look at given; the rest left at their defaults.
inline replayer::tick make_tick(replayer::phase p, std::int64_t index, std::string_view price_text, bool rugged,
                                bool active) {
  replayer::tick t;
  t.index = index;
  t.price = *replayer::price::parse(price_text);
  t.phase = p;
  t.active = active;
  t.rugged = rugged;
  return t;
}

// Whether the recorder marks a tick of this phase active: in play and during the rug events.
inline bool recorded_active(replayer::phase p) {
  return replayer::is_in_play(p) || p == replayer::phase::rug_event_1 || p == replayer::phase::rug_event_2;
}

// A tick as the recorder writes it: in play phases and the rug events are active, the others not.
inline replayer::tick make_tick(replayer::phase p, std::int64_t index, std::string_view price_text,
                                bool rugged = false) {
  return make_tick(p, index, price_text, rugged, recorded_active(p));
}

// The same, in the game `game_id`.
inline replayer::tick make_tick(std::string_view game_id, replayer::phase p, std::int64_t index,
                                std::string_view price_text, bool rugged = false) {
  replayer::tick t = make_tick(p, index, price_text, rugged);
  t.game_id = *replayer::inline_text<replayer::tick::max_game_id>::from(game_id);
  return t;
}

inline replayer::tick presale(std::string_view price_text = "1.0") {
  return make_tick(replayer::phase::presale, 0, price_text);
}
inline replayer::tick active(std::int64_t index, std::string_view price_text) {
  return make_tick(replayer::phase::active_gameplay, index, price_text);
}
inline replayer::tick rug(std::int64_t index, std::string_view price_text) {
  return make_tick(replayer::phase::active_gameplay, index, price_text, true);
}

// ---- amounts and orders --------------------------------------------------------------------------

inline replayer::decimal dec(std::string_view text) { return replayer::decimal_literal(text); }
inline replayer::order buy(std::string_view sol) { return {replayer::action::buy, dec(sol)}; }
inline replayer::order sell(std::string_view fraction) { return {replayer::action::sell, dec(fraction)}; }
inline replayer::order sidebet(std::string_view sol) { return {replayer::action::sidebet, dec(sol)}; }

// Fills `o` on `t` as the paper executor would and applies the fill to the wallet; the order
// must be one the rules allow.
inline void paper_trade(replayer::account& wallet, const replayer::order& o, const replayer::tick& t,
                        std::vector<replayer::trade_event>& log) {
  const auto report = replayer::paper_execute({1, o, t.index}, t, wallet);
  const auto* f = std::get_if<replayer::fill>(&report);
  if (!f) throw std::logic_error("paper_trade: the rules refused the order");
  if (auto why = wallet.apply({1, o, t.index}, *f, log)) throw std::logic_error(std::string(*why));
}

// ---- strategies ----------------------------------------------------------------------------------

inline replayer::rule_strategy builtin(std::string_view name) {
  for (const auto& b : replayer::builtin_strategies())
    if (b.name == name) return *replayer::rule_strategy::parse(b.json, b.name);
  throw std::runtime_error("no built-in strategy " + std::string(name));
}

// ---- recordings ----------------------------------------------------------------------------------

// The shared corpus: REPLAYER_SHARED_DIR/data/recordings (../shared beside the source tree).
inline std::filesystem::path shared_recordings_dir() {
  return std::filesystem::path(REPLAYER_SHARED_DIR) / "data" / "recordings";
}

// The *.jsonl files of `dir` (and its sub-folders when `recursive`), in name order; none when
// `dir` cannot be read.
inline std::vector<std::filesystem::path> jsonl_files(const std::filesystem::path& dir, bool recursive = false) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  if (recursive) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec))
      if (entry.path().extension() == ".jsonl") files.push_back(entry.path());
  } else {
    for (const auto& entry : std::filesystem::directory_iterator(dir))
      if (entry.path().extension() == ".jsonl") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The files of the shared corpus, in name order; nothing, with a warning, when the corpus is not
// there (the caller's test case then returns: it is skipped).
inline std::optional<std::vector<std::filesystem::path>> shared_recording_files() {
  const std::filesystem::path dir = shared_recordings_dir();
  if (!std::filesystem::is_directory(dir)) {
    BOOST_WARN_MESSAGE(false, "skipped: " << dir << " is missing (the shared corpus is not beside the source tree)");
    return std::nullopt;
  }
  return jsonl_files(dir);
}

// The shared corpus's corrupt lines per file (67 in all), as the decoder and the reader refuse them.
inline const std::map<std::string, std::size_t>& shared_corpus_bad_lines_per_file() {
  static const std::map<std::string, std::size_t> expected = {{"game_20251031_150556.jsonl", 52},
                                                              {"game_20251031_152108.jsonl", 13},
                                                              {"game_20251102_184909.jsonl", 1},
                                                              {"game_20251102_202224.jsonl", 1}};
  return expected;
}

// Every game of the files, in order, read as the CLI reads them; files that cannot be opened are
// passed over.
inline std::vector<replayer::game> read_games(const std::vector<std::filesystem::path>& files) {
  std::vector<replayer::game> out;
  for (const auto& f : files) {
    auto lines = replayer::file_lines::open(f);
    if (!lines) continue;
    replayer::recording_reader reader(f.string(), *lines);
    while (auto g = reader.next_game()) out.push_back(std::move(*g));
  }
  return out;
}

// Every game of tests/data, read once as the CLI reads them (files in name order).
inline const std::vector<replayer::game>& test_data_games() {
  static const std::vector<replayer::game> games = read_games(jsonl_files(REPLAYER_TEST_DATA));
  return games;
}

}  // namespace test_support
