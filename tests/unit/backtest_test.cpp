// backtest: the runner and its summary (core/trading/backtest) on hand-built games whose
// every figure is worked out by hand; determinism of the digest across runs and --jobs; and the
// --sweep grid (core/trading/sweep; its points played on workers: sweep_play_test.cpp).
#include "core/fair/sha256.hpp"
#include "core/line_source.hpp"
#include "core/recording_reader.hpp"
#include "core/trading/backtest.hpp"
#include "core/trading/builtin_strategies.hpp"
#include "core/trading/rule_strategy.hpp"
#include "core/trading/sweep.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

using namespace replayer;
using namespace test_support;

namespace {

// Gives the scripted order the first time it meets (game id, tick index).
class scripted final : public strategy {
public:
  using script = std::map<std::pair<std::string, std::int64_t>, order>;
  explicit scripted(std::shared_ptr<const script> s) : script_(std::move(s)) {}

  std::optional<order> decide(const decision_view& view) override {
    const auto key = std::make_pair(view.now.game_id.str(), view.now.index);
    if (!used_.insert(key).second) return std::nullopt;
    if (auto it = script_->find(key); it != script_->end()) return it->second;
    return std::nullopt;
  }

private:
  std::shared_ptr<const script> script_;
  std::set<std::pair<std::string, std::int64_t>> used_;
};

// Three games worked out by hand (session wallet, start 0.1):
//   A  presale buy 0.02 at 1; 2; 4; sell all at 2 (+0.02); rug.          equity 0.1 .12 .16 .12 .12
//   B  presale buy 0.04 at 1; sidebet 0.01 at 1.5; 0.5; rug at 0.25:
//      liquidation 0.01 (-0.03), sidebet won 0.05 (+0.04).               equity .12 .14 .10 .13
//   C  presale buy 0.03 at 1; sidebet 0.005 at 0.5; 0.4; no rug: closed at 0.4 (-0.018), stake
//      refunded.                                                           equity .13 .115 .112
struct hand_games {
  std::vector<game> games;
  std::shared_ptr<scripted::script> script = std::make_shared<scripted::script>();

  hand_games() {
    auto add = [&](std::string id, std::vector<tick> ticks) {
      game g;
      g.file = "hand.jsonl";
      g.id = std::move(id);
      g.ticks = std::move(ticks);
      games.push_back(std::move(g));
    };
    add("A", {make_tick("A", phase::presale, 0, "1.0"), make_tick("A", phase::active_gameplay, 1, "2"),
              make_tick("A", phase::active_gameplay, 2, "4"), make_tick("A", phase::active_gameplay, 3, "2"),
              make_tick("A", phase::active_gameplay, 4, "0.01", true)});
    add("B", {make_tick("B", phase::presale, 0, "1.0"), make_tick("B", phase::active_gameplay, 1, "1.5"),
              make_tick("B", phase::active_gameplay, 2, "0.5"), make_tick("B", phase::active_gameplay, 3, "0.25", true)});
    add("C", {make_tick("C", phase::presale, 0, "1.0"), make_tick("C", phase::active_gameplay, 1, "0.5"),
              make_tick("C", phase::active_gameplay, 2, "0.4")});
    (*script)[{"A", 0}] = {action::buy, dec("0.02")};
    (*script)[{"A", 3}] = {action::sell, dec("1")};
    (*script)[{"B", 0}] = {action::buy, dec("0.04")};
    (*script)[{"B", 1}] = {action::sidebet, dec("0.01")};
    (*script)[{"C", 0}] = {action::buy, dec("0.03")};
    (*script)[{"C", 1}] = {action::sidebet, dec("0.005")};
  }

  strategy_factory factory() const {
    auto s = script;
    return [s] { return std::make_unique<scripted>(s); };
  }
};

std::vector<std::string> texts(const std::vector<trace_point>& trace) {
  std::vector<std::string> out;
  for (const trace_point& p : trace) out.push_back(p.equity.str());
  return out;
}

std::string events_of(const game_outcome& o) {
  std::string out;
  for (const auto& e : o.events) out += (out.empty() ? "" : " ") + std::string(event_kind_name(e.kind)) + "@" + std::to_string(e.tick);
  return out;
}

strategy_factory factory_of(const replayer::rule_strategy& s) {
  return [s] { return std::make_unique<replayer::rule_strategy>(s); };
}

std::string digest_of(const std::vector<game>& games, const trading_settings& settings, const strategy_factory& make,
                      std::size_t jobs) {
  return run_backtest(games, settings, make, {jobs, false}).summary.digest;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(backtest)

BOOST_AUTO_TEST_CASE(every_figure_of_a_hand_worked_session) {
  const hand_games h;
  trading_settings settings;
  const auto outcomes_run = run_backtest(h.games, settings, h.factory(), {1, true});
  const auto& outcomes = outcomes_run.outcomes;
  BOOST_TEST_REQUIRE(outcomes.size() == 3u);
  BOOST_TEST(events_of(outcomes[0]) == "buy@0 sell@3");
  BOOST_TEST(events_of(outcomes[1]) == "buy@0 sidebet_placed@1 liquidation@3 sidebet_won@3");
  BOOST_TEST(events_of(outcomes[2]) == "buy@0 sidebet_placed@1 close_incomplete@2 sidebet_refunded@2");
  // Equity marked to market on every tick: cash + tokens x price + open stake.
  BOOST_TEST(texts(outcomes[0].trace) == (std::vector<std::string>{"0.1", "0.12", "0.16", "0.12", "0.12"}));
  BOOST_TEST(texts(outcomes[1].trace) == (std::vector<std::string>{"0.12", "0.14", "0.1", "0.13"}));
  BOOST_TEST(texts(outcomes[2].trace) == (std::vector<std::string>{"0.13", "0.115", "0.112"}));
  BOOST_TEST(outcomes[0].pnl().str() == "0.02");
  BOOST_TEST(outcomes[1].pnl().str() == "0.01");
  BOOST_TEST(outcomes[2].pnl().str() == "-0.018");
  BOOST_TEST(outcomes[0].complete);
  BOOST_TEST(!outcomes[2].complete);
  BOOST_TEST(outcomes[0].deepest_fall.str() == "0.04");  // 0.16 -> 0.12 within A
  BOOST_TEST(outcomes[1].lowest.str() == "-0.02");        // 0.12 -> 0.10 within B

  const backtest_summary s = outcomes_run.summary;
  BOOST_TEST(s.games == 3u);
  BOOST_TEST(s.incomplete_games == 1u);
  BOOST_TEST(s.incomplete_pnl.str() == "-0.018");  // reported separately, and part of the P&L
  BOOST_TEST(s.tick_lines == 12u);
  BOOST_TEST(s.orders == 6u);
  BOOST_TEST(s.rejected_total() == 0u);
  BOOST_TEST(s.trades == 3u);
  BOOST_TEST(s.wins == 1u);
  BOOST_TEST(s.losses == 2u);
  BOOST_TEST(s.breakeven == 0u);
  BOOST_TEST(s.sidebets == 2u);
  BOOST_TEST(s.sidebets_won == 1u);
  BOOST_TEST(s.sidebets_lost == 0u);
  BOOST_TEST(s.sidebets_refunded == 1u);
  BOOST_TEST(s.pnl.str() == "0.012");
  BOOST_TEST(s.final_balance.str() == "0.112");
  BOOST_TEST(s.gross_profit.str() == "0.06");  // +0.02 sell, +0.04 sidebet
  BOOST_TEST(s.gross_loss.str() == "0.048");   // 0.03 liquidation, 0.018 incomplete close
  BOOST_TEST(s.profit_factor == 1.25, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(s.win_rate == 100.0 / 3, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(s.roi == 12.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(s.exposure == 75.0, boost::test_tools::tolerance(1e-12));  // 9 of 12 ticks
  // Drawdown on equity: from the peak 0.16 (A tick 2) to 0.10 (B tick 2). On cash it would be
  // 0.05 (0.12 after A to 0.07 in B): equity, not cash, is what counts.
  BOOST_TEST(s.max_drawdown.str() == "0.06");
  BOOST_TEST(s.max_drawdown_pct == 37.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(s.drawdown_game == "B");
  BOOST_TEST(s.drawdown_tick == 2);
  // Per-game returns 0.02/0.1, 0.01/0.12, -0.018/0.13: Sharpe = mean / sample sd, Sortino =
  // mean / sqrt(mean of squared negative returns).
  BOOST_TEST(s.sharpe == 0.2808730155585727, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(s.sortino == 0.6040794483187751, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(!s.halted);
  // The P&L split: positions +0.02 - 0.03 - 0.018, sidebets +0.04 (the refund is 0).
  BOOST_TEST(s.position_pnl.str() == "-0.028");
  BOOST_TEST(s.sidebet_pnl.str() == "0.04");
  BOOST_TEST((s.position_pnl + s.sidebet_pnl).str() == s.pnl.str());
  BOOST_TEST(s.largest_win.str() == "0.02");
  BOOST_TEST(s.largest_loss.str() == "-0.03");
  BOOST_TEST(s.average_win.str() == "0.02");
  BOOST_TEST(s.average_loss.str() == "-0.024");  // (-0.03 - 0.018) / 2
  BOOST_TEST(s.expectancy.str() == "-0.009333333333333333333333333");  // -0.028 / 3
  BOOST_TEST(s.closed_by_rule == 1u);
  BOOST_TEST(s.liquidated == 1u);
  BOOST_TEST(s.closed_at_end == 1u);
  BOOST_TEST(s.closed_by_rail == 0u);
  BOOST_TEST(s.peak_equity.str() == "0.16");  // A tick 2
  BOOST_TEST(!s.ruined);
  BOOST_TEST(s.digest == sha256_hex(trade_log_text(outcomes)));
  const std::string log = trade_log_text(outcomes);
  BOOST_TEST(std::count(log.begin(), log.end(), '\n') == 10);
  BOOST_TEST(log.substr(0, log.find('\n')) ==
             R"({"game": "A", "tick": 0, "event": "buy", "price": "1", "amount": "0.02", "qty": "0.02", "pnl": "0", "balance": "0.08"})");
}

BOOST_AUTO_TEST_CASE(per_game_wallets_start_every_game_at_the_start_balance) {
  const hand_games h;
  trading_settings settings;
  settings.wallet = wallet_mode::per_game;
  for (std::size_t jobs : {1, 2, 3}) {
    const auto outcomes_run = run_backtest(h.games, settings, h.factory(), {jobs, true});
    const auto& outcomes = outcomes_run.outcomes;
    BOOST_TEST(texts(outcomes[1].trace) == (std::vector<std::string>{"0.1", "0.12", "0.08", "0.11"}));
    BOOST_TEST(outcomes[2].start_equity.str() == "0.1");
    const backtest_summary s = outcomes_run.summary;
    BOOST_TEST(s.pnl.str() == "0.012");
    BOOST_TEST(s.capital.str() == "0.3");          // three games, 0.1 each
    BOOST_TEST(s.final_balance.str() == "0.312");  // the capital plus the P&L
    BOOST_TEST(s.max_drawdown_pct == 20.0, boost::test_tools::tolerance(1e-12));  // 0.06 of 0.3
    BOOST_TEST(s.roi == 4.0, boost::test_tools::tolerance(1e-12));  // 0.012 of 3 x 0.1
    BOOST_TEST(s.max_drawdown.str() == "0.06");
    BOOST_TEST(s.sharpe == 0.2030692330267239, boost::test_tools::tolerance(1e-9));  // returns .2 .1 -.18
    BOOST_TEST(s.sortino == 0.38490017945975064, boost::test_tools::tolerance(1e-9));
  }
}

BOOST_AUTO_TEST_CASE(a_session_wallet_is_short_of_money_where_per_game_is_not) {
  const hand_games h;
  trading_settings settings;
  settings.starting_balance = dec("0.04");
  // Session: A's sell leaves 0.06, so B buys 0.04 and still has 0.02 for its 0.01 sidebet.
  // Per game: B starts again at 0.04, spends it all on the buy, and its sidebet is refused.
  const auto session_run = run_backtest(h.games, settings, h.factory(), {1, false});
  const auto& session = session_run.outcomes;
  BOOST_TEST(events_of(session[1]) == "buy@0 sidebet_placed@1 liquidation@3 sidebet_won@3");
  settings.wallet = wallet_mode::per_game;
  const auto per_game_run = run_backtest(h.games, settings, h.factory(), {2, false});
  const auto& per_game = per_game_run.outcomes;
  BOOST_TEST(events_of(per_game[1]) == "buy@0 rejected@1 liquidation@3");
  BOOST_TEST(std::string(reject_reason_name(*per_game[1].events[1].reason)) == "balance");
}

BOOST_AUTO_TEST_CASE(a_ruined_session_wallet_says_where_and_how_many_games_were_not_traded) {
  // Start 0.025, min_amount 0.02: A buys 0.02 and sells at 2 (0.045); B buys 0.04 (0.005 left,
  // its 0.01 sidebet is under the minimum) and is liquidated at 0.25 for 0.01: 0.015 in cash,
  // nothing open, under the minimum at B's rug tick. C's orders are all refused.
  const hand_games h;
  trading_settings settings;
  settings.starting_balance = dec("0.025");
  settings.min_amount = dec("0.02");
  const auto run = run_backtest(h.games, settings, h.factory(), {1, false});
  BOOST_TEST(events_of(run.outcomes[1]) == "buy@0 rejected@1 liquidation@3");
  const backtest_summary s = run.summary;
  BOOST_TEST_REQUIRE(s.ruined.has_value());
  BOOST_TEST(s.ruined->game == "B");
  BOOST_TEST(s.ruined->tick == 3);
  BOOST_TEST(s.ruined->balance.str() == "0.015");
  BOOST_TEST(s.ruined->games_after == 1u);
  settings.wallet = wallet_mode::per_game;  // every game starts again: no ruin to report
  BOOST_TEST(!run_backtest(h.games, settings, h.factory(), {1, false}).summary.ruined);
}

BOOST_AUTO_TEST_CASE(a_halted_session_is_reported) {
  const hand_games h;
  trading_settings settings;
  settings.max_consecutive_losses = 1;
  // Game B's liquidation is a loss: C is not traded at all.
  const auto outcomes_run = run_backtest(h.games, settings, h.factory(), {1, false});
  const auto& outcomes = outcomes_run.outcomes;
  BOOST_TEST(events_of(outcomes[2]).empty());
  const backtest_summary s = outcomes_run.summary;
  BOOST_TEST_REQUIRE(s.halted.has_value());
  BOOST_TEST(std::string(reject_reason_name(s.halted->rail)) == "risk_consecutive_losses");
  BOOST_TEST(s.halted_game == "B");
  BOOST_TEST(s.halted->tick == 3);
}

BOOST_AUTO_TEST_CASE(the_digest_is_the_same_on_every_run_and_for_every_jobs) {
  const auto& games = test_data_games();
  BOOST_TEST_REQUIRE(games.size() >= 10u);
  for (const auto& b : builtin_strategies()) {
    const auto make = factory_of(builtin(b.name));
    trading_settings session;
    const std::string first = digest_of(games, session, make, 1);
    BOOST_TEST(first.size() == 64u);
    BOOST_TEST(digest_of(games, session, make, 1) == first, b.name);
    BOOST_TEST(digest_of(games, session, make, 2) == first, b.name);  // a session is sequential anyway

    trading_settings per_game;
    per_game.wallet = wallet_mode::per_game;
    const auto one_run = run_backtest(games, per_game, make, {1, true});
    const auto& one = one_run.outcomes;
    const auto two_run = run_backtest(games, per_game, make, {2, true});
    const auto& two = two_run.outcomes;
    const auto four_run = run_backtest(games, per_game, make, {4, true});
    BOOST_TEST(trade_log_text(one) == trade_log_text(two), b.name);
    const std::string d1 = one_run.summary.digest;
    BOOST_TEST(two_run.summary.digest == d1, b.name);
    BOOST_TEST(four_run.summary.digest == d1, b.name);
    BOOST_TEST(digest_of(games, per_game, make, 2) == d1, b.name);
    for (std::size_t i = 0; i < one.size(); ++i)
      BOOST_TEST(texts(one[i].trace) == texts(two[i].trace));
  }
}

BOOST_AUTO_TEST_CASE(golden_digests_of_the_bundled_data) {
  // The trade logs of every built-in strategy over tests/data, pinned: a change in the rules,
  // the reader or a strategy that changes a trade changes one of these, and must say why.
  const std::map<std::pair<std::string, wallet_mode>, std::string> golden = {
      {{"conservative", wallet_mode::session}, "697ee7b1dba9241afa311f4e14d3c30445925f6a78c2cdfd7fb7d87c29a11e52"},
      {{"conservative", wallet_mode::per_game}, "62a67c344b1426ed5674df8bfe667de202ee7d8da132103ddae739ac8b5135ab"},
      {{"aggressive", wallet_mode::session}, "e61e80a8f7d50314a0de4fb0171e6ee1aba0e5e62bf7c1c98cf5a12ccc6a1700"},
      {{"aggressive", wallet_mode::per_game}, "90d2448c5285b8b96011bd2c199723edae5177f87b4cf9a7b26377f2c7af5039"},
      {{"sidebet", wallet_mode::session}, "605c1ff227401d9bf16c2a859f38a6628928bb15b9f95a0aa24d2103fb0b016a"},
      {{"sidebet", wallet_mode::per_game}, "6cb22edc1ee8adfb7557fdf11a24594ceb1dea2af2c923037e865d9e459a3119"},
      {{"foundational", wallet_mode::session}, "58ead6f3de28b2546a38f9b7b2009501de70ae2210785a113ab1e5707750606c"},
      {{"foundational", wallet_mode::per_game}, "0710594ef93d0a0cbbaafa3b6207eca857a391a63a78c0d5b9eac7ad7f565193"},
  };
  const auto& games = test_data_games();
  BOOST_TEST_REQUIRE(games.size() == 12u);
  BOOST_TEST_REQUIRE(golden.size() == 2 * builtin_strategies().size());
  for (const auto& [key, digest] : golden) {
    trading_settings settings;
    settings.wallet = key.second;
    for (std::size_t jobs : {1, 2})
      BOOST_TEST(digest_of(games, settings, factory_of(builtin(key.first)), jobs) == digest,
                 key.first << (key.second == wallet_mode::session ? ", session" : ", per-game") << ", jobs " << jobs);
  }
}

BOOST_AUTO_TEST_CASE(rails_cap_the_two_examples) {
  // The issue's two examples over tests/data (session wallet), with their numbers then and now.
  const auto& games = test_data_games();
  auto count = [](const backtest_result& r, event_kind kind, std::optional<action> a) {
    std::size_t n = 0;
    for (const auto& g : r.outcomes)
      for (const auto& e : g.events) n += e.kind == kind && (!a || e.action == a);
    return n;
  };
  // 1. conservative, max_orders_per_game=1: the rail counted sells, so each game's buy went
  //    through and 911 sells were refused; all 9 positions were liquidated (P&L -0.0483 SOL).
  //    Now only entries count: no sell is refused, 8 positions are sold by the strategy's rules
  //    and the one left (no rule held before the rug) is liquidated.
  trading_settings one_entry;
  one_entry.max_orders_per_game = 1;
  const auto a = run_backtest(games, one_entry, factory_of(builtin("conservative")), {1, false});
  BOOST_TEST(count(a, event_kind::rejected, action::sell) == 0u);
  BOOST_TEST(count(a, event_kind::buy, std::nullopt) == 9u);
  BOOST_TEST(a.summary.closed_by_rule == 8u);
  BOOST_TEST(a.summary.liquidated == 1u);
  BOOST_TEST(a.summary.rejected[static_cast<std::size_t>(reject_reason::risk_orders_per_game)] == 1004u);  // entries only
  BOOST_TEST(a.summary.pnl.str() == "-0.006892074514524788783788228");
  // 2. aggressive, session_loss_limit=0.01: the kill switch tripped at 20251030-5485fda864af49d3
  //    tick 318 and kept the position, which the rug liquidated at tick 494: -0.016313 SOL on a
  //    0.01 limit. Now the position is sold on tick 318 (-0.004488) and the run ends at -0.010855.
  trading_settings limit;
  limit.session_loss_limit = dec("0.01");
  const auto b = run_backtest(games, limit, factory_of(builtin("aggressive")), {1, false});
  BOOST_TEST_REQUIRE(b.summary.halted.has_value());
  BOOST_TEST(b.summary.halted_game == "20251030-5485fda864af49d3");
  BOOST_TEST(b.summary.halted->tick == 318);
  BOOST_TEST(b.summary.closed_by_rail == 1u);
  BOOST_TEST(b.summary.liquidated == 0u);
  BOOST_TEST(b.summary.pnl.str() == "-0.010855083427034439212053564");
  BOOST_TEST(b.summary.final_balance.str() == "0.089144916572965560787946436");
  bool found = false;
  for (const auto& g : b.outcomes)
    for (const auto& e : g.events)
      if (e.rail) {
        found = true;
        BOOST_TEST(g.id == "20251030-5485fda864af49d3");
        BOOST_TEST(e.tick == 318);
        BOOST_TEST(e.pnl.str() == "-0.00448788596791030372257693");
      }
  BOOST_TEST(found);
  // Per-game wallets: the halted game's position is sold there too.
  limit.wallet = wallet_mode::per_game;
  BOOST_TEST(run_backtest(games, limit, factory_of(builtin("aggressive")), {2, false}).summary.closed_by_rail >= 1u);
}

BOOST_AUTO_TEST_CASE(per_game_risk_rails_do_not_depend_on_jobs) {
  // Every per-game wallet is its own session: the loss streak and the loss limit start again in
  // every game, with one thread or several.
  const auto& games = test_data_games();
  for (const char* name : {"conservative", "aggressive"}) {
    const auto make = factory_of(builtin(name));
    trading_settings settings;
    settings.wallet = wallet_mode::per_game;
    settings.max_consecutive_losses = 1;
    settings.session_loss_limit = dec("0.004");
    settings.max_orders_per_game = 3;
    const auto one_run = run_backtest(games, settings, make, {1, false});
    const auto& one = one_run.outcomes;
    const auto two_run = run_backtest(games, settings, make, {2, false});
    const auto& two = two_run.outcomes;
    BOOST_TEST(trade_log_text(one) == trade_log_text(two), name);
    BOOST_TEST(one_run.summary.digest == two_run.summary.digest, name);
  }
}

BOOST_AUTO_TEST_CASE(latency_changes_the_fills_deterministically) {
  const auto& games = test_data_games();
  const auto make = factory_of(builtin("conservative"));
  trading_settings now, later;
  later.latency_ticks = 3;
  const auto a_run = run_backtest(games, now, make, {1, false});
  const auto b_run = run_backtest(games, later, make, {1, false});
  BOOST_TEST(a_run.summary.digest != b_run.summary.digest);
  BOOST_TEST(b_run.summary.digest == digest_of(games, later, make, 1));
}

BOOST_AUTO_TEST_CASE(a_game_without_ticks) {
  std::vector<game> games(1);
  games[0].id = "empty";
  const hand_games h;
  const auto outcomes_run = run_backtest(games, trading_settings{}, h.factory(), {1, false});
  const auto& outcomes = outcomes_run.outcomes;
  BOOST_TEST(outcomes[0].ticks == 0u);
  BOOST_TEST(!outcomes[0].complete);
  BOOST_TEST(outcomes[0].pnl().str() == "0");
  const auto s = outcomes_run.summary;
  BOOST_TEST(s.incomplete_games == 1u);
  BOOST_TEST(s.digest == sha256_hex(""));
}

BOOST_AUTO_TEST_CASE(sweep_axes) {
  auto a = parse_sweep("buy_below=1.2:2:0.2");
  BOOST_TEST_REQUIRE(a.has_value());
  BOOST_TEST(a->key == "buy_below");
  BOOST_TEST(a->values == (std::vector<std::string>{"1.2", "1.4", "1.6", "1.8", "2"}));
  BOOST_TEST(parse_sweep("x=1:1:1")->values == (std::vector<std::string>{"1"}));
  BOOST_TEST(parse_sweep("x=0.1:0.35:0.1")->values == (std::vector<std::string>{"0.1", "0.2", "0.3"}));
  BOOST_TEST(parse_sweep("x=-30:-10:10")->values == (std::vector<std::string>{"-30", "-20", "-10"}));
  BOOST_TEST(parse_sweep("x=0:0.9999:0.0001")->values.size() == 10000u);

  auto error = [](std::string_view text) {
    auto r = parse_sweep(text);
    return r ? std::string("parsed") : r.error();
  };
  BOOST_TEST(error("buy_below") == "--sweep 'buy_below': expected key=from:to:step, e.g. buy_below=1.2:2:0.1");
  BOOST_TEST(error("=1:2:1") == "--sweep '=1:2:1': expected key=from:to:step, e.g. buy_below=1.2:2:0.1");
  BOOST_TEST(error("x=1:2") == "--sweep 'x=1:2': expected from:to:step");
  BOOST_TEST(error("x=1:2:3:4") == "--sweep 'x=1:2:3:4': expected from:to:step");
  BOOST_TEST(error("x=a:2:1") == "--sweep 'x=a:2:1': from, to and step must be decimal numbers");
  BOOST_TEST(error("x=1:2:") == "--sweep 'x=1:2:': from, to and step must be decimal numbers");
  BOOST_TEST(error("x=1:2:0") == "--sweep 'x=1:2:0': step must be positive");
  BOOST_TEST(error("x=1:2:-1") == "--sweep 'x=1:2:-1': step must be positive");
  BOOST_TEST(error("x=2:1:1") == "--sweep 'x=2:1:1': from must not be greater than to");
  BOOST_TEST(error("x=0:1:0.0001") == "--sweep 'x=0:1:0.0001': more than 10000 values; use a larger step");
}

BOOST_AUTO_TEST_CASE(sweep_grid_varies_the_first_axis_slowest) {
  const std::vector<sweep_axis> axes{{"a", {"1", "2"}, "a=1:2:1"}, {"b", {"x", "y", "z"}, "b"}};
  const auto grid = sweep_grid(axes);
  std::vector<std::string> labels;
  for (const auto& point : grid) {
    std::string label;
    for (const auto& [k, v] : point) label += k + "=" + v + ";";
    labels.push_back(label);
  }
  BOOST_TEST(labels == (std::vector<std::string>{"a=1;b=x;", "a=1;b=y;", "a=1;b=z;", "a=2;b=x;", "a=2;b=y;",
                                                 "a=2;b=z;"}));
  BOOST_TEST(sweep_grid({}).size() == 1u);  // no axes: the one point with nothing changed
  BOOST_TEST(sweep_grid({{"a", {"1", "2"}, "a"}, {"b", {}, "b"}}).empty());
}

BOOST_AUTO_TEST_CASE(the_grid_size_is_bounded_before_any_point_is_built) {
  const sweep_axis thousand{"a", std::vector<std::string>(1000, "1"), "a=1:1000:1"};
  const sweep_axis ten{"b", std::vector<std::string>(10, "1"), "b=1:10:1"};
  BOOST_TEST(*sweep_grid_size({thousand, ten}, default_max_sweep_points) == 10'000u);
  BOOST_TEST(*sweep_grid_size({}, 1) == 1u);
  // Three axes of 1,000 values: a billion points used to be built (and die of bad_alloc).
  const auto big = sweep_grid_size({thousand, thousand, thousand}, default_max_sweep_points);
  BOOST_TEST_REQUIRE(!big.has_value());
  BOOST_TEST(big.error() ==
             "--sweep: 1000 x 1000 x 1000 = 1000000000 points, more than --max-points 10000 (every point plays every "
             "game); use larger steps or raise --max-points");
  BOOST_TEST(*sweep_grid_size({thousand, thousand, thousand}, 1'000'000'000) == 1'000'000'000u);
  // A product past 64 bits is refused too, not wrapped round to a small number.
  const std::vector<sweep_axis> huge(7, sweep_axis{"c", std::vector<std::string>(1000, "1"), "c"});
  BOOST_TEST(sweep_grid_size(huge, SIZE_MAX).error().find("= too many points") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
