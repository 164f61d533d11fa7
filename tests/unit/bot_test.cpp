// bot: the decision loop (core/trading/bot): a decision on every tick line, only valid
// actions offered, rejections logged as events, latency fills, and every risk rail, on hand-built
// ticks with results worked out by hand.
#include "core/trading/bot.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <functional>
#include <map>
#include <string>
#include <vector>

// The suite is named bot (after the file, as tests/CMakeLists.txt registers it), so the class is
// only ever named as `trading_bot` here.
using trading_bot = replayer::bot;
using replayer::action;
using replayer::action_name;
using replayer::action_set;
using replayer::decision_view;
using replayer::event_kind_name;
using replayer::order;
using replayer::phase;
using replayer::reject_reason_name;
using replayer::strategy;
using replayer::tick;
using replayer::trade_event;
using replayer::trading_settings;
using test_support::active;
using test_support::buy;
using test_support::dec;
using test_support::make_tick;
using test_support::presale;
using test_support::rug;
using test_support::sell;
using test_support::sidebet;

namespace {

std::string offered_text(action_set s) {
  std::string out;
  for (action a : {action::buy, action::sell, action::sidebet})
    if (s.contains(a)) out += (out.empty() ? "" : ",") + std::string(action_name(a));
  return out.empty() ? "-" : out;
}

// Plays a script: the order to give on the n-th call (0-based), whatever is offered, and a record
// of every call.
class scripted final : public strategy {
public:
  std::map<std::size_t, order> script;
  std::vector<std::int64_t> seen_ticks;
  std::vector<std::string> seen_offered;

  std::optional<order> decide(const decision_view& view) override {
    const std::size_t call = seen_ticks.size();
    seen_ticks.push_back(view.now.index);
    seen_offered.push_back(offered_text(view.offered));
    if (auto it = script.find(call); it != script.end()) return it->second;
    return std::nullopt;
  }
};

std::string kind(const trade_event& e) { return std::string(event_kind_name(e.kind)); }
std::string reason(const trade_event& e) { return e.reason ? std::string(reject_reason_name(*e.reason)) : "-"; }

// "kind@tick" for every event, e.g. "buy@1 rejected:phase@0".
std::string summary(const std::vector<trade_event>& events) {
  std::string out;
  for (const auto& e : events) {
    if (!out.empty()) out += ' ';
    out += kind(e);
    if (e.reason) out += ':' + reason(e);
    out += '@' + std::to_string(e.tick);
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(bot)

BOOST_AUTO_TEST_CASE(a_decision_on_every_tick_line_with_only_valid_actions) {
  trading_settings settings;
  scripted s;
  s.script = {{2, buy("0.01")}, {4, sidebet("0.001")}};
  trading_bot b(settings, s);
  b.begin_game();
  const tick ticks[] = {make_tick(phase::unknown, 0, "1"),        // 0 cooldown before the game
                        presale(),                                // 1
                        presale(),                                // 2 buy
                        make_tick(phase::game_activation, 0, "1"),  // 3
                        active(1, "1.1"),                         // 4 sidebet
                        active(2, "1.2"),                         // 5
                        rug(3, "0.01"),                           // 6
                        make_tick(phase::rug_event_1, 3, "0.01", true)};  // 7
  for (const tick& t : ticks) b.on_tick(t);
  b.end_game(&ticks[7]);
  BOOST_TEST(s.seen_ticks == (std::vector<std::int64_t>{0, 0, 0, 0, 1, 2, 3, 3}));
  BOOST_TEST(s.seen_offered == (std::vector<std::string>{"-", "buy,sidebet", "buy,sidebet", "buy,sell,sidebet",
                                                         "buy,sell,sidebet", "buy,sell", "-", "-"}));
  BOOST_TEST(summary(b.events()) == "buy@0 sidebet_placed@1 liquidation@3 sidebet_won@3");
}

BOOST_AUTO_TEST_CASE(a_rejected_order_is_an_event_not_an_exception) {
  trading_settings settings;
  scripted s;
  // A strategy may ignore what is offered; the executor says no with a reason.
  s.script = {{0, sell("1")}, {1, buy("0.0001")}, {2, buy("7")}, {3, buy("0.2")}, {4, buy("0.01")},
              {5, sell("0.3")}, {6, sidebet("0.001")}, {7, sidebet("0.001")}, {8, buy("0.01")}};
  trading_bot b(settings, s);
  b.begin_game();
  b.on_tick(presale());     // 0 sell in presale: phase
  b.on_tick(active(1, "1"));  // 1 below_min
  b.on_tick(active(2, "1"));  // 2 above_max
  b.on_tick(active(3, "1"));  // 3 balance
  b.on_tick(active(4, "1"));  // 4 filled
  b.on_tick(active(5, "1"));  // 5 bad_fraction
  b.on_tick(active(6, "1"));  // 6 sidebet filled
  b.on_tick(active(7, "1"));  // 7 sidebet_active
  b.on_tick(rug(8, "0.01"));  // 8 rugged
  BOOST_TEST(summary(b.events()) ==
             "rejected:phase@0 rejected:below_min@1 rejected:above_max@2 rejected:balance@3 buy@4 "
             "rejected:bad_fraction@5 sidebet_placed@6 rejected:sidebet_active@7 liquidation@8 sidebet_won@8 "
             "rejected:rugged@8");
  const trade_event& r = b.events()[5];
  BOOST_TEST_REQUIRE(r.action.has_value());
  BOOST_TEST(std::string(action_name(*r.action)) == "sell");
  BOOST_TEST(r.amount.str() == "0.3");
  BOOST_TEST(r.price.str() == "1");
  BOOST_TEST(r.balance.str() == "0.09");
}

BOOST_AUTO_TEST_CASE(a_sidebet_in_its_cooldown_is_rejected) {
  trading_settings settings;
  scripted s;
  s.script = {{0, sidebet("0.001")}, {2, sidebet("0.001")}, {3, sidebet("0.001")}};
  trading_bot b(settings, s);
  b.begin_game();
  b.on_tick(active(1, "1"));   // 0 placed: covers 1..41
  b.on_tick(active(42, "1"));  // 1 lost on 42
  b.on_tick(active(46, "1"));  // 2 cooldown until 47
  b.on_tick(active(47, "1"));  // 3 placed
  BOOST_TEST(summary(b.events()) == "sidebet_placed@1 sidebet_lost@42 rejected:sidebet_cooldown@46 sidebet_placed@47");
  BOOST_TEST(s.seen_offered[2] == "buy");
  BOOST_TEST(s.seen_offered[3] == "buy,sidebet");
}

BOOST_AUTO_TEST_CASE(without_latency_an_order_fills_at_its_own_tick) {
  trading_settings settings;
  scripted s;
  s.script = {{1, buy("0.01")}};
  trading_bot b(settings, s);
  b.begin_game();
  b.on_tick(active(1, "1"));
  b.on_tick(active(2, "2"));
  BOOST_TEST_REQUIRE(b.events().size() == 1u);
  BOOST_TEST(b.events()[0].tick == 2);
  BOOST_TEST(b.events()[0].price.str() == "2");
  BOOST_TEST(b.events()[0].qty.str() == "0.005");
}

BOOST_AUTO_TEST_CASE(latency_fills_n_ticks_later_at_that_ticks_price) {
  trading_settings settings;
  settings.latency_ticks = 2;
  scripted s;
  s.script = {{0, buy("0.01")}, {1, sell("1")}};
  trading_bot b(settings, s);
  b.begin_game();
  b.on_tick(active(1, "1"));    // decided: buy
  b.on_tick(active(2, "1.5"));  // waiting; the strategy is not asked
  BOOST_TEST(b.events().empty());
  b.on_tick(active(3, "2"));    // filled at 2; then the strategy decides again: sell
  BOOST_TEST_REQUIRE(b.events().size() == 1u);
  const trade_event& e = b.events()[0];
  BOOST_TEST(kind(e) == "buy");
  BOOST_TEST(e.tick == 3);
  BOOST_TEST(e.price.str() == "2");
  BOOST_TEST(e.qty.str() == "0.005");  // 0.01 / 2, not 0.01 / 1
  b.on_tick(active(4, "3"));
  b.on_tick(active(5, "4"));  // the sell decided on 3 fills on 5 at 4
  BOOST_TEST_REQUIRE(b.events().size() == 2u);
  BOOST_TEST(b.events()[1].tick == 5);
  BOOST_TEST(b.events()[1].amount.str() == "0.02");
  BOOST_TEST(b.events()[1].pnl.str() == "0.01");
  BOOST_TEST(s.seen_ticks == (std::vector<std::int64_t>{1, 3, 5}));
}

BOOST_AUTO_TEST_CASE(a_pending_order_meets_the_rug_and_is_rejected) {
  trading_settings settings;
  settings.latency_ticks = 2;
  scripted s;
  s.script = {{0, buy("0.01")}, {2, buy("0.01")}};
  trading_bot b(settings, s);
  b.begin_game();
  b.on_tick(active(1, "1"));
  b.on_tick(rug(2, "0.01"));
  const tick after_rug = make_tick(phase::rug_event_1, 2, "0.01", true);
  b.on_tick(after_rug);  // the fill would be here
  b.end_game(&after_rug);
  BOOST_TEST(summary(b.events()) == "rejected:rugged@2");
  // A pending order still waiting when the game ends is rejected too.
  b.begin_game();
  b.on_tick(presale());
  const tick last = active(1, "1");
  b.end_game(&last);
  BOOST_TEST(summary(b.events()) == "rejected:rugged@2 rejected:phase@1");
}

BOOST_AUTO_TEST_CASE(risk_rail_max_stake_per_order) {
  trading_settings settings;
  settings.max_stake_per_order = dec("0.005");
  scripted s;
  s.script = {{0, buy("0.01")}, {1, buy("0.005")}, {2, sidebet("0.006")}, {3, sell("1")}};
  trading_bot b(settings, s);
  b.begin_game();
  for (int i = 1; i <= 4; ++i) b.on_tick(active(i, "1"));
  BOOST_TEST(summary(b.events()) == "rejected:risk_max_stake@1 buy@2 rejected:risk_max_stake@3 sell@4");
}

BOOST_AUTO_TEST_CASE(risk_rail_max_exposure) {
  trading_settings settings;
  settings.max_exposure = dec("0.015");
  scripted s;
  // Exposure = open position cost + open sidebet stake + the new order.
  s.script = {{0, buy("0.01")}, {1, sidebet("0.006")}, {2, sidebet("0.005")}, {3, buy("0.001")}, {4, sell("0.5")},
              {5, buy("0.005")}};
  trading_bot b(settings, s);
  b.begin_game();
  for (int i = 1; i <= 6; ++i) b.on_tick(active(i, "1"));
  BOOST_TEST(summary(b.events()) ==
             "buy@1 rejected:risk_max_exposure@2 sidebet_placed@3 rejected:risk_max_exposure@4 sell@5 buy@6");
  // After selling half, 0.005 + 0.005 + 0.005 = 0.015 is allowed.
  BOOST_TEST(b.wallet().position()->invested.str() == "0.01");
}

BOOST_AUTO_TEST_CASE(risk_rail_max_orders_per_game) {
  trading_settings settings;
  settings.max_orders_per_game = 2;
  scripted s;
  s.script = {{0, buy("0.01")}, {1, buy("0.0001")}, {2, sell("1")}, {3, buy("0.01")}, {4, buy("0.01")}};
  trading_bot b(settings, s);
  b.begin_game();
  for (int i = 1; i <= 4; ++i) b.on_tick(active(i, "1"));
  // Rejected orders do not count; the third accepted one is refused.
  BOOST_TEST(summary(b.events()) == "buy@1 rejected:below_min@2 sell@3 rejected:risk_orders_per_game@4");
  b.begin_game();  // a new game, a new count
  b.on_tick(presale());
  BOOST_TEST(kind(b.events().back()) == "buy");
}

BOOST_AUTO_TEST_CASE(risk_rail_session_loss_limit_is_a_kill_switch) {
  trading_settings settings;
  settings.session_loss_limit = dec("0.005");
  scripted s;
  s.script = {{0, buy("0.01")}};
  trading_bot b(settings, s);
  b.begin_game();
  b.on_tick(active(1, "1"));
  b.on_tick(active(2, "0.6"));  // unrealised -0.004: still trading
  BOOST_TEST(!b.halted());
  b.on_tick(active(3, "0.5"));  // -0.005: stopped
  BOOST_TEST_REQUIRE(b.halted().has_value());
  BOOST_TEST(std::string(reject_reason_name(*b.halted())) == "risk_loss_limit");
  const std::size_t calls = s.seen_ticks.size();
  b.on_tick(active(4, "2"));
  b.on_tick(rug(5, "0.01"));
  BOOST_TEST(s.seen_ticks.size() == calls);  // no decision after the kill switch
  BOOST_TEST(s.seen_ticks == (std::vector<std::int64_t>{1, 2}));
  // The open position stays until the rug.
  BOOST_TEST(summary(b.events()) == "buy@1 liquidation@5");
  b.begin_game();  // the session stays stopped
  b.on_tick(presale());
  BOOST_TEST(s.seen_ticks.size() == calls);
}

BOOST_AUTO_TEST_CASE(risk_rail_session_loss_limit_counts_realised_losses) {
  trading_settings settings;
  settings.session_loss_limit = dec("0.01");
  scripted s;
  s.script = {{0, sidebet("0.006")}, {3, sidebet("0.004")}};
  trading_bot b(settings, s);
  b.begin_game();
  b.on_tick(active(1, "1"));   // 0 placed
  b.on_tick(active(42, "1"));  // 1 lost: -0.006
  b.on_tick(active(46, "1"));  // 2 cooldown
  b.on_tick(active(47, "1"));  // 3 placed
  b.on_tick(active(88, "1"));  // 4 lost: -0.01 in all: stopped before deciding
  BOOST_TEST(summary(b.events()) == "sidebet_placed@1 sidebet_lost@42 sidebet_placed@47 sidebet_lost@88");
  BOOST_TEST_REQUIRE(b.halted().has_value());
  BOOST_TEST(std::string(reject_reason_name(*b.halted())) == "risk_loss_limit");
  BOOST_TEST(s.seen_ticks.size() == 4u);
}

BOOST_AUTO_TEST_CASE(risk_rail_max_consecutive_losses) {
  trading_settings settings;
  settings.max_consecutive_losses = 2;
  scripted s;
  // loss, win (resets), loss, even (does not reset), loss: stopped.
  const char* prices[] = {"1", "0.5", "1", "2", "1", "0.5", "1", "1", "1", "0.5", "1"};
  for (std::size_t i = 0; i + 1 < std::size(prices); i += 2) {
    s.script[i] = buy("0.01");
    s.script[i + 1] = sell("1");
  }
  trading_bot b(settings, s);
  b.begin_game();
  for (std::size_t i = 0; i < std::size(prices); ++i) {
    b.on_tick(active(static_cast<std::int64_t>(i + 1), prices[i]));
    if (i == 7) BOOST_TEST(!b.halted());
  }
  BOOST_TEST_REQUIRE(b.halted().has_value());
  BOOST_TEST(std::string(reject_reason_name(*b.halted())) == "risk_consecutive_losses");
  BOOST_TEST(summary(b.events()) == "buy@1 sell@2 buy@3 sell@4 buy@5 sell@6 buy@7 sell@8 buy@9 sell@10");
  BOOST_TEST(s.seen_ticks.size() == 10u);  // tick 11: stopped
}

BOOST_AUTO_TEST_CASE(a_liquidation_counts_as_a_consecutive_loss) {
  trading_settings settings;
  settings.max_consecutive_losses = 1;
  scripted s;
  s.script = {{0, buy("0.01")}};
  trading_bot b(settings, s);
  b.begin_game();
  b.on_tick(presale());
  b.on_tick(rug(1, "0.01"));
  BOOST_TEST_REQUIRE(b.halted().has_value());
  BOOST_TEST(std::string(reject_reason_name(*b.halted())) == "risk_consecutive_losses");
}

BOOST_AUTO_TEST_SUITE_END()
