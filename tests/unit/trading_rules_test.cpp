// trading_rules: the game's trading rules on one wallet (core/trading/account), each on a case
// worked out by hand with exact decimal results. Amounts are compared by their exact text.
#include "core/trading/account.hpp"
#include "core/trading/settings.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace replayer;
using namespace test_support;

namespace {

std::string reason_of(const account& a, const order& o, const tick& t) {
  const auto why = a.check(o, t);
  return why ? std::string(reject_reason_name(*why)) : std::string("ok");
}

// Checks the order is allowed, fills it, and returns the event it logged.
trade_event place(account& a, const order& o, const tick& t, std::vector<trade_event>& log) {
  BOOST_TEST_REQUIRE(reason_of(a, o, t) == "ok");
  const std::size_t before = log.size();
  paper_trade(a, o, t, log);
  BOOST_TEST_REQUIRE(log.size() == before + 1);
  return log.back();
}

std::string kind(const trade_event& e) { return std::string(event_kind_name(e.kind)); }

struct fixture {
  trading_settings settings;
  std::vector<trade_event> log;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(trading_rules)

BOOST_AUTO_TEST_CASE(the_numbers_of_the_rules) {
  const trading_settings s;
  BOOST_TEST(s.starting_balance.str() == "0.1");
  BOOST_TEST(s.min_amount.str() == "0.001");
  BOOST_TEST(s.max_amount.str() == "5");
  BOOST_TEST(s.sidebet_window == 40);
  BOOST_TEST(s.sidebet_payout.str() == "5");
  BOOST_TEST(s.sidebet_cooldown == 5);
  BOOST_TEST(s.latency_ticks == 0);
  BOOST_TEST((s.wallet == wallet_mode::session));
  BOOST_TEST(!s.max_stake_per_order);
  BOOST_TEST(!s.max_exposure);
  BOOST_TEST(!s.session_loss_limit);
  BOOST_TEST(!s.max_orders_per_game);
  BOOST_TEST(!s.max_consecutive_losses);
}

BOOST_FIXTURE_TEST_CASE(buy_at_2x_then_sell_at_4x_doubles_the_stake, fixture) {
  account a(settings);
  a.begin_game();
  const trade_event b = place(a, buy("0.01"), active(5, "2"), log);
  BOOST_TEST(kind(b) == "buy");
  BOOST_TEST(b.tick == 5);
  BOOST_TEST(b.price.str() == "2");
  BOOST_TEST(b.amount.str() == "0.01");
  BOOST_TEST(b.qty.str() == "0.005");  // 0.01 / 2
  BOOST_TEST(b.balance.str() == "0.09");
  BOOST_TEST_REQUIRE(a.position().has_value());
  BOOST_TEST(a.position()->qty.str() == "0.005");
  BOOST_TEST(a.position()->invested.str() == "0.01");
  BOOST_TEST(a.position()->opened_tick == 5);

  const trade_event s = place(a, sell("1"), active(9, "4"), log);
  BOOST_TEST(kind(s) == "sell");
  BOOST_TEST(s.amount.str() == "0.02");  // 0.005 x 4: twice the stake
  BOOST_TEST(s.qty.str() == "0.005");
  BOOST_TEST(s.pnl.str() == "0.01");
  BOOST_TEST(s.balance.str() == "0.11");
  BOOST_TEST(!a.position().has_value());
  BOOST_TEST(a.balance().str() == "0.11");
}

BOOST_FIXTURE_TEST_CASE(a_second_buy_averages_the_cost, fixture) {
  account a(settings);
  a.begin_game();
  place(a, buy("0.01"), active(1, "2"), log);  // 0.005 tokens
  const trade_event b2 = place(a, buy("0.02"), active(3, "4"), log);
  BOOST_TEST(b2.qty.str() == "0.005");  // 0.02 / 4
  BOOST_TEST_REQUIRE(a.position().has_value());
  BOOST_TEST(a.position()->qty.str() == "0.01");
  BOOST_TEST(a.position()->invested.str() == "0.03");
  BOOST_TEST((a.position()->invested / a.position()->qty).str() == "3");  // average cost
  BOOST_TEST(a.position()->opened_tick == 1);                             // held since the first buy
  BOOST_TEST(a.balance().str() == "0.07");

  const trade_event s = place(a, sell("1"), active(4, "5"), log);
  BOOST_TEST(s.amount.str() == "0.05");  // 0.01 x 5
  BOOST_TEST(s.pnl.str() == "0.02");     // 0.05 - 0.03
  BOOST_TEST(a.balance().str() == "0.12");
}

BOOST_FIXTURE_TEST_CASE(partial_sells_of_10_25_50_and_100_percent, fixture) {
  account a(settings);
  a.begin_game();
  place(a, buy("0.04"), active(1, "2"), log);  // 0.02 tokens, 0.04 invested

  trade_event e = place(a, sell("0.1"), active(2, "3"), log);
  BOOST_TEST(e.qty.str() == "0.002");     // 10 % of 0.02
  BOOST_TEST(e.amount.str() == "0.006");  // 0.002 x 3
  BOOST_TEST(e.pnl.str() == "0.002");     // 0.006 - 10 % of 0.04
  BOOST_TEST(a.position()->qty.str() == "0.018");
  BOOST_TEST(a.position()->invested.str() == "0.036");

  e = place(a, sell("0.25"), active(3, "4"), log);
  BOOST_TEST(e.qty.str() == "0.0045");   // 25 % of 0.018
  BOOST_TEST(e.amount.str() == "0.018");  // 0.0045 x 4
  BOOST_TEST(e.pnl.str() == "0.009");     // 0.018 - 25 % of 0.036
  BOOST_TEST(a.position()->qty.str() == "0.0135");
  BOOST_TEST(a.position()->invested.str() == "0.027");

  e = place(a, sell("0.5"), active(4, "1"), log);
  BOOST_TEST(e.qty.str() == "0.00675");
  BOOST_TEST(e.amount.str() == "0.00675");
  BOOST_TEST(e.pnl.str() == "-0.00675");  // 0.00675 - 0.0135
  BOOST_TEST(a.position()->qty.str() == "0.00675");
  BOOST_TEST(a.position()->invested.str() == "0.0135");

  e = place(a, sell("1"), active(5, "2"), log);
  BOOST_TEST(e.qty.str() == "0.00675");
  BOOST_TEST(e.amount.str() == "0.0135");
  BOOST_TEST(e.pnl.str() == "0");
  BOOST_TEST(!a.position().has_value());
  // 0.1 - 0.04 + 0.006 + 0.018 + 0.00675 + 0.0135
  BOOST_TEST(a.balance().str() == "0.10425");
}

BOOST_FIXTURE_TEST_CASE(amounts_are_rounded_half_to_even_at_27_places, fixture) {
  account a(settings);
  a.begin_game();
  // 0.001 / 0.3 = 0.00333... rounded to 27 places.
  trade_event e = place(a, buy("0.001"), active(1, "0.3"), log);
  BOOST_TEST(e.qty.str() == "0.003333333333333333333333333");
  // Half of it is 0.0016666666666666666666666665 exactly: a tie, rounded to the even 6 (not 7).
  e = place(a, sell("0.5"), active(2, "0.3"), log);
  BOOST_TEST(e.qty.str() == "0.001666666666666666666666666");
  BOOST_TEST(e.amount.str() == "0.0005");  // 0.0004999999999999999999999998 rounds up to 27 places
  BOOST_TEST(e.pnl.str() == "0");

  // 0.01 / 3 sold again at 3 comes back one unit of 1e-27 short: the rounding is visible.
  account b(settings);
  b.begin_game();
  place(b, buy("0.01"), active(1, "3"), log);
  e = place(b, sell("1"), active(2, "3"), log);
  BOOST_TEST(e.amount.str() == "0.009999999999999999999999999");
  BOOST_TEST(e.pnl.str() == "-0.000000000000000000000000001");
}

BOOST_FIXTURE_TEST_CASE(presale_buy_at_1x_and_presale_sell_rejected, fixture) {
  account a(settings);
  a.begin_game();
  const tick pre = presale("1.0");
  BOOST_TEST(a.offered(pre).contains(action::buy));
  BOOST_TEST(a.offered(pre).contains(action::sidebet));
  BOOST_TEST(!a.offered(pre).contains(action::sell));
  const trade_event b = place(a, buy("0.01"), pre, log);
  BOOST_TEST(b.price.str() == "1");
  BOOST_TEST(b.qty.str() == "0.01");
  BOOST_TEST(b.tick == 0);
  // A position in presale cannot be sold yet.
  BOOST_TEST(!a.offered(pre).contains(action::sell));
  BOOST_TEST(reason_of(a, sell("1"), pre) == "phase");
  // GAME_ACTIVATION and ACTIVE_GAMEPLAY allow both.
  const tick activation = make_tick(phase::game_activation, 0, "1");
  BOOST_TEST(a.offered(activation).contains(action::sell));
  BOOST_TEST(reason_of(a, sell("1"), activation) == "ok");
  BOOST_TEST(reason_of(a, buy("0.01"), activation) == "ok");
  BOOST_TEST(reason_of(a, sell("0.5"), active(1, "1.1")) == "ok");
}

BOOST_FIXTURE_TEST_CASE(no_trading_outside_presale_and_play, fixture) {
  account a(settings);
  a.begin_game();
  for (phase p : {phase::unknown, phase::cooldown}) {
    const tick t = make_tick(p, 0, "1");
    BOOST_TEST(a.offered(t).empty());
    BOOST_TEST(reason_of(a, buy("0.01"), t) == "phase");
    BOOST_TEST(reason_of(a, sidebet("0.01"), t) == "phase");
    BOOST_TEST(reason_of(a, sell("1"), t) == "phase");
  }
  // An in-play phase with active=false is not in play.
  tick inactive = active(3, "1.2");
  inactive.active = false;
  BOOST_TEST(a.offered(inactive).empty());
  BOOST_TEST(reason_of(a, buy("0.01"), inactive) == "phase");
}

BOOST_FIXTURE_TEST_CASE(the_rug_liquidates_the_position_as_a_loss, fixture) {
  account a(settings);
  a.begin_game();
  a.observe(presale(), log);
  place(a, buy("0.01"), presale("1.0"), log);  // 0.01 tokens
  a.observe(active(1, "1.5"), log);
  BOOST_TEST(log.size() == 1u);
  a.observe(rug(2, "0.02"), log);
  BOOST_TEST_REQUIRE(log.size() == 2u);
  const trade_event& l = log.back();
  BOOST_TEST(kind(l) == "liquidation");
  BOOST_TEST(l.tick == 2);
  BOOST_TEST(l.price.str() == "0.02");
  BOOST_TEST(l.qty.str() == "0.01");
  BOOST_TEST(l.amount.str() == "0.0002");  // 0.01 x 0.02
  BOOST_TEST(l.pnl.str() == "-0.0098");    // 0.0002 - 0.01: a loss
  BOOST_TEST(l.balance.str() == "0.0902");
  BOOST_TEST(!a.position().has_value());
  BOOST_TEST(a.rugged());
  // Later rugged ticks do nothing more.
  a.observe(make_tick(phase::rug_event_1, 2, "0.02", true), log);
  BOOST_TEST(log.size() == 2u);
}

BOOST_FIXTURE_TEST_CASE(no_order_after_the_rug_until_the_next_presale, fixture) {
  account a(settings);
  a.begin_game();
  a.observe(active(1, "1.5"), log);
  const tick r = rug(2, "0.02");
  a.observe(r, log);
  const tick after[] = {r, make_tick(phase::rug_event_1, 2, "0.02", true),
                        make_tick(phase::active_gameplay, 3, "1.0"),  // even a later unflagged tick
                        make_tick(phase::cooldown, 2, "0.02")};
  for (const tick& t : after) {
    BOOST_TEST(a.offered(t).empty());
    BOOST_TEST(reason_of(a, buy("0.01"), t) == "rugged");
    BOOST_TEST(reason_of(a, sell("1"), t) == "rugged");
    BOOST_TEST(reason_of(a, sidebet("0.01"), t) == "rugged");
  }
  // A rugged tick is refused even before the account has observed it.
  account fresh(settings);
  fresh.begin_game();
  BOOST_TEST(reason_of(fresh, buy("0.01"), r) == "rugged");
  // The next game's presale accepts orders again.
  a.begin_game();
  BOOST_TEST(!a.rugged());
  BOOST_TEST(reason_of(a, buy("0.01"), presale()) == "ok");
}

BOOST_FIXTURE_TEST_CASE(a_sidebet_wins_on_tick_n_plus_40, fixture) {
  account a(settings);
  a.begin_game();
  const trade_event p = place(a, sidebet("0.01"), active(10, "1.2"), log);
  BOOST_TEST(kind(p) == "sidebet_placed");
  BOOST_TEST(p.amount.str() == "0.01");
  BOOST_TEST(p.balance.str() == "0.09");  // the stake leaves the balance when placed
  BOOST_TEST_REQUIRE(a.sidebet().has_value());
  BOOST_TEST(a.sidebet()->placed_tick == 10);
  BOOST_TEST(a.sidebet()->last_covered_tick == 50);
  for (std::int64_t i = 11; i <= 49; ++i) a.observe(active(i, "1.3"), log);
  BOOST_TEST(log.size() == 1u);
  a.observe(rug(50, "0.01"), log);
  BOOST_TEST_REQUIRE(log.size() == 2u);
  const trade_event& w = log.back();
  BOOST_TEST(kind(w) == "sidebet_won");
  BOOST_TEST(w.tick == 50);
  BOOST_TEST(w.amount.str() == "0.05");  // 5 x the stake in total
  BOOST_TEST(w.pnl.str() == "0.04");
  BOOST_TEST(w.balance.str() == "0.14");
  BOOST_TEST(!a.sidebet().has_value());
}

BOOST_FIXTURE_TEST_CASE(a_rug_on_the_placing_tick_plus_zero_wins_too, fixture) {
  // The window is N..N+40 inclusive: a rug on the very next observed tick index N wins.
  account a(settings);
  a.begin_game();
  place(a, sidebet("0.002"), active(7, "1.2"), log);
  a.observe(rug(7, "0.01"), log);
  BOOST_TEST(kind(log.back()) == "sidebet_won");
  BOOST_TEST(log.back().amount.str() == "0.01");
  BOOST_TEST(a.balance().str() == "0.108");
}

BOOST_FIXTURE_TEST_CASE(a_sidebet_loses_when_tick_n_plus_41_arrives, fixture) {
  account a(settings);
  a.begin_game();
  place(a, sidebet("0.01"), active(10, "1.2"), log);
  for (std::int64_t i = 11; i <= 50; ++i) a.observe(active(i, "1.3"), log);
  BOOST_TEST(log.size() == 1u);
  BOOST_TEST(a.sidebet().has_value());
  a.observe(active(51, "1.3"), log);
  BOOST_TEST_REQUIRE(log.size() == 2u);
  const trade_event& l = log.back();
  BOOST_TEST(kind(l) == "sidebet_lost");
  BOOST_TEST(l.tick == 51);
  BOOST_TEST(l.amount.str() == "0.01");
  BOOST_TEST(l.pnl.str() == "-0.01");
  BOOST_TEST(l.balance.str() == "0.09");
  // The rug that comes later pays nothing: the sidebet is already lost.
  a.observe(rug(60, "0.01"), log);
  BOOST_TEST(log.size() == 2u);
  BOOST_TEST(a.balance().str() == "0.09");
}

BOOST_FIXTURE_TEST_CASE(a_rug_on_tick_n_plus_41_loses, fixture) {
  account a(settings);
  a.begin_game();
  place(a, sidebet("0.01"), active(10, "1.2"), log);
  a.observe(active(50, "1.3"), log);
  a.observe(rug(51, "0.01"), log);
  BOOST_TEST_REQUIRE(log.size() == 2u);
  BOOST_TEST(kind(log.back()) == "sidebet_lost");
  BOOST_TEST(a.balance().str() == "0.09");
}

BOOST_FIXTURE_TEST_CASE(a_gap_past_the_window_loses_on_the_first_tick_beyond_it, fixture) {
  account a(settings);
  a.begin_game();
  place(a, sidebet("0.01"), active(10, "1.2"), log);
  a.observe(active(45, "1.3"), log);
  a.observe(active(53, "1.3"), log);  // indices 46..52 missing from the recording
  BOOST_TEST_REQUIRE(log.size() == 2u);
  BOOST_TEST(kind(log.back()) == "sidebet_lost");
  BOOST_TEST(log.back().tick == 53);
}

BOOST_FIXTURE_TEST_CASE(a_presale_sidebet_covers_ticks_0_to_40, fixture) {
  account a(settings);
  a.begin_game();
  place(a, sidebet("0.001"), presale(), log);
  BOOST_TEST(a.sidebet()->placed_tick == 0);
  BOOST_TEST(a.sidebet()->last_covered_tick == 40);
  a.observe(presale(), log);  // presale repeats index 0
  a.observe(active(40, "1.1"), log);
  BOOST_TEST(a.sidebet().has_value());
  a.observe(rug(40, "0.01"), log);
  BOOST_TEST(kind(log.back()) == "sidebet_won");
  BOOST_TEST(log.back().amount.str() == "0.005");
}

BOOST_FIXTURE_TEST_CASE(one_sidebet_at_a_time_and_a_5_tick_cooldown, fixture) {
  account a(settings);
  a.begin_game();
  place(a, sidebet("0.001"), active(10, "1.2"), log);
  BOOST_TEST(!a.offered(active(11, "1.2")).contains(action::sidebet));
  BOOST_TEST(reason_of(a, sidebet("0.001"), active(11, "1.2")) == "sidebet_active");
  a.observe(active(51, "1.2"), log);  // lost: resolved on tick 51
  BOOST_TEST(kind(log.back()) == "sidebet_lost");
  for (std::int64_t i = 51; i <= 55; ++i) {
    const tick t = active(i, "1.2");
    BOOST_TEST(!a.offered(t).contains(action::sidebet), "tick " << i);
    BOOST_TEST(reason_of(a, sidebet("0.001"), t) == "sidebet_cooldown", "tick " << i);
    BOOST_TEST(reason_of(a, buy("0.001"), t) == "ok");  // the cooldown is for sidebets only
  }
  const tick ready = active(56, "1.2");
  BOOST_TEST(a.offered(ready).contains(action::sidebet));
  BOOST_TEST(reason_of(a, sidebet("0.001"), ready) == "ok");
  // The cooldown starts at a win too, and does not carry into the next game.
  a.begin_game();
  BOOST_TEST(reason_of(a, sidebet("0.001"), presale()) == "ok");
}

BOOST_FIXTURE_TEST_CASE(rejections_name_their_reason, fixture) {
  settings.starting_balance = dec("10");
  account a(settings);
  a.begin_game();
  const tick t = active(5, "2");
  BOOST_TEST(reason_of(a, buy("0.0009"), t) == "below_min");
  BOOST_TEST(reason_of(a, buy("0.001"), t) == "ok");  // the limits are inclusive
  BOOST_TEST(reason_of(a, buy("5"), t) == "ok");
  BOOST_TEST(reason_of(a, buy("5.000000001"), t) == "above_max");
  BOOST_TEST(reason_of(a, sidebet("0.0009"), t) == "below_min");
  BOOST_TEST(reason_of(a, sidebet("5.1"), t) == "above_max");
  BOOST_TEST(reason_of(a, sell("1"), t) == "no_position");
  BOOST_TEST(reason_of(a, buy("0.01"), active(5, "0")) == "zero_price");

  const trading_settings defaults;  // an account keeps a reference to its settings
  account poor(defaults);
  poor.begin_game();
  BOOST_TEST(reason_of(poor, buy("0.1"), t) == "ok");  // the whole balance is allowed
  BOOST_TEST(reason_of(poor, buy("0.100000000000000000000000001"), t) == "balance");
  BOOST_TEST(reason_of(poor, sidebet("0.2"), t) == "balance");

  place(a, buy("0.01"), t, log);
  for (const char* f : {"0.2", "0.75", "0.3", "0.01", "2", "0.1000000001"})
    BOOST_TEST(reason_of(a, sell(f), active(6, "2")) == "bad_fraction", f);
  for (const char* f : {"0.1", "0.25", "0.5", "1", "1.0", "0.50"})
    BOOST_TEST(reason_of(a, sell(f), active(6, "2")) == "ok", f);
  BOOST_TEST(reason_of(a, sell("1"), presale()) == "phase");
  BOOST_TEST(reason_of(a, buy("0.01"), make_tick(phase::cooldown, 6, "2")) == "phase");
  BOOST_TEST(reason_of(a, buy("0.01"), rug(6, "0.02")) == "rugged");

  place(a, sidebet("0.01"), t, log);
  BOOST_TEST(reason_of(a, sidebet("0.01"), active(6, "2")) == "sidebet_active");
  // A rejection changes nothing.
  BOOST_TEST(a.balance().str() == "9.98");
}

BOOST_FIXTURE_TEST_CASE(an_incomplete_game_closes_at_the_last_price_and_refunds_the_sidebet, fixture) {
  account a(settings);
  a.begin_game();
  place(a, buy("0.01"), presale("1.0"), log);
  const tick t3 = active(3, "1.5");
  a.observe(t3, log);
  place(a, sidebet("0.002"), t3, log);
  const tick last = active(5, "2");
  a.observe(last, log);
  BOOST_TEST(a.balance().str() == "0.088");
  BOOST_TEST(a.equity(last.price.value()).str() == "0.11");  // 0.088 + 0.01 x 2 + 0.002
  a.end_game(last.index, last.price.value(), log);
  BOOST_TEST_REQUIRE(log.size() == 4u);
  const trade_event& c = log[2];
  BOOST_TEST(kind(c) == "close_incomplete");
  BOOST_TEST(c.tick == 5);
  BOOST_TEST(c.price.str() == "2");
  BOOST_TEST(c.amount.str() == "0.02");
  BOOST_TEST(c.pnl.str() == "0.01");
  const trade_event& r = log[3];
  BOOST_TEST(kind(r) == "sidebet_refunded");
  BOOST_TEST(r.amount.str() == "0.002");
  BOOST_TEST(r.pnl.str() == "0");
  BOOST_TEST(r.balance.str() == "0.11");
  BOOST_TEST(!a.position().has_value());
  BOOST_TEST(!a.sidebet().has_value());
}

BOOST_FIXTURE_TEST_CASE(a_game_that_rugged_has_nothing_to_close, fixture) {
  account a(settings);
  a.begin_game();
  place(a, buy("0.01"), presale(), log);
  const tick r = rug(4, "0.5");
  a.observe(r, log);
  const std::size_t n = log.size();
  a.end_game(r.index, r.price.value(), log);
  BOOST_TEST(log.size() == n);
}

BOOST_FIXTURE_TEST_CASE(equity_is_marked_to_market, fixture) {
  account a(settings);
  a.begin_game();
  BOOST_TEST(a.equity(dec("3")).str() == "0.1");
  place(a, buy("0.02"), active(1, "2"), log);  // 0.01 tokens
  place(a, sidebet("0.005"), active(1, "2"), log);
  BOOST_TEST(a.balance().str() == "0.075");
  BOOST_TEST(a.position_value(dec("2")).str() == "0.02");
  BOOST_TEST(a.equity(dec("2")).str() == "0.1");    // 0.075 + 0.02 + 0.005
  BOOST_TEST(a.equity(dec("5")).str() == "0.13");   // 0.075 + 0.05 + 0.005
  BOOST_TEST(a.equity(dec("0.5")).str() == "0.085");  // 0.075 + 0.005 + 0.005
}

BOOST_FIXTURE_TEST_CASE(session_wallet_carries_the_balance_per_game_starts_again, fixture) {
  account session(settings);
  session.begin_game();
  place(session, buy("0.01"), active(1, "2"), log);
  place(session, sell("1"), active(2, "4"), log);
  session.begin_game();
  BOOST_TEST(session.balance().str() == "0.11");

  settings.wallet = wallet_mode::per_game;
  account per_game(settings);
  per_game.begin_game();
  place(per_game, buy("0.01"), active(1, "2"), log);
  place(per_game, sell("1"), active(2, "4"), log);
  BOOST_TEST(per_game.balance().str() == "0.11");
  per_game.begin_game();
  BOOST_TEST(per_game.balance().str() == "0.1");
}

BOOST_AUTO_TEST_CASE(settings_by_key) {
  trading_settings s;
  BOOST_TEST(!apply_setting(s, "starting_balance", "2.5"));
  BOOST_TEST(s.starting_balance.str() == "2.5");
  BOOST_TEST(!apply_setting(s, "latency_ticks", "3"));
  BOOST_TEST(s.latency_ticks == 3);
  BOOST_TEST(!apply_setting(s, "wallet", "per-game"));
  BOOST_TEST((s.wallet == wallet_mode::per_game));
  BOOST_TEST(!apply_setting(s, "max_exposure", "0.05"));
  BOOST_TEST(s.max_exposure->str() == "0.05");
  BOOST_TEST(!apply_setting(s, "max_exposure", "off"));
  BOOST_TEST(!s.max_exposure);
  BOOST_TEST(!apply_setting(s, "max_orders_per_game", "4"));
  BOOST_TEST(*s.max_orders_per_game == 4);

  BOOST_TEST(*apply_setting(s, "nope", "1") == "unknown setting 'nope' (replayer strategies lists them)");
  BOOST_TEST(*apply_setting(s, "latency_ticks", "-1") == "latency_ticks: '-1' is not a whole number >= 0");
  BOOST_TEST(*apply_setting(s, "latency_ticks", "1.5") == "latency_ticks: '1.5' is not a whole number >= 0");
  BOOST_TEST(*apply_setting(s, "starting_balance", "0") == "starting_balance: '0' is not a positive decimal number");
  BOOST_TEST(*apply_setting(s, "wallet", "shared") ==
             "wallet: 'shared' is not a wallet mode (use session or per-game)");
  BOOST_TEST(*apply_setting(s, "max_stake_per_order", "x") == "max_stake_per_order: 'x' is not a positive decimal number");
}

BOOST_AUTO_TEST_CASE(every_setting_is_bounded) {
  // Each integer setting has a ceiling: INT64_MAX used to be taken, and a sidebet's window end
  // (tick + window) then overflowed.
  trading_settings s;
  for (const char* key : {"sidebet_window", "sidebet_cooldown", "latency_ticks", "max_orders_per_game"}) {
    BOOST_TEST(*apply_setting(s, key, "9223372036854775807") ==
                   std::string(key) + ": '9223372036854775807' is out of range (0 to 100000)", key);
    BOOST_TEST(*apply_setting(s, key, "99999999999999999999") ==
                   std::string(key) + ": '99999999999999999999' is out of range (0 to 100000)", key);
    BOOST_TEST(*apply_setting(s, key, "100001") == std::string(key) + ": '100001' is out of range (0 to 100000)", key);
    BOOST_TEST(!apply_setting(s, key, "100000"), key);
  }
  BOOST_TEST(*apply_setting(s, "max_consecutive_losses", "1000001") ==
             "max_consecutive_losses: '1000001' is out of range (0 to 1000000)");
  BOOST_TEST(s.sidebet_window == 100'000);
  // Amounts: a million SOL at most, and a number too large for the decimal is out of range too,
  // not "not a number".
  BOOST_TEST(*apply_setting(s, "starting_balance", "1e12") ==
             "starting_balance: '1e12' is out of range (more than 0 to 1000000)");
  BOOST_TEST(*apply_setting(s, "starting_balance", "1e40") ==
             "starting_balance: '1e40' is out of range (more than 0 to 1000000)");
  BOOST_TEST(*apply_setting(s, "starting_balance", "1000000.000001") ==
             "starting_balance: '1000000.000001' is out of range (more than 0 to 1000000)");
  BOOST_TEST(!apply_setting(s, "starting_balance", "1000000"));
  BOOST_TEST(*apply_setting(s, "sidebet_payout", "1001") == "sidebet_payout: '1001' is out of range (more than 0 to 1000)");
  BOOST_TEST(*apply_setting(s, "session_loss_limit", "2e6") ==
             "session_loss_limit: '2e6' is out of range (more than 0 to 1000000)");
  BOOST_TEST(*apply_setting(s, "max_amount", "1e") == "max_amount: '1e' is not a positive decimal number");

  const auto d = describe(trading_settings{});
  std::string keys;
  for (const auto& e : d) keys += e.key + "=" + e.value + " ";
  BOOST_TEST(keys ==
             "starting_balance=0.1 min_amount=0.001 max_amount=5 sidebet_window=40 sidebet_payout=5 "
             "sidebet_cooldown=5 latency_ticks=0 wallet=session max_stake_per_order=off max_exposure=off "
             "session_loss_limit=off max_orders_per_game=off max_consecutive_losses=off ");
}

BOOST_AUTO_TEST_CASE(names_of_actions_reasons_and_events) {
  BOOST_TEST(action_name(action::sidebet) == "sidebet");
  std::string reasons;
  for (std::size_t i = 0; i < reject_reason_count; ++i)
    reasons += std::string(reject_reason_name(static_cast<reject_reason>(i))) + " ";
  BOOST_TEST(reasons ==
             "phase zero_price rugged below_min above_max balance no_position bad_fraction sidebet_active "
             "sidebet_cooldown risk_max_stake risk_max_exposure risk_loss_limit risk_orders_per_game "
             "risk_consecutive_losses ");
  trade_event e;
  e.kind = event_kind::rejected;
  e.tick = 7;
  e.price = dec("1.5");
  e.amount = dec("0.3");
  e.balance = dec("0.1");
  e.action = action::sell;
  e.reason = reject_reason::bad_fraction;
  BOOST_TEST(trade_event_json("g1", e) ==
             R"({"game": "g1", "tick": 7, "event": "rejected", "action": "sell", "reason": "bad_fraction", )"
             R"("price": "1.5", "amount": "0.3", "qty": "0", "pnl": "0", "balance": "0.1"})");
  BOOST_TEST(trade_event_csv_header() == "game,tick,event,action,reason,price,amount,qty,pnl,balance");
  BOOST_TEST(trade_event_csv("g1", e) == "g1,7,rejected,sell,bad_fraction,1.5,0.3,0,0,0.1");
}

BOOST_AUTO_TEST_SUITE_END()
