// browser_execution: the pure parts of clicking orders in the user's browser. The page's Socket.IO
// frames (as CDP reports them) into events; the server's playerUpdate into an exact account; an
// order into the panel's buttons; and the fill an order got, read from the server's account
// before and after the click, with the drift from the paper expectation.
#include "core/cdp/page_socket_tap.hpp"
#include "core/cdp/server_account.hpp"
#include "core/trading/click_plan.hpp"
#include "core/trading/order_gate.hpp"
#include "core/trading/server_fill.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using replayer::account;
using replayer::action;
using replayer::click_plan;
using replayer::order_request;
using replayer::panel_control_name;
using replayer::trading_settings;
using replayer::cdp::page_socket_tap;
using replayer::cdp::parse_player_update;
using replayer::cdp::server_account;
using test_support::buy;
using test_support::dec;
using test_support::sell;
using test_support::sidebet;

namespace {

std::string plan_text(const replayer::order& o) {
  auto plan = click_plan(o);
  if (!plan) return "error: " + plan.error();
  std::string out;
  for (auto c : *plan) out += (out.empty() ? "" : " ") + std::string(panel_control_name(c));
  return out;
}

order_request request(replayer::order_id id, const replayer::order& o, std::int64_t tick) {
  order_request r;
  r.id = id;
  r.order = o;
  r.decision_tick = tick;
  return r;
}

server_account account_of(std::string_view cash, std::string_view qty, std::string_view invested = "0") {
  server_account a;
  a.cash = dec(cash);
  a.position_qty = dec(qty);
  a.total_invested = dec(invested);
  return a;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(browser_execution)

BOOST_AUTO_TEST_CASE(the_tap_finds_events_in_page_frames_and_skips_the_rest) {
  page_socket_tap tap;
  auto e = tap.on_frame(R"(42["playerUpdate",{"cash":0.9,"positionQty":0.0931579}])");
  BOOST_REQUIRE(e);
  BOOST_TEST(e->name == "playerUpdate");
  BOOST_TEST(e->payload_json == R"({"cash":0.9,"positionQty":0.0931579})");
  // A multi-argument event: the payload is the last argument (the first is a trace envelope).
  auto traced = tap.on_frame(R"(42["standard/newTrade",{"__trace":true},{"type":"buy"}])");
  BOOST_REQUIRE(traced);
  BOOST_TEST(traced->payload_json == R"({"type":"buy"})");
  BOOST_TEST(!tap.on_frame("2"));                       // a ping
  BOOST_TEST(!tap.on_frame(R"(0{"sid":"x"})"));         // the open packet
  BOOST_TEST(!tap.on_frame(R"(431[{"success":true}])"));  // an ack
  BOOST_TEST(!tap.on_frame("42[not json"));
  BOOST_TEST(!tap.on_frame(""));
  BOOST_TEST(tap.counters().frames == 7u);
  BOOST_TEST(tap.counters().events == 2u);
  BOOST_TEST(tap.counters().other_packets == 3u);
  BOOST_TEST(tap.counters().refused == 2u);
  BOOST_TEST(!tap.last_refusal().empty());
}

BOOST_AUTO_TEST_CASE(a_player_update_keeps_the_servers_numbers_exactly) {
  auto a = parse_player_update(
      R"({"id":"did:privy:x","cash":1.138843691,"positionQty":0.2222919,"avgCost":1.259605046,)"
      R"("totalInvested":0.251352892,"sideBet":{"betSize":0.003,"target":10},"levelInfo":{"level":4}})");
  BOOST_REQUIRE(a);
  BOOST_TEST(a->cash.str() == "1.138843691");
  BOOST_TEST(a->position_qty.str() == "0.2222919");
  BOOST_TEST(a->avg_cost.str() == "1.259605046");
  BOOST_TEST(a->total_invested.str() == "0.251352892");
  BOOST_TEST(a->sidebet_open);
  BOOST_TEST(a->sidebet_stake.str() == "0.003");
  auto none = parse_player_update(R"({"cash":1,"positionQty":0,"avgCost":0,"totalInvested":0,"sideBet":null})");
  BOOST_REQUIRE(none);
  BOOST_TEST(!none->sidebet_open);
}

BOOST_AUTO_TEST_CASE(a_player_update_without_what_is_needed_says_which_field) {
  auto missing = parse_player_update(R"({"cash":1,"positionQty":0,"avgCost":0})");
  BOOST_REQUIRE(!missing);
  BOOST_TEST(missing.error() == "playerUpdate: \"totalInvested\" is missing");
  auto text = parse_player_update(R"({"cash":"1","positionQty":0,"avgCost":0,"totalInvested":0})");
  BOOST_REQUIRE(!text);
  BOOST_TEST(text.error() == "playerUpdate: \"cash\" is a string, not a number");
  BOOST_TEST(!parse_player_update("[1]"));
  BOOST_TEST(!parse_player_update("{"));
  BOOST_TEST(!parse_player_update(R"({"cash":1e300,"positionQty":0,"avgCost":0,"totalInvested":0})"));
}

BOOST_AUTO_TEST_CASE(an_amount_is_built_exactly_from_the_increment_buttons) {
  BOOST_TEST(plan_text(buy("0.003")) == "clear add_0_001 add_0_001 add_0_001 buy");
  BOOST_TEST(plan_text(buy("0.153")) == "clear add_0_1 add_0_01 add_0_01 add_0_01 add_0_01 add_0_01 add_0_001 add_0_001 add_0_001 buy");
  BOOST_TEST(plan_text(buy("1.01")) == "clear add_1 add_0_01 buy");
  BOOST_TEST(plan_text(sidebet("0.021")) == "clear add_0_01 add_0_01 add_0_001 sidebet");
  BOOST_TEST(plan_text(sell("0.25")) == "sell_25 sell");
  BOOST_TEST(plan_text(sell("1")) == "sell_100 sell");
  // Every amount from 0.001 to 0.199 SOL comes out exact (the original got 43 of them wrong).
  for (int k = 1; k <= 199; ++k) {
    const auto amount = replayer::decimal::from_int(k) / replayer::decimal::from_int(1000);
    auto plan = click_plan({action::buy, amount});
    BOOST_REQUIRE(plan);
    std::int64_t thousandths = 0;
    for (auto c : *plan) {
      if (c == replayer::panel_control::add_1) thousandths += 1000;
      if (c == replayer::panel_control::add_0_1) thousandths += 100;
      if (c == replayer::panel_control::add_0_01) thousandths += 10;
      if (c == replayer::panel_control::add_0_001) thousandths += 1;
    }
    BOOST_TEST(thousandths == k);
  }
}

BOOST_AUTO_TEST_CASE(an_amount_the_buttons_cannot_build_is_refused_not_rounded) {
  BOOST_TEST(plan_text(buy("0.0015")) == "error: an amount of 0.0015 SOL: the panel's buttons build whole thousandths only");
  BOOST_TEST(plan_text(buy("0")) == "error: an amount of 0 SOL: the panel's buttons build whole thousandths only");
  BOOST_TEST(plan_text(buy("50")) == "error: an amount of 50 SOL needs more than 40 button clicks");
  BOOST_TEST(plan_text(sell("0.3")) == "error: a sell of 0.3 of the position: the panel offers 10, 25, 50 and 100 %");
}

BOOST_AUTO_TEST_CASE(a_buy_is_confirmed_by_the_position_the_server_reports) {
  const order_request r = request(1, buy("0.1"), 5);
  const server_account before = account_of("1", "0");
  BOOST_TEST(!replayer::server_fill(r, before, before, dec("0"), 6, dec("1.0734")));
  // 0.1 SOL at 1.0734 gives 0.0931579 tokens on the real server (rounded to 7 places).
  const server_account after = account_of("0.9", "0.0931579", "0.1");
  auto f = replayer::server_fill(r, before, after, dec("0"), 6, dec("1.0734"));
  BOOST_REQUIRE(f);
  BOOST_TEST(f->amount.str() == "0.1");
  BOOST_TEST(f->qty.str() == "0.0931579");
  BOOST_TEST(f->price.str() == (dec("0.1") / dec("0.0931579")).str());
  BOOST_TEST(f->tick == 6);
  BOOST_TEST(replayer::fill_drift(r, *f, dec("0"), dec("1.0734")) ==
             "price " + f->price.str() + ", expected 1.0734");
  // Cash reported late: what was invested says the amount.
  auto late_cash = replayer::server_fill(r, before, account_of("1", "0.0931579", "0.1"), dec("0"), 6, dec("1.0734"));
  BOOST_REQUIRE(late_cash);
  BOOST_TEST(late_cash->amount.str() == "0.1");
}

BOOST_AUTO_TEST_CASE(a_sell_never_takes_more_tokens_than_the_wallet_holds) {
  trading_settings settings;
  account wallet(settings);
  std::vector<replayer::trade_event> log;
  const order_request b = request(1, buy("0.1"), 5);
  BOOST_REQUIRE(!wallet.apply(b, {1, action::buy, dec("0.1"), dec("0.0931578"), dec("1.0734"), 5}, log));
  // The server held one more token-unit than the paper wallet: a full sell takes the wallet's.
  const order_request s = request(2, sell("1"), 9);
  auto f = replayer::server_fill(s, account_of("0.9", "0.0931579"), account_of("1.05", "0"), wallet.position()->qty, 9,
                                 dec("1.5"));
  BOOST_REQUIRE(f);
  BOOST_TEST(f->qty.str() == "0.0931578");
  BOOST_TEST(f->amount.str() == "0.15");
  BOOST_TEST(!wallet.apply(s, *f, log));
  BOOST_TEST(!wallet.position());
}

BOOST_AUTO_TEST_CASE(a_sidebet_is_confirmed_by_the_open_bet) {
  const order_request r = request(3, sidebet("0.003"), 20);
  server_account after = account_of("0.997", "0");
  BOOST_TEST(!replayer::server_fill(r, account_of("1", "0"), after, dec("0"), 21, dec("1.2")));
  after.sidebet_open = true;
  auto f = replayer::server_fill(r, account_of("1", "0"), after, dec("0"), 21, dec("1.2"));
  BOOST_REQUIRE(f);
  BOOST_TEST(f->amount.str() == "0.003");
  BOOST_TEST(replayer::fill_drift(r, *f, dec("0"), dec("1.2")).empty());
}

BOOST_AUTO_TEST_CASE(the_gate_clicks_one_order_at_a_time_and_never_on_a_guess) {
  using verdict = replayer::order_gate::verdict;
  replayer::order_gate gate;
  // Not connected: decided on paper, and said so.
  BOOST_TEST((gate.admit(request(1, buy("0.01"), 1)) == verdict::paper));
  BOOST_TEST(gate.reason() == "decided on paper: the browser is not connected yet");
  gate.link_back();
  // Connected, but the server's account was never read: held.
  BOOST_TEST((gate.admit(request(2, buy("0.01"), 2)) == verdict::hold));
  BOOST_TEST(gate.reason() == "held until the server's account is read again: the server's account has not been read yet");
  gate.server_read();
  BOOST_TEST((gate.admit(request(3, buy("0.01"), 3)) == verdict::click));
  BOOST_TEST(gate.clicking()->id == 3u);
  BOOST_TEST((gate.admit(request(4, sell("1"), 4)) == verdict::hold));
  BOOST_TEST(gate.reason() == "order 3 is still being clicked");
  gate.confirmed();
  BOOST_TEST((gate.admit(request(5, sell("1"), 5)) == verdict::click));
  // Not confirmed in time: nothing more until the server is read again.
  gate.unconfirmed("order 5: no playerUpdate within 3000 ms");
  BOOST_TEST((gate.admit(request(6, buy("0.01"), 6)) == verdict::hold));
  gate.server_read();
  BOOST_TEST((gate.admit(request(7, buy("0.01"), 7)) == verdict::click));
  // The browser goes away mid-click: paper until it is back, then held until a fresh read.
  gate.link_lost("Chrome went away");
  BOOST_TEST(!gate.clicking());
  BOOST_TEST((gate.admit(request(8, buy("0.01"), 8)) == verdict::paper));
  gate.link_back();
  BOOST_TEST((gate.admit(request(9, buy("0.01"), 9)) == verdict::hold));
  BOOST_TEST(gate.reason() == "held until the server's account is read again: order 7 was being clicked when Chrome went away");
  gate.server_read();
  BOOST_TEST((gate.admit(request(10, buy("0.01"), 10)) == verdict::click));
  BOOST_TEST(gate.paper_orders() == 2u);
  BOOST_TEST(gate.held_orders() == 4u);
}

BOOST_AUTO_TEST_SUITE_END()
