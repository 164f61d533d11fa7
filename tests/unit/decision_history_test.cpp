// decision_history: what the session remembers for its strategy (core/trading/decision_history):
// the game's peak (backfilled ticks included), the last fill, the last decision point, and the
// streaks of trades and sidebets; then the same inputs as a strategy sees them through a session.
#include "core/trading/decision_history.hpp"

#include "core/trading/paper_executor.hpp"
#include "core/trading/session.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <vector>

using replayer::decimal;
using replayer::decision_inputs;
using replayer::decision_view;
using replayer::event_kind;
using replayer::order;
using replayer::phase;
using replayer::trade_event;
using replayer::trading_settings;
using test_support::active;
using test_support::buy;
using test_support::dec;
using test_support::presale;
using test_support::rug;

namespace {

trade_event event(event_kind kind, std::int64_t tick, std::string_view pnl = "0") {
  trade_event e;
  e.kind = kind;
  e.tick = tick;
  e.pnl = dec(pnl);
  return e;
}

// Plays the orders of `script` (by decision call), remembering the inputs of every call.
class recorder final : public replayer::strategy {
public:
  recorder(std::vector<decision_inputs>& seen, std::vector<std::optional<order>> script)
      : seen_(seen), script_(std::move(script)) {}
  std::optional<order> decide(const decision_view& v) override {
    const std::size_t call = seen_.size();
    seen_.push_back(v.inputs);
    return call < script_.size() ? script_[call] : std::nullopt;
  }

private:
  std::vector<decision_inputs>& seen_;
  std::vector<std::optional<order>> script_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(decision_history)

BOOST_AUTO_TEST_CASE(the_peak_starts_again_with_every_game) {
  replayer::decision_history h;
  h.begin_game();
  BOOST_TEST(h.inputs().peak.is_zero());
  h.observe(presale());
  h.observe(active(1, "2.5"));
  auto backfilled = active(2, "3.25");
  backfilled.backfilled = true;
  h.observe(backfilled);
  h.observe(active(3, "1.5"));
  BOOST_TEST(h.inputs().peak.str() == "3.25");
  h.begin_game();
  BOOST_TEST(h.inputs().peak.is_zero());
}

BOOST_AUTO_TEST_CASE(streaks_of_wins_and_losses) {
  replayer::decision_history h;
  const std::pair<event_kind, const char*> closes[] = {
      {event_kind::sell, "0.002"},       {event_kind::sell, "0.001"},          // two wins: +2
      {event_kind::liquidation, "-0.005"},                                     // -1
      {event_kind::sell, "0"},                                                 // even: still -1
      {event_kind::close_incomplete, "-0.001"}, {event_kind::sell, "-0.002"},  // -3
  };
  const std::int64_t expected[] = {1, 2, -1, -1, -2, -3};
  for (std::size_t i = 0; i < std::size(closes); ++i) {
    h.learn(event(closes[i].first, 5, closes[i].second));
    BOOST_TEST(h.inputs().streak == expected[i], i);
  }
  BOOST_TEST(h.losses_in_a_row() == 3);
  h.begin_game();  // streaks run over the session
  BOOST_TEST(h.inputs().streak == -3);
  h.learn(event(event_kind::sell, 7, "0.004"));
  BOOST_TEST(h.inputs().streak == 1);
  BOOST_TEST(h.losses_in_a_row() == 0);
  // Sidebets have their own streak; a refund is no result.
  BOOST_TEST(h.inputs().sidebet_streak == 0);
  h.learn(event(event_kind::sidebet_lost, 9, "-0.001"));
  h.learn(event(event_kind::sidebet_lost, 60, "-0.002"));
  h.learn(event(event_kind::sidebet_refunded, 99, "0"));
  BOOST_TEST(h.inputs().sidebet_streak == -2);
  h.learn(event(event_kind::sidebet_won, 150, "0.016"));
  BOOST_TEST(h.inputs().sidebet_streak == 1);
  BOOST_TEST(h.inputs().streak == 1);
}

BOOST_AUTO_TEST_CASE(the_last_fill_is_a_buy_a_sell_or_a_sidebet_placed) {
  replayer::decision_history h;
  BOOST_TEST(!h.inputs().last_fill_tick);
  h.learn(event(event_kind::buy, 4));
  BOOST_TEST(*h.inputs().last_fill_tick == 4);
  h.learn(event(event_kind::rejected, 6));
  h.learn(event(event_kind::liquidation, 8, "-0.01"));  // the rug, not a fill
  BOOST_TEST(*h.inputs().last_fill_tick == 4);
  h.learn(event(event_kind::sidebet_placed, 9));
  h.learn(event(event_kind::sell, 12, "0.001"));
  BOOST_TEST(*h.inputs().last_fill_tick == 12);
  h.asked(13);
  BOOST_TEST(*h.inputs().previous_decision_tick == 13);
  h.begin_game();
  BOOST_TEST(!h.inputs().last_fill_tick);
  BOOST_TEST(!h.inputs().previous_decision_tick);
}

BOOST_AUTO_TEST_CASE(a_strategy_sees_them_through_the_session) {
  trading_settings settings;
  std::vector<decision_inputs> seen;
  // Call 1 (tick 1) buys 0.01 at 2; the rug at tick 4 liquidates it: a loss.
  std::vector<std::optional<order>> script(8);
  script[1] = buy("0.01");
  replayer::session s(settings, std::make_unique<recorder>(seen, script),
                      std::make_unique<replayer::paper_executor>(0), {});
  s.begin_game("G1");
  s.on_tick(presale());         // call 0
  s.on_tick(active(1, "2"));    // call 1: buy
  auto gap = active(2, "5");    // backfilled: never a decision point, but it is the peak
  gap.backfilled = true;
  s.on_tick(gap);
  s.on_tick(active(3, "1.5"));  // call 2
  s.on_tick(rug(4, "0.01"));    // call 3, after the liquidation
  s.end_game();
  BOOST_TEST_REQUIRE(seen.size() == 4u);
  BOOST_TEST(!seen[0].previous_decision_tick);
  BOOST_TEST(seen[1].peak.str() == "2");  // this tick included
  BOOST_TEST(!seen[1].last_fill_tick);
  BOOST_TEST(*seen[1].previous_decision_tick == 0);
  BOOST_TEST(seen[2].peak.str() == "5");
  BOOST_TEST(*seen[2].last_fill_tick == 1);
  BOOST_TEST(*seen[2].previous_decision_tick == 1);
  BOOST_TEST(seen[2].streak == 0);
  BOOST_TEST(seen[3].streak == -1);

  s.begin_game("G2");
  s.on_tick(presale());  // call 4: the loss carries over, the game's inputs start again
  s.end_game();
  BOOST_TEST_REQUIRE(seen.size() == 5u);
  BOOST_TEST(seen[4].streak == -1);
  BOOST_TEST(!seen[4].last_fill_tick);
  BOOST_TEST(!seen[4].previous_decision_tick);
  BOOST_TEST(seen[4].peak.str() == "1");
}

BOOST_AUTO_TEST_SUITE_END()
