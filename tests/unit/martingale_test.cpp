// martingale: the example table strategies/examples/martingale.json backtested over tests/data:
// every buy is 0.001 SOL doubled for each losing trade in a row, up to max_buy 0.016, and every sidebet is
// placed on the game's first decision point from tick 150, doubled for each lost sidebet in a row
// up to 0.008; the run's figures are pinned, and a lower cap (as --set gives it) holds the buys there.
#include "core/trading/backtest.hpp"
#include "core/trading/rule_strategy.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using replayer::decimal;
using replayer::event_kind;
using replayer::rule_strategy;
using replayer::trading_settings;
using test_support::dec;

namespace {

const std::filesystem::path table_file =
    std::filesystem::path(REPLAYER_TEST_DATA) / ".." / ".." / "strategies" / "examples" / "martingale.json";

rule_strategy load() {
  std::ifstream in(table_file);
  BOOST_TEST_REQUIRE(in.good(), table_file);
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = rule_strategy::parse(text.str(), table_file.string());
  BOOST_TEST_REQUIRE(parsed.has_value(), (parsed ? "" : parsed.error()));
  return *parsed;
}

// base x 2^losses, capped.
decimal doubled(std::int64_t losses, std::string_view base, std::string_view cap) {
  decimal amount = dec(base);
  for (std::int64_t i = 0; i < losses && amount < dec(cap); ++i) amount = amount + amount;
  return std::min(amount, dec(cap));
}

// What a run did, with every buy and sidebet checked against the doubling rule (cap: max_buy).
struct counts {
  std::size_t buys = 0, grown_buys = 0, capped_buys = 0, sidebets = 0, grown_sidebets = 0;
  replayer::backtest_summary summary;
};

counts play(const rule_strategy& table, std::string_view cap) {
  const auto& games = test_support::test_data_games();
  BOOST_TEST_REQUIRE(games.size() == 12u);
  trading_settings settings;  // session wallet: the streaks run across games
  const auto run = replayer::run_backtest(games, settings, [&] { return std::make_unique<rule_strategy>(table); });
  counts n;
  std::int64_t losses = 0, sidebet_losses = 0;
  for (const auto& g : run.outcomes) {
    std::size_t sidebets_this_game = 0;
    for (const auto& e : g.events) {
      switch (e.kind) {
        case event_kind::buy:
          ++n.buys;
          BOOST_TEST(e.amount.str() == doubled(losses, "0.001", cap).str(),
                     g.id << " tick " << e.tick << ": " << e.amount.str() << " after " << losses << " losses");
          n.grown_buys += e.amount > dec("0.001");
          n.capped_buys += e.amount == dec(cap);
          break;
        case event_kind::sell:
        case event_kind::liquidation:
        case event_kind::close_incomplete:
          if (e.pnl.is_negative()) ++losses;
          else if (!e.pnl.is_zero()) losses = 0;
          break;
        case event_kind::sidebet_placed:
          ++n.sidebets;
          ++sidebets_this_game;
          BOOST_TEST(e.tick >= 150, g.id);
          BOOST_TEST(e.amount.str() == doubled(sidebet_losses, "0.001", "0.008").str(), g.id << ": " << e.amount.str());
          n.grown_sidebets += e.amount > dec("0.001");
          break;
        case event_kind::sidebet_lost: ++sidebet_losses; break;
        case event_kind::sidebet_won: sidebet_losses = 0; break;
        default: break;
      }
    }
    BOOST_TEST(sidebets_this_game <= 1u, g.id);
  }
  n.summary = run.summary;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(martingale)

BOOST_AUTO_TEST_CASE(doubles_after_each_loss_up_to_the_cap_over_the_bundled_data) {
  rule_strategy table = load();
  const counts n = play(table, "0.016");
  // Losing runs long enough to show the doubling; the cap of 0.016 is never reached here.
  BOOST_TEST(n.buys == 14u);
  BOOST_TEST(n.grown_buys == 4u);
  BOOST_TEST(n.capped_buys == 0u);
  BOOST_TEST(n.sidebets == 5u);
  BOOST_TEST(n.grown_sidebets == 3u);
  BOOST_TEST(n.summary.trades == 14u);
  BOOST_TEST(n.summary.pnl.str() == "0.025677255091220993774397485");
  BOOST_TEST(n.summary.digest == "16accc00b0b2c8acc6295ec50a80bcc25b5a93276af41e9c68455567ea9d0418");

  // A lower cap (as --set max_buy=0.002 gives it): the grown buys stop there.
  BOOST_TEST_REQUIRE(!table.set_parameter("max_buy", "0.002"));
  const counts capped = play(table, "0.002");
  BOOST_TEST(capped.buys == 14u);
  BOOST_TEST(capped.capped_buys == 4u);
  BOOST_TEST(capped.summary.digest != n.summary.digest);
}

BOOST_AUTO_TEST_SUITE_END()
