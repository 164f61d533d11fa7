// live_ticks: gameStateUpdate payloads to ticks. The real capture (shared/data/feed) goes through
// the converter whole; hand-made payloads cover what it does not show: gaps filled from
// partialPrices, gaps that cannot be filled, duplicates, out-of-order updates, the rug sequence
// and refused payloads.
#include "core/fair/verifier.hpp"
#include "core/json_flat.hpp"
#include "core/live/phase_rules.hpp"
#include "core/live/tick_converter.hpp"
#include "core/timestamp.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

// How Boost.Test prints the enums in a failed check (internal linkage: found by ADL, private to
// this file).
namespace replayer {
[[maybe_unused]] static std::ostream& boost_test_print_type(std::ostream& out, phase p) { return out << phase_name(p); }
namespace live {
[[maybe_unused]] static std::ostream& boost_test_print_type(std::ostream& out, update_kind k) {
  return out << update_kind_name(k);
}
}  // namespace live
}  // namespace replayer

using namespace replayer;
using namespace replayer::live;

namespace {

// ---- the real capture ----------------------------------------------------------------------------

struct capture_event {
  std::string line;  // {"timestamp", "event_type", "data"}: the converter takes the line as it is
  timestamp received{};
  std::string timestamp_text;
  std::string price_text;  // data.price, exactly as written
};

// The gameStateUpdate lines of the capture, in file order; nullopt (with a warning) when the
// shared data is not beside the source tree.
std::optional<std::vector<capture_event>> capture_updates() {
  const auto file = std::filesystem::path(REPLAYER_SHARED_DIR) / "data" / "feed" / "gamestate_samples.jsonl";
  std::ifstream in(file);
  if (!in) {
    BOOST_WARN_MESSAGE(false, "skipped: " << file << " is missing (the shared data is not beside the source tree)");
    return std::nullopt;
  }
  std::vector<capture_event> out;
  json_flat_parser parser;
  for (std::string line; std::getline(in, line);) {
    BOOST_TEST_REQUIRE(!parser.parse(line));
    const json_node* type = parser.member("event_type");
    if (type == nullptr || type->text != "gameStateUpdate") continue;
    capture_event e;
    e.timestamp_text = std::string(parser.member("timestamp")->text);
    const auto nodes = parser.nodes();
    for (const json_node& n : nodes)
      if (n.key == "price" && nodes[n.parent].key == "data") e.price_text = std::string(n.text);
    e.received = *parse_timestamp(e.timestamp_text);
    e.line = std::move(line);
    out.push_back(std::move(e));
  }
  return out;
}

// ---- hand-made payloads --------------------------------------------------------------------------

struct fields {
  std::string game = "20251207-aaaa";
  std::int64_t tick = 0;
  std::string price = "1.0";
  bool active = true;
  bool rugged = false;
  std::int64_t cooldown = 0;
  bool pre_round_buys = false;
  std::int64_t trades = 0;
  std::string partial;  // `partialPrices.values` members, e.g. R"("9": 1.1, "10": 1.2)"; none when empty
  std::string history;  // `gameHistory` elements; none when empty
};

std::string payload(const fields& f) {
  std::string s = "{\"gameId\": \"" + f.game + "\", \"tickCount\": " + std::to_string(f.tick) + ", \"price\": " + f.price +
                  ", \"active\": " + (f.active ? "true" : "false") + ", \"rugged\": " + (f.rugged ? "true" : "false") +
                  ", \"cooldownTimer\": " + std::to_string(f.cooldown) +
                  ", \"allowPreRoundBuys\": " + (f.pre_round_buys ? "true" : "false") +
                  ", \"tradeCount\": " + std::to_string(f.trades);
  if (!f.partial.empty()) s += ", \"partialPrices\": {\"startTick\": 0, \"endTick\": 0, \"values\": {" + f.partial + "}}";
  if (!f.history.empty()) s += ", \"gameHistory\": [" + f.history + "]";
  return s + "}";
}

fields active_tick(std::int64_t tick, std::string price, std::string partial = {}) {
  fields f;
  f.tick = tick;
  f.price = std::move(price);
  f.partial = std::move(partial);
  return f;
}

// A gameHistory entry with a (made-up) revealed seed.
std::string history_entry(std::string_view id, std::string_view seed) {
  return "{\"id\": \"" + std::string(id) + "\", \"prices\": [1, 1.01, 0.005], \"peakMultiplier\": 1.01, " +
         "\"rugged\": true, \"provablyFair\": {\"serverSeed\": \"" + std::string(seed) +
         "\", \"serverSeedHash\": \"00\"}, \"gameVersion\": \"v3\"}";
}

const timestamp t0 = *parse_timestamp("2025-12-06T19:57:10.420892");

// Feeds payloads to one converter, a quarter second apart, and keeps every tick handed out.
struct feed {
  tick_converter converter;
  converted_update update;
  std::vector<tick> ticks;
  int n = 0;

  update_kind push(const fields& f) { return push_text(payload(f)); }
  update_kind push_text(const std::string& text) {
    const auto r = converter.convert(text, t0 + std::chrono::milliseconds(250 * n++), update);
    BOOST_TEST_REQUIRE(r.has_value(), "refused: " << (r ? "" : r.error().reason) << " in " << text);
    ticks.insert(ticks.end(), update.ticks.begin(), update.ticks.end());
    return *r;
  }
  const feed_counters& counters() const { return converter.counters(); }
};

std::vector<std::int64_t> indices(const std::vector<tick>& ticks) {
  std::vector<std::int64_t> out;
  for (const tick& t : ticks) out.push_back(t.index);
  return out;
}

using ids = std::vector<std::int64_t>;

}  // namespace

BOOST_AUTO_TEST_SUITE(live_ticks)

// ---- the real capture ----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(every_update_of_the_capture_becomes_a_tick_or_is_explained) {
  const auto events = capture_updates();
  if (!events) return;
  BOOST_TEST_REQUIRE(events->size() == 129u);

  tick_converter converter;
  converted_update update;
  std::vector<tick> ticks;
  std::vector<revealed_close> revealed;
  std::map<update_kind, int> kinds;
  for (const capture_event& e : *events) {
    const auto r = converter.convert(e.line, e.received, update);
    BOOST_TEST_REQUIRE(r.has_value(), "refused: " << (r ? "" : r.error().reason));
    ++kinds[*r];
    if (*r == update_kind::ticked) {
      BOOST_TEST_REQUIRE(update.ticks.size() == 1u);
      // The tick is the payload: the price's text as sent, the receive time as given.
      BOOST_TEST(update.ticks[0].price.text() == e.price_text);
      BOOST_TEST(update.ticks[0].timestamp_text.view() == e.timestamp_text);
    }
    ticks.insert(ticks.end(), update.ticks.begin(), update.ticks.end());
    for (auto& g : update.revealed) revealed.push_back(std::move(g));
  }

  const feed_counters& c = converter.counters();
  BOOST_TEST(c.updates == 129u);
  BOOST_TEST(c.malformed == 0u);
  BOOST_TEST(c.games == 1u);
  BOOST_TEST(c.ticks == 128u);
  // The one update dropped: the connect snapshot (full state, gameHistory, no tradeCount or
  // partialPrices), stamped 10 ms after tick 129 but showing tick 128.
  BOOST_TEST(kinds[update_kind::ticked] == 128);
  BOOST_TEST(kinds[update_kind::out_of_order] == 1);
  BOOST_TEST(c.out_of_order == 1u);
  BOOST_TEST(c.duplicates == 0u);
  BOOST_TEST(c.repeats_in_play == 0u);
  BOOST_TEST(c.jumps == 0u);
  BOOST_TEST(c.gaps == 0u);
  BOOST_TEST(c.backfilled_ticks == 0u);
  BOOST_TEST(c.partial_prices_ignored == 0u);
  BOOST_TEST(c.phase_anomalies == 0u);

  // Joined mid-game: ticks 129..256, one each, all in active play.
  BOOST_TEST_REQUIRE(ticks.size() == 128u);
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    BOOST_TEST(ticks[i].index == static_cast<std::int64_t>(129 + i));
    BOOST_TEST(ticks[i].phase == phase::active_gameplay);
    BOOST_TEST(ticks[i].game_id.view() == "20251207-e8186dbf38e046d1");
    BOOST_TEST(!ticks[i].rugged);
    BOOST_TEST(!ticks[i].backfilled);
  }
  BOOST_TEST(ticks.front().trade_count == 281);
  BOOST_TEST(ticks.back().trade_count == 420);

  // The snapshot's gameHistory: the 10 previous games, seeds revealed, none of them seen here.
  const std::vector<std::string> expected_ids = {
      "20251207-1e01ac417e8043ca", "20251207-31a51b95c19745e9", "20251207-591d94f81da4432d", "20251207-51493d3e918e46aa",
      "20251207-353b3eb587dd470c", "20251207-faa107ca5de24c77", "20251207-60eadfaad3934e72", "20251207-b1207bb1c80348c0",
      "20251207-ba230d8dcbab441e", "20251207-67b9664de9e24662"};
  BOOST_TEST_REQUIRE(revealed.size() == expected_ids.size());
  BOOST_TEST(c.revealed_games == 10u);
  game_verifier verifier;
  for (std::size_t i = 0; i < revealed.size(); ++i) {
    BOOST_TEST(revealed[i].game.id == expected_ids[i]);
    BOOST_TEST(!revealed[i].observed);
    BOOST_TEST(revealed[i].game.server_seed.size() == 64u);
    BOOST_TEST(revealed[i].game.problem.empty());
    // Handed out intact: every one verifies against its seed, bit for bit.
    BOOST_TEST(verifier.verify(revealed[i].game).verified(), revealed[i].game.id);
  }
  BOOST_TEST(revealed[0].game.server_seed == "e2896666bec952ac4dbc65d73e1d08dcd5da597137dcf6255f23cd67db9dcd7c");
  BOOST_TEST(revealed[0].game.prices.size() == 93u);
}

BOOST_AUTO_TEST_CASE(partial_prices_of_the_capture_agree_with_the_ticks_seen) {
  // Each update carries the last five ticks' prices; for every tick seen, they are its price.
  const auto events = capture_updates();
  if (!events) return;
  std::map<std::int64_t, std::string> seen;
  tick_converter converter;
  converted_update update;
  game_state_parser parser;
  game_state_payload p;
  std::size_t compared = 0;
  for (const capture_event& e : *events) {
    BOOST_TEST_REQUIRE(converter.convert(e.line, e.received, update).has_value());
    for (const tick& t : update.ticks) seen.emplace(t.index, std::string(t.price.text()));
    BOOST_TEST_REQUIRE(parser.parse(e.line, p).has_value());
    for (const partial_price& pp : p.partial_prices) {
      if (auto it = seen.find(pp.tick); it != seen.end()) {
        BOOST_TEST(pp.price.text() == it->second, "tick " << pp.tick);
        ++compared;
      }
    }
  }
  // Five entries in each of the 128 updates, less the 10 for ticks 125..128, never handed out here.
  BOOST_TEST(compared == 630u);
}

// ---- phases --------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(phase_rules_in_order) {
  const auto derive = [](phase_signals s, phase previous = phase::unknown) { return derive_phase(s, previous); };
  // 1-2: a rugged update with gameHistory reveals the seed (active) or sets up the next game.
  BOOST_TEST(derive({.active = true, .rugged = true, .has_history = true, .tick_count = 90}) == phase::rug_event_1);
  BOOST_TEST(derive({.rugged = true, .has_history = true}) == phase::rug_event_2);
  // 3: the last 10 s of the countdown, buys allowed.
  BOOST_TEST(derive({.allow_pre_round_buys = true, .cooldown_ms = 10000}) == phase::presale);
  BOOST_TEST(derive({.allow_pre_round_buys = true, .cooldown_ms = 100}) == phase::presale);
  BOOST_TEST(derive({.allow_pre_round_buys = true, .cooldown_ms = 10100}) == phase::unknown);
  BOOST_TEST(derive({.allow_pre_round_buys = false, .cooldown_ms = 5000}) == phase::unknown);
  // 4: a cooldown still marked rugged.
  BOOST_TEST(derive({.rugged = true, .cooldown_ms = 14900}) == phase::cooldown);
  // The next game's cooldown as the server sends it: not rugged, so UNKNOWN.
  BOOST_TEST(derive({.cooldown_ms = 14900}) == phase::unknown);
  // 5-6: play.
  BOOST_TEST(derive({.active = true, .tick_count = 1}) == phase::active_gameplay);
  BOOST_TEST(derive({.active = true, .tick_count = 0}) == phase::game_activation);
  // 7: the rug frame (active, rugged, no history yet) keeps the in-play phase it ends.
  BOOST_TEST(derive({.active = true, .rugged = true, .tick_count = 80}, phase::active_gameplay) == phase::active_gameplay);
  BOOST_TEST(derive({.active = true, .rugged = true, .tick_count = 0}, phase::game_activation) == phase::game_activation);
  BOOST_TEST(derive({.active = true, .rugged = true, .tick_count = 80}, phase::presale) == phase::unknown);
  BOOST_TEST(derive({.tick_count = 0}, phase::presale) == phase::unknown);
}

BOOST_AUTO_TEST_CASE(a_whole_game_and_the_rug_sequence_follow_the_table) {
  feed f;
  const std::string old_game = "20251207-aaaa", next_game = "20251207-bbbb";
  // The end of a game: play, the rug frame, then the next game's first cooldown line arrives
  // before the old game's seed reveal (as the recordings show), then the next game's setup
  // carrying the same history again.
  f.push(active_tick(89, "1.2"));
  fields rug = active_tick(90, "0.01");
  rug.rugged = true;
  f.push(rug);
  BOOST_TEST(f.update.ticks.at(0).phase == phase::active_gameplay);  // the rug tick: first rugged=true
  fields cooldown;
  cooldown.game = next_game;
  cooldown.active = false;
  cooldown.cooldown = 15000;
  f.push(cooldown);
  BOOST_TEST(f.update.ticks.at(0).phase == phase::unknown);
  fields reveal = rug;
  reveal.tick = 92;  // tickCount counted on after the rug: not a gap
  reveal.trades = 0;
  reveal.history = history_entry(old_game, "seed-a") + ", " + history_entry("20251207-9999", "seed-9");
  f.push(reveal);
  BOOST_TEST(f.update.ticks.at(0).phase == phase::rug_event_1);
  BOOST_TEST_REQUIRE(f.update.revealed.size() == 2u);
  BOOST_TEST(f.update.revealed[0].game.id == old_game);
  BOOST_TEST(f.update.revealed[0].game.server_seed == "seed-a");
  BOOST_TEST(f.update.revealed[0].observed);
  BOOST_TEST(!f.update.revealed[1].observed);

  fields setup = cooldown;
  setup.cooldown = 14900;
  setup.history = reveal.history;
  f.push(setup);
  BOOST_TEST(f.update.ticks.at(0).phase == phase::unknown);
  BOOST_TEST(f.update.revealed.empty());  // each game's seed is handed out once

  // The next game: the countdown, presale, activation, play.
  fields counting = cooldown;
  for (std::int64_t ms = 14800; ms > 10000; ms -= 100) {
    counting.cooldown = ms;
    f.push(counting);
  }
  fields presale = counting;
  presale.pre_round_buys = true;
  for (std::int64_t ms = 10000; ms > 0; ms -= 100) {
    presale.cooldown = ms;
    f.push(presale);
    BOOST_TEST(f.update.ticks.at(0).phase == phase::presale);
  }
  presale.trades = 3;  // presale buys at the same timer value: a new state, not a duplicate
  BOOST_TEST(f.push(presale) == update_kind::ticked);
  fields start;
  start.game = next_game;
  start.trades = 3;
  f.push(start);
  BOOST_TEST(f.update.ticks.at(0).phase == phase::game_activation);
  for (std::int64_t t = 1; t <= 5; ++t) {
    fields play = start;
    play.tick = t;
    f.push(play);
    BOOST_TEST(f.update.ticks.at(0).phase == phase::active_gameplay);
  }

  const feed_counters& c = f.counters();
  BOOST_TEST(c.phase_anomalies == 0u);
  BOOST_TEST(c.games == 2u);
  BOOST_TEST(c.jumps == 0u);
  BOOST_TEST(c.gaps == 0u);
  BOOST_TEST(c.duplicates == 0u);
  BOOST_TEST(c.revealed_games == 2u);
  BOOST_TEST(c.ticks == f.ticks.size());
}

BOOST_AUTO_TEST_CASE(steps_the_table_forbids_are_counted_with_game_and_tick) {
  feed f;
  fields presale;
  presale.active = false;
  presale.pre_round_buys = true;
  presale.cooldown = 200;
  f.push(presale);
  presale.cooldown = 0;  // the timer ran out, the game has not started: UNKNOWN after PRESALE
  presale.pre_round_buys = false;
  f.push(presale);
  BOOST_TEST(f.update.ticks.at(0).phase == phase::unknown);
  BOOST_TEST_REQUIRE(f.update.anomalies.size() == 1u);
  BOOST_TEST(f.update.anomalies[0].describe() == "game 20251207-aaaa: tick 0: PRESALE -> UNKNOWN (transition not allowed)");
  BOOST_TEST(f.counters().phase_anomalies == 1u);
  BOOST_TEST_REQUIRE(f.counters().listed_anomalies.size() == 1u);
  BOOST_TEST(f.counters().listed_anomalies[0].game_id.view() == "20251207-aaaa");
}

// ---- gaps ----------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_gap_is_filled_from_partial_prices_in_numeric_key_order) {
  feed f;
  f.push(active_tick(8, "1.08"));
  // Keys written in string order ("10" < "11" < "12" < "8" < "9"): filled in tick order.
  f.push(active_tick(12, "1.12", R"("10": 1.10, "11": 1.1100000000000001, "12": 1.12, "8": 1.08, "9": 1.09)"));
  BOOST_TEST(indices(f.update.ticks) == (ids{9, 10, 11, 12}), boost::test_tools::per_element());
  BOOST_TEST(f.update.ticks[0].price.text() == "1.09");
  BOOST_TEST(f.update.ticks[1].price.text() == "1.10");  // the text as sent, not re-formatted
  BOOST_TEST(f.update.ticks[2].price.text() == "1.1100000000000001");
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST(f.update.ticks[i].backfilled);
    BOOST_TEST(f.update.ticks[i].phase == phase::active_gameplay);
    BOOST_TEST(f.update.ticks[i].timestamp_text.view() == f.update.ticks[3].timestamp_text.view());  // learnt when tick 12 came
  }
  BOOST_TEST(!f.update.ticks[3].backfilled);
  BOOST_TEST(f.update.gaps.empty());
  const feed_counters& c = f.counters();
  BOOST_TEST(c.jumps == 1u);
  BOOST_TEST(c.backfilled_ticks == 3u);
  BOOST_TEST(c.gaps == 0u);
  BOOST_TEST(c.missing_ticks == 0);
  BOOST_TEST(c.ticks == 5u);
  BOOST_TEST(c.phase_anomalies == 0u);
}

BOOST_AUTO_TEST_CASE(what_partial_prices_lack_is_a_counted_gap_never_invented) {
  feed f;
  f.push(active_tick(5, "1.05"));
  f.push(active_tick(12, "1.12", R"("7": 1.07, "8": 1.08, "11": 1.11, "12": 1.12)"));
  BOOST_TEST(indices(f.update.ticks) == (ids{7, 8, 11, 12}), boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(f.update.gaps.size() == 2u);
  BOOST_TEST(f.update.gaps[0].first == 6);
  BOOST_TEST(f.update.gaps[0].last == 6);
  BOOST_TEST(f.update.gaps[1].first == 9);
  BOOST_TEST(f.update.gaps[1].last == 10);
  // No window at all: the whole jump is a gap.
  f.push(active_tick(20, "1.2"));
  BOOST_TEST(indices(f.update.ticks) == (ids{20}), boost::test_tools::per_element());
  const feed_counters& c = f.counters();
  BOOST_TEST(c.jumps == 2u);
  BOOST_TEST(c.backfilled_ticks == 3u);
  BOOST_TEST(c.gaps == 3u);
  BOOST_TEST(c.missing_ticks == 1 + 2 + 7);
  BOOST_TEST_REQUIRE(c.listed_gaps.size() == 3u);
  BOOST_TEST(c.listed_gaps[2].game_id.view() == "20251207-aaaa");
  BOOST_TEST(c.listed_gaps[2].missing.first == 13);
  BOOST_TEST(c.listed_gaps[2].missing.last == 19);
}

BOOST_AUTO_TEST_CASE(gaps_listed_are_bounded_and_all_counted) {
  feed f;
  for (std::int64_t t = 0; t < 40; t += 2) f.push(active_tick(t + 1, "1.0"));
  BOOST_TEST(f.counters().gaps == 19u);
  BOOST_TEST(f.counters().listed_gaps.size() == feed_counters::max_listed);
}

BOOST_AUTO_TEST_CASE(no_gap_after_the_rug_and_none_filled_across_it) {
  feed f;
  // The rug frame, then the reveal two ticks later: tickCount counts on after the rug.
  f.push(active_tick(100, "1.5"));
  fields rug = active_tick(101, "0.01");
  rug.rugged = true;
  f.push(rug);
  fields reveal = rug;
  reveal.tick = 103;
  reveal.history = history_entry("20251207-aaaa", "s");
  f.push(reveal);
  BOOST_TEST(f.counters().jumps == 0u);
  BOOST_TEST(f.counters().gaps == 0u);

  // The rug frame missed: the skipped ticks hold the rug, so none is filled, even from a window.
  feed g;
  g.push(active_tick(100, "1.5"));
  fields late = reveal;
  late.partial = R"("101": 1.4, "102": 0.01)";
  g.push(late);
  BOOST_TEST(indices(g.update.ticks) == (ids{103}), boost::test_tools::per_element());
  BOOST_TEST(g.counters().gaps == 1u);
  BOOST_TEST(g.counters().missing_ticks == 2);
  BOOST_TEST(g.counters().backfilled_ticks == 0u);
}

BOOST_AUTO_TEST_CASE(the_first_update_of_a_game_is_not_a_gap) {
  // Joined mid-game: the window holds ticks before the first one seen; nothing is filled.
  feed f;
  f.push(active_tick(129, "1.06", R"("125": 1.27, "126": 1.30, "127": 1.07, "128": 1.065, "129": 1.06)"));
  BOOST_TEST(indices(f.update.ticks) == (ids{129}), boost::test_tools::per_element());
  BOOST_TEST(f.counters().jumps == 0u);
}

BOOST_AUTO_TEST_CASE(partial_prices_are_bounded_and_bad_entries_ignored) {
  game_state_parser parser;
  game_state_payload p;
  std::string many;
  for (int i = 0; i < 100; ++i) many += (i ? ", \"" : "\"") + std::to_string(i) + "\": 1.5";
  BOOST_TEST_REQUIRE(parser.parse(payload(active_tick(100, "1.5", many)), p).has_value());
  BOOST_TEST(p.partial_prices.size() == game_state_payload::max_partial_prices);
  BOOST_TEST(p.partial_prices_ignored == 36u);

  BOOST_TEST_REQUIRE(
      parser.parse(payload(active_tick(9, "1.5", R"("x": 1, "-1": 1, "1.5": 1, "2": "1.2", "3": -1, "4": null, "5": 1.5, "6": 2)")), p)
          .has_value());
  BOOST_TEST_REQUIRE(p.partial_prices.size() == 2u);
  BOOST_TEST(p.partial_prices[0].tick == 5);
  BOOST_TEST(p.partial_prices[0].price.text() == "1.5");
  BOOST_TEST(p.partial_prices[1].tick == 6);
  BOOST_TEST(p.partial_prices_ignored == 6u);

  // A key given twice is not JSON any reader agrees on (Python keeps the last, others the first):
  // the payload is refused as a whole and says where.
  const auto twice = parser.parse(payload(active_tick(9, "1.5", R"("5": 1.5, "5": 9)")), p);
  BOOST_TEST_REQUIRE(!twice.has_value());
  BOOST_TEST(twice.error().reason.find("the same key twice") != std::string::npos, twice.error().reason);
}

// ---- duplicates, out of order --------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(duplicates_are_dropped_and_counted) {
  feed f;
  f.push(active_tick(10, "1.1"));
  BOOST_TEST(f.push(active_tick(10, "1.1")) == update_kind::duplicate);
  BOOST_TEST(f.push(active_tick(10, "1.10")) == update_kind::duplicate);  // the same price, written otherwise
  BOOST_TEST(f.update.ticks.empty());

  // Cooldown and presale: the tick stays 0 while the timer runs; only an update that changes
  // nothing (timer, trades, price, flags) is a duplicate.
  fields presale;
  presale.game = "20251207-cccc";
  presale.active = false;
  presale.pre_round_buys = true;
  presale.cooldown = 9900;
  BOOST_TEST(f.push(presale) == update_kind::ticked);
  BOOST_TEST(f.push(presale) == update_kind::duplicate);
  presale.cooldown = 9800;
  BOOST_TEST(f.push(presale) == update_kind::ticked);
  presale.trades = 1;
  BOOST_TEST(f.push(presale) == update_kind::ticked);
  BOOST_TEST(f.counters().duplicates == 3u);
  BOOST_TEST(f.counters().ticks == 4u);
}

BOOST_AUTO_TEST_CASE(out_of_order_updates_are_dropped_and_counted) {
  feed f;
  f.push(active_tick(10, "1.1"));
  f.push(active_tick(12, "1.3", R"("11": 1.2, "12": 1.3)"));
  BOOST_TEST(f.push(active_tick(11, "1.2")) == update_kind::out_of_order);  // already backfilled
  BOOST_TEST(f.push(active_tick(3, "1.0")) == update_kind::out_of_order);
  BOOST_TEST(f.update.ticks.empty());
  BOOST_TEST(f.push(active_tick(13, "1.4")) == update_kind::ticked);
  BOOST_TEST(indices(f.ticks) == (ids{10, 11, 12, 13}), boost::test_tools::per_element());
  BOOST_TEST(f.counters().out_of_order == 2u);
  BOOST_TEST(f.counters().phase_anomalies == 0u);
}

BOOST_AUTO_TEST_CASE(another_price_for_the_same_tick_in_play_is_dropped) {
  feed f;
  f.push(active_tick(10, "1.1"));
  BOOST_TEST(f.push(active_tick(10, "1.2")) == update_kind::repeat_in_play);
  // The rug at the tick it ends is news, not a repeat.
  fields rug = active_tick(10, "0.01");
  rug.rugged = true;
  BOOST_TEST(f.push(rug) == update_kind::ticked);
  BOOST_TEST(f.counters().repeats_in_play == 1u);
  // The table sees one tick index twice in active play: counted, as replay counts it.
  BOOST_TEST(f.counters().phase_anomalies == 1u);
}

BOOST_AUTO_TEST_CASE(a_late_update_of_the_previous_game_keeps_its_own_order) {
  feed f;
  f.push(active_tick(50, "2.0"));
  fields next;
  next.game = "20251207-bbbb";
  next.active = false;
  next.cooldown = 15000;
  f.push(next);
  BOOST_TEST(f.push(active_tick(51, "2.1")) == update_kind::ticked);  // game aaaa goes on at 51
  BOOST_TEST(f.push(active_tick(50, "2.0")) == update_kind::out_of_order);
  BOOST_TEST(f.counters().games == 2u);
  BOOST_TEST(f.counters().jumps == 0u);
}

// ---- shapes and refused payloads -----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(the_payload_the_capture_event_and_the_socketio_arguments_give_one_tick) {
  const std::string body = payload(active_tick(7, "1.0700000000000001"));
  for (const std::string& text : {body, "{\"timestamp\": \"x\", \"event_type\": \"gameStateUpdate\", \"data\": " + body + "}",
                                  "[\"gameStateUpdate\", {\"__trace\": true}, " + body + "]",
                                  "{\"event\": \"gameStateUpdate\", \"data\": [" + body + "]}"}) {
    tick_converter converter;
    converted_update out;
    BOOST_TEST_REQUIRE(converter.convert(text, t0, out).has_value(), text);
    BOOST_TEST_REQUIRE(out.ticks.size() == 1u);
    BOOST_TEST(out.ticks[0].index == 7);
    BOOST_TEST(out.ticks[0].price.text() == "1.0700000000000001");
    BOOST_TEST(out.ticks[0].timestamp_text.view() == "2025-12-06T19:57:10.420892");
  }
}

BOOST_AUTO_TEST_CASE(refused_payloads_are_values_with_reasons_and_change_nothing) {
  const std::string good = payload(active_tick(5, "1.5"));
  const auto without = [&](std::string_view member) {
    std::string s = good;
    const auto at = s.find(member);
    const auto end = s.find(", ", at);
    return s.erase(at, end - at + 2);
  };
  const auto replaced = [&](std::string_view from, std::string_view to) {
    std::string s = good;
    return s.replace(s.find(from), from.size(), to);
  };
  struct refusal {
    std::string text;
    payload_problem_kind kind;
    std::string reason;
  };
  const std::vector<refusal> cases = {
      {without("\"tickCount\""), payload_problem_kind::missing_field, "\"tickCount\" is missing"},
      {without("\"gameId\""), payload_problem_kind::missing_field, "\"gameId\" is missing"},
      {replaced("\"price\": 1.5", "\"price\": \"1.5\""), payload_problem_kind::wrong_type,
       "\"price\" is a string, expected a number"},
      {replaced("\"price\": 1.5", "\"price\": -1.5"), payload_problem_kind::bad_price,
       "\"price\" -1.5 is not a price (negative, out of range or longer than 39 characters)"},
      {replaced("\"tickCount\": 5", "\"tickCount\": 5.5"), payload_problem_kind::wrong_type,
       "\"tickCount\" is 5.5, expected a whole number"},
      {replaced("\"tickCount\": 5", "\"tickCount\": -1"), payload_problem_kind::out_of_range,
       "\"tickCount\" is -1, expected 0..10000000"},
      {replaced("\"active\": true", "\"active\": 1"), payload_problem_kind::wrong_type,
       "\"active\" is a number, expected true or false"},
      {replaced("20251207-aaaa", std::string(48, 'x')), payload_problem_kind::out_of_range,
       "\"gameId\" has 48 characters, expected 1..47"},
      {good.substr(0, 30), payload_problem_kind::invalid_json, ""},
      {good + " x", payload_problem_kind::invalid_json, ""},
      {"[1, 2]", payload_problem_kind::not_a_game_state, "the JSON text is an array holding no payload object"},
      {"{\"event_type\": \"standard/newTrade\", \"data\": " + good + "}", payload_problem_kind::not_a_game_state,
       "the event is standard/newTrade, not gameStateUpdate"},
      {std::string(game_state_payload::max_bytes + 1, ' '), payload_problem_kind::too_large, ""},
  };
  tick_converter converter;
  converted_update out;
  BOOST_TEST_REQUIRE(converter.convert(good, t0, out).has_value());
  for (const refusal& r : cases) {
    const auto result = converter.convert(r.text, t0, out);
    BOOST_TEST_REQUIRE(!result.has_value(), r.text.substr(0, 80));
    BOOST_TEST(static_cast<int>(result.error().kind) == static_cast<int>(r.kind), r.text.substr(0, 80));
    BOOST_TEST(!result.error().reason.empty());
    if (!r.reason.empty()) BOOST_TEST(result.error().reason == r.reason);
    BOOST_TEST(out.ticks.empty());
  }
  const feed_counters& c = converter.counters();
  BOOST_TEST(c.malformed == cases.size());
  BOOST_TEST(c.malformed_by_kind[static_cast<std::size_t>(payload_problem_kind::missing_field)] == 2u);
  BOOST_TEST(c.last_malformed_reason.find("more than the") != std::string::npos);
  BOOST_TEST(payload_problem_kind_name(payload_problem_kind::bad_price) == "bad price");
  // The game's state is as the good payload left it: tick 6 follows without a gap.
  const auto next = converter.convert(payload(active_tick(6, "1.6")), t0, out);
  BOOST_TEST_REQUIRE(next.has_value());
  BOOST_TEST(*next == update_kind::ticked);
  BOOST_TEST(c.jumps == 0u);
  BOOST_TEST(c.ticks == 2u);
}

BOOST_AUTO_TEST_CASE(optional_fields_take_their_defaults) {
  // The connect snapshot has no tradeCount: the game's count so far stands.
  feed f;
  f.push(active_tick(10, "1.1"));
  fields more = active_tick(11, "1.2");
  more.trades = 42;
  f.push(more);
  std::string snapshot = payload(active_tick(12, "1.3"));
  snapshot.replace(snapshot.find(", \"tradeCount\": 0"), 17, "");
  f.push_text(snapshot);
  BOOST_TEST(f.update.ticks.at(0).trade_count == 42);
  tick_converter fresh;
  converted_update out;
  BOOST_TEST_REQUIRE(
      fresh.convert(R"({"gameId": "g", "tickCount": 0, "price": 1, "active": false, "rugged": false, "gameHistory": null})", t0, out)
          .has_value());
  BOOST_TEST(out.ticks.at(0).cooldown_ms == 0);
  BOOST_TEST(out.ticks.at(0).trade_count == 0);
  BOOST_TEST(out.ticks.at(0).phase == phase::unknown);
  BOOST_TEST(out.ticks.at(0).price.text() == "1");
}

BOOST_AUTO_TEST_CASE(history_without_seeds_is_not_handed_out) {
  feed f;
  fields reveal = active_tick(10, "0.01");
  reveal.rugged = true;
  reveal.history = R"({"id": "20251207-aaaa", "prices": [1, 0.01]}, {"id": "x", "prices": [1], "serverSeed": "s"})";
  f.push(reveal);
  BOOST_TEST_REQUIRE(f.update.revealed.size() == 1u);
  BOOST_TEST(f.update.revealed[0].game.id == "x");
  BOOST_TEST(f.counters().unrevealed_history == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
