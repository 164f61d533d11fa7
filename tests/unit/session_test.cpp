// session: the trading loop (core/trading/session) on hand-built ticks with results worked out
// by hand: a decision on every live tick line, only valid actions offered, rejections logged as
// events, latency fills, every risk rail; and the execution seam with a scripted executor: fills
// at another price, late fills, rejections, timeouts, reports after the game, a rug while an
// order is in flight; backfilled ticks and pre-game tick counts.
#include "core/trading/session.hpp"

#include "core/trading/paper_executor.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <functional>
#include <memory>
#include <map>
#include <string>
#include <vector>

using replayer::action;
using replayer::action_name;
using replayer::action_set;
using replayer::decision_view;
using replayer::event_kind_name;
using replayer::execution_report;
using replayer::executor;
using replayer::order_request;
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

// Lends a strategy the test keeps to a session, which owns what it is given.
class lent final : public strategy {
public:
  explicit lent(strategy& s) : s_(s) {}
  std::optional<order> decide(const decision_view& view) override { return s_.decide(view); }

private:
  strategy& s_;
};

struct event_tap final : replayer::trade_sink {
  std::vector<trade_event> events;
  void on_event(std::string_view, const trade_event& e) override { events.push_back(e); }
};

// A session with the paper executor (or another), every event collected as it happens.
class trading_bot {
public:
  trading_bot(const trading_settings& settings, strategy& s, std::unique_ptr<executor> x = nullptr)
      : session_(settings, std::make_unique<lent>(s),
                 x ? std::move(x) : std::make_unique<replayer::paper_executor>(settings.latency_ticks),
                 {false, &tap_}) {}

  // A new game; the one before, if any, ends first.
  void begin_game() {
    if (in_game_) session_.end_game();
    session_.begin_game("G" + std::to_string(++games_));
    in_game_ = true;
  }
  void on_tick(const tick& t) { session_.on_tick(t); }
  void end_game() {
    session_.end_game();
    in_game_ = false;
  }
  std::vector<trade_event>& events() { return tap_.events; }
  std::optional<replayer::reject_reason> halted() const {
    return session_.halted() ? std::optional(session_.halted()->rail) : std::nullopt;
  }
  const replayer::account& wallet() const { return session_.wallet(); }
  replayer::session& session() { return session_; }

private:
  event_tap tap_;
  replayer::session session_;
  bool in_game_ = false;
  int games_ = 0;
};

// Records what it is sent and answers as the test says: nothing (the report comes later through
// on_report), or a report made from the request and the tick.
class scripted_executor final : public executor {
public:
  using answer = std::function<std::optional<execution_report>(const order_request&, const tick&)>;
  std::vector<order_request> sent;
  answer on_submit;
  int games_ended = 0;

  std::optional<execution_report> submit(const order_request& r, const tick& now, const replayer::account&) override {
    sent.push_back(r);
    return on_submit ? on_submit(r, now) : std::nullopt;
  }
  std::optional<execution_report> poll(const tick&, const replayer::account&) override { return std::nullopt; }
  void end_game() override { ++games_ended; }
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

BOOST_AUTO_TEST_SUITE(session)

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
  b.end_game();
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
  b.end_game();
  BOOST_TEST(summary(b.events()) == "rejected:rugged@2");
  // A pending order still waiting when the game ends is rejected too.
  b.begin_game();
  b.on_tick(presale());
  b.on_tick(active(1, "1"));  // one of the two ticks of latency
  b.end_game();
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
  s.script = {{0, buy("0.01")}, {1, buy("0.0001")}, {2, sidebet("0.002")}, {3, buy("0.01")}, {4, sell("0.5")},
              {5, sell("1")}, {6, buy("0.01")}};
  trading_bot b(settings, s);
  b.begin_game();
  for (int i = 1; i <= 6; ++i) b.on_tick(active(i, "1"));
  // Only filled entries count (the rejected buy does not); the third entry is refused, the sells
  // that reduce the position never are.
  BOOST_TEST(summary(b.events()) ==
             "buy@1 rejected:below_min@2 sidebet_placed@3 rejected:risk_orders_per_game@4 sell@5 sell@6");
  BOOST_TEST(!b.wallet().position());
  b.begin_game();  // a new game, a new count
  b.on_tick(presale());
  BOOST_TEST(kind(b.events().back()) == "buy");
}

BOOST_AUTO_TEST_CASE(max_orders_per_game_never_traps_a_position) {
  // One entry per game: the buy, then every sell the strategy asks for goes through.
  trading_settings settings;
  settings.max_orders_per_game = 1;
  scripted s;
  s.script = {{0, buy("0.01")}, {1, sell("0.5")}, {2, buy("0.01")}, {3, sell("1")}};
  trading_bot b(settings, s);
  b.begin_game();
  b.on_tick(active(1, "1"));
  b.on_tick(active(2, "2"));
  b.on_tick(active(3, "2"));
  b.on_tick(active(4, "3"));
  b.on_tick(rug(5, "0.01"));
  BOOST_TEST(summary(b.events()) == "buy@1 sell@2 rejected:risk_orders_per_game@3 sell@4");
  BOOST_TEST(b.events()[1].pnl.str() == "0.005");   // half of 0.01 at 2x
  BOOST_TEST(b.events()[3].pnl.str() == "0.01");    // the other half at 3x
  BOOST_TEST(b.wallet().balance().str() == "0.115");  // flat before the rug: nothing liquidated
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
  b.on_tick(active(3, "0.5"));  // -0.005: stopped, and the position is sold on this tick
  BOOST_TEST_REQUIRE(b.halted().has_value());
  BOOST_TEST(std::string(reject_reason_name(*b.halted())) == "risk_loss_limit");
  BOOST_TEST(b.session().halted()->tick == 3);
  const std::size_t calls = s.seen_ticks.size();
  b.on_tick(active(4, "2"));
  b.on_tick(rug(5, "0.01"));
  BOOST_TEST(s.seen_ticks.size() == calls);  // no decision after the kill switch
  BOOST_TEST(s.seen_ticks == (std::vector<std::int64_t>{1, 2}));
  // Flat at the limit: the loss is capped at 0.005, not the -0.0099 the rug would have made.
  BOOST_TEST(summary(b.events()) == "buy@1 sell@3");
  BOOST_TEST(b.events()[1].pnl.str() == "-0.005");
  BOOST_TEST_REQUIRE(b.events()[1].rail.has_value());
  BOOST_TEST(std::string(reject_reason_name(*b.events()[1].rail)) == "risk_loss_limit");
  BOOST_TEST(!b.wallet().position());
  BOOST_TEST(b.wallet().balance().str() == "0.095");
  b.begin_game();  // the session stays stopped
  b.on_tick(presale());
  BOOST_TEST(s.seen_ticks.size() == calls);
  BOOST_TEST(summary(b.events()) == "buy@1 sell@3");
}

BOOST_AUTO_TEST_CASE(a_halt_closes_the_position_at_the_next_tick_a_sell_is_allowed) {
  trading_settings settings;
  settings.session_loss_limit = dec("0.005");
  scripted s;
  s.script = {{0, buy("0.01")}};
  trading_bot b(settings, s);
  b.begin_game();
  b.on_tick(presale());  // bought at 1 in presale
  // Not active: the limit trips at 0.4 (-0.006) but nothing can be sold on this tick.
  b.on_tick(make_tick(phase::active_gameplay, 1, "0.4", false, false));
  BOOST_TEST_REQUIRE(b.halted().has_value());
  BOOST_TEST(summary(b.events()) == "buy@0");
  b.on_tick(active(2, "0.45"));  // the first tick a sell is allowed
  b.on_tick(rug(3, "0.01"));
  BOOST_TEST(summary(b.events()) == "buy@0 sell@2");
  BOOST_TEST(b.events()[1].pnl.str() == "-0.0055");
  BOOST_TEST(b.wallet().balance().str() == "0.0945");
}

BOOST_AUTO_TEST_CASE(a_halt_with_latency_sells_through_the_executor_and_its_fill_is_the_rails) {
  trading_settings settings;
  settings.session_loss_limit = dec("0.005");
  settings.latency_ticks = 1;
  scripted s;
  s.script = {{0, buy("0.01")}};
  trading_bot b(settings, s);
  b.begin_game();
  b.on_tick(active(1, "1"));    // buy decided
  b.on_tick(active(2, "1"));    // filled at 1
  b.on_tick(active(3, "0.5"));  // -0.005: halted, the exit goes out
  b.on_tick(active(4, "0.4"));  // and fills one tick later, at that tick's price
  b.on_tick(rug(5, "0.01"));
  BOOST_TEST(summary(b.events()) == "buy@2 sell@4");
  BOOST_TEST(b.events()[1].pnl.str() == "-0.006");
  BOOST_TEST_REQUIRE(b.events()[1].rail.has_value());
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

BOOST_AUTO_TEST_CASE(the_loss_streak_rail_closes_what_is_left_of_a_position) {
  // A partial sell at a loss ends the streak allowance; the rest is sold on the next tick
  // instead of riding to the rug.
  trading_settings settings;
  settings.max_consecutive_losses = 1;
  scripted s;
  s.script = {{0, buy("0.02")}, {1, sell("0.5")}};
  trading_bot b(settings, s);
  b.begin_game();
  b.on_tick(active(1, "1"));
  b.on_tick(active(2, "0.5"));  // half sold: -0.005, one loss
  b.on_tick(active(3, "0.4"));  // halted: the other half is sold here, -0.006
  b.on_tick(rug(4, "0.01"));
  BOOST_TEST_REQUIRE(b.halted().has_value());
  BOOST_TEST(std::string(reject_reason_name(*b.halted())) == "risk_consecutive_losses");
  BOOST_TEST(summary(b.events()) == "buy@1 sell@2 sell@3");
  BOOST_TEST(b.events()[2].pnl.str() == "-0.006");
  BOOST_TEST(std::string(reject_reason_name(*b.events()[2].rail)) == "risk_consecutive_losses");
  BOOST_TEST(!b.events()[1].rail.has_value());  // the strategy's own sell
  // -0.011 in all; riding to the rug would have lost 0.005 + 0.0099.
  BOOST_TEST(b.wallet().balance().str() == "0.089");
}

// ---- the execution seam ---------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_fill_at_another_price_than_the_decision_tick_is_what_the_wallet_gets) {
  trading_settings settings;
  scripted s;
  s.script = {{0, buy("0.01")}};
  auto x = std::make_unique<scripted_executor>();
  x->on_submit = [](const order_request& r, const tick& now) -> std::optional<execution_report> {
    // The page says: 0.01 SOL bought 0.004 tokens at 2.5, on the tick after the decision.
    return replayer::fill{r.id, action::buy, dec("0.01"), dec("0.004"), dec("2.5"), now.index + 1};
  };
  auto* sent = &x->sent;
  trading_bot b(settings, s, std::move(x));
  b.begin_game();
  b.on_tick(active(7, "2"));
  BOOST_TEST_REQUIRE(sent->size() == 1u);
  BOOST_TEST((*sent)[0].id == 1u);
  BOOST_TEST((*sent)[0].decision_tick == 7);
  BOOST_TEST(summary(b.events()) == "buy@8");
  BOOST_TEST(b.events()[0].price.str() == "2.5");
  BOOST_TEST(b.events()[0].qty.str() == "0.004");  // not 0.01 / 2
  BOOST_TEST(b.wallet().position()->qty.str() == "0.004");
  BOOST_TEST(b.wallet().balance().str() == "0.09");
  BOOST_TEST(b.wallet().equity(dec("2")).str() == "0.098");  // marked at the tick's price
}

BOOST_AUTO_TEST_CASE(a_late_fill_holds_the_strategy_until_it_arrives) {
  trading_settings settings;
  scripted s;
  s.script = {{0, buy("0.01")}, {1, sell("1")}};
  auto x = std::make_unique<scripted_executor>();
  trading_bot b(settings, s, std::move(x));
  b.begin_game();
  b.on_tick(active(1, "1"));  // decided; no answer yet
  BOOST_TEST(b.session().order_in_flight());
  b.on_tick(active(2, "1.5"));
  b.on_tick(active(3, "2"));
  BOOST_TEST(s.seen_ticks == (std::vector<std::int64_t>{1}));  // never asked while in flight
  BOOST_TEST(b.events().empty());
  b.session().on_report(replayer::fill{1, action::buy, dec("0.01"), dec("0.005"), dec("2"), 3});
  BOOST_TEST(!b.session().order_in_flight());
  BOOST_TEST(summary(b.events()) == "buy@3");
  b.on_tick(active(4, "3"));  // asked again: sell
  BOOST_TEST(s.seen_ticks == (std::vector<std::int64_t>{1, 4}));
  b.session().on_report(replayer::fill{2, action::sell, dec("0.015"), dec("0.005"), dec("3"), 4});
  BOOST_TEST(summary(b.events()) == "buy@3 sell@4");
  BOOST_TEST(b.events()[1].pnl.str() == "0.005");
  BOOST_TEST(b.wallet().balance().str() == "0.105");
}

BOOST_AUTO_TEST_CASE(a_rejection_and_a_timeout_leave_the_wallet_alone) {
  trading_settings settings;
  scripted s;
  s.script = {{0, buy("0.01")}, {1, buy("0.02")}, {2, buy("0.03")}};
  auto x = std::make_unique<scripted_executor>();
  trading_bot b(settings, s, std::move(x));
  b.begin_game();
  b.on_tick(active(1, "1"));
  b.session().on_report(replayer::rejection{1, replayer::reject_reason::balance, 1});
  b.on_tick(active(2, "1"));
  b.session().on_report(replayer::failure{2, true, "no confirmation within 5 s", 4});
  b.on_tick(active(5, "1"));
  b.session().on_report(replayer::failure{3, false, "the browser went away", 5});
  BOOST_TEST(summary(b.events()) == "rejected:balance@1 order_timed_out@4 order_failed@5");
  BOOST_TEST(b.events()[1].amount.str() == "0.02");
  BOOST_TEST(b.wallet().balance().str() == "0.1");
  BOOST_TEST(!b.wallet().position().has_value());
  BOOST_TEST(s.seen_ticks == (std::vector<std::int64_t>{1, 2, 5}));
}

BOOST_AUTO_TEST_CASE(a_report_after_its_game_ended_changes_nothing) {
  trading_settings settings;
  scripted s;
  s.script = {{0, buy("0.01")}};
  auto x = std::make_unique<scripted_executor>();
  auto* executor = x.get();
  trading_bot b(settings, s, std::move(x));
  b.begin_game();
  b.on_tick(active(1, "1"));
  b.end_game();  // the order is still in flight: given up
  BOOST_TEST(summary(b.events()) == "rejected:phase@1");
  BOOST_TEST(executor->games_ended >= 1);
  b.session().on_report(replayer::fill{1, action::buy, dec("0.01"), dec("0.01"), dec("1"), 2});
  BOOST_TEST(b.session().reports_between_games() == 1u);
  BOOST_TEST(kind(b.events().back()) == "report_ignored");
  b.begin_game();
  b.on_tick(presale());  // decides nothing (script: call 1 is empty)
  b.session().on_report(replayer::fill{1, action::buy, dec("0.01"), dec("0.01"), dec("1"), 0});  // in the next game
  BOOST_TEST(kind(b.events().back()) == "report_ignored");
  BOOST_TEST(b.wallet().balance().str() == "0.1");
  BOOST_TEST(!b.wallet().position().has_value());
}

BOOST_AUTO_TEST_CASE(a_rug_while_an_order_is_in_flight) {
  trading_settings settings;
  scripted s;
  s.script = {{0, buy("0.01")}, {1, buy("0.02")}};
  auto x = std::make_unique<scripted_executor>();
  x->on_submit = [](const order_request& r, const tick& now) -> std::optional<execution_report> {
    if (r.id == 1) return replayer::fill{r.id, action::buy, r.order.amount, r.order.amount, dec("1"), now.index};
    return std::nullopt;  // the second order is still out when the rug comes
  };
  trading_bot b(settings, s, std::move(x));
  b.begin_game();
  b.on_tick(active(1, "1"));
  b.on_tick(active(2, "1"));
  b.on_tick(rug(3, "0.01"));  // the position is liquidated; the second order has no answer yet
  BOOST_TEST(summary(b.events()) == "buy@1 liquidation@3");
  // The browser claims the buy went through after the rug: the game refuses everything after
  // the rug, so the wallet does not take it.
  b.session().on_report(replayer::fill{2, action::buy, dec("0.02"), dec("0.02"), dec("0.01"), 3});
  BOOST_TEST(summary(b.events()) == "buy@1 liquidation@3 report_ignored@3");
  BOOST_TEST(b.wallet().balance().str() == "0.0901");  // 0.09 + 0.01 tokens x 0.01
  BOOST_TEST(!b.wallet().position().has_value());
  BOOST_TEST(!b.session().order_in_flight());
}

BOOST_AUTO_TEST_CASE(a_fill_the_wallet_cannot_take_is_ignored) {
  trading_settings settings;
  scripted s;
  s.script = {{0, sell("1")}};
  auto x = std::make_unique<scripted_executor>();
  trading_bot b(settings, s, std::move(x));
  b.begin_game();
  b.on_tick(active(1, "1"));  // a sell without a position is refused before it is sent
  BOOST_TEST(summary(b.events()) == "rejected:no_position@1");
  s.script = {{1, buy("0.01")}};
  b.on_tick(active(2, "1"));
  // A report that contradicts the request (a sell for a buy) is not applied.
  b.session().on_report(replayer::fill{1, action::sell, dec("0.01"), dec("0.01"), dec("1"), 2});
  BOOST_TEST(kind(b.events().back()) == "report_ignored");
  BOOST_TEST(b.wallet().balance().str() == "0.1");
}

// ---- tick origin and pre-game lines -----------------------------------------------------------

tick backfilled(tick t) {
  t.backfilled = true;
  return t;
}

BOOST_AUTO_TEST_CASE(backfilled_ticks_are_observed_but_never_decision_points) {
  trading_settings settings;
  settings.latency_ticks = 1;
  scripted s;
  s.script = {{0, buy("0.01")}, {1, sidebet("0.001")}};
  trading_bot b(settings, s);
  b.begin_game();
  b.on_tick(active(1, "1"));              // decided: buy, one live tick of latency
  b.on_tick(backfilled(active(2, "2")));  // not a decision point, and the latency does not count it
  BOOST_TEST(b.events().empty());
  b.on_tick(active(3, "2"));  // filled here at 2, then: sidebet (latency: one more live tick)
  BOOST_TEST(summary(b.events()) == "buy@3");
  b.on_tick(active(4, "2"));
  BOOST_TEST(summary(b.events()) == "buy@3 sidebet_placed@4");
  b.on_tick(backfilled(rug(5, "0.01")));  // a backfilled rug still liquidates and wins the sidebet
  BOOST_TEST(summary(b.events()) == "buy@3 sidebet_placed@4 liquidation@5 sidebet_won@5");
  BOOST_TEST(s.seen_ticks == (std::vector<std::int64_t>{1, 3, 4}));  // never 2 or 5
}

BOOST_AUTO_TEST_CASE(pre_game_lines_count_as_tick_zero) {
  trading_settings settings;
  scripted s;
  s.script = {{1, sidebet("0.001")}};
  trading_bot b(settings, s);
  b.begin_game();
  // Pre-game lines that repeat the previous game's tick count (95): tick 0 for the rules.
  b.on_tick(make_tick(phase::unknown, 95, "1"));
  b.on_tick(make_tick(phase::presale, 95, "1"));  // sidebet: covers 0..40
  b.on_tick(make_tick(phase::presale, 95, "1"));  // a stale line settles nothing
  b.on_tick(active(1, "1.1"));
  b.on_tick(active(40, "1.2"));
  BOOST_TEST(summary(b.events()) == "sidebet_placed@0");
  BOOST_TEST(s.seen_ticks == (std::vector<std::int64_t>{0, 0, 0, 1, 40}));
  b.on_tick(rug(40, "0.01"));
  BOOST_TEST(summary(b.events()) == "sidebet_placed@0 sidebet_won@40");
}

BOOST_AUTO_TEST_CASE(the_sidebet_cooldown_counts_from_where_the_bet_really_resolved) {
  trading_settings settings;
  scripted s;
  s.script = {{0, sidebet("0.001")}, {2, sidebet("0.001")}};
  trading_bot b(settings, s);
  b.begin_game();
  b.on_tick(active(1, "1"));   // covers 1..41
  b.on_tick(active(45, "1"));  // a gap: lost, resolved on 42 (the first tick past the window)
  b.on_tick(active(47, "1"));  // 42 + 5: the cooldown is over
  BOOST_TEST(summary(b.events()) == "sidebet_placed@1 sidebet_lost@45 sidebet_placed@47");
}

BOOST_AUTO_TEST_SUITE_END()
