// The dashboard's pure parts: /healthz verdicts, the Prometheus text, the Origin / token policy,
// the chart board's bounds, and the replay viewer's exact step back.
#include "core/dashboard/access.hpp"
#include "core/dashboard/board.hpp"
#include "core/dashboard/health.hpp"
#include "core/dashboard/metrics_text.hpp"
#include "core/dashboard/replay_viewer.hpp"
#include "core/trading/backtest.hpp"
#include "test_support.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <regex>
#include <sstream>

using namespace replayer;
using namespace replayer::dashboard;
using namespace test_support;
using namespace std::chrono_literals;

namespace {

// The first game of tests/data that has a rug and enough active ticks to trade in.
const game& tradable_game() {
  for (const auto& g : test_data_games()) {
    const auto f = analyse(g);
    if (f.complete() && f.ticks > 100) return g;
  }
  throw std::runtime_error("no complete game in tests/data");
}

std::size_t first_active_line(const game& g, std::size_t after = 0) {
  for (std::size_t i = after; i < g.ticks.size(); ++i)
    if (g.ticks[i].active && !g.ticks[i].rugged) return i;
  throw std::runtime_error("no active tick");
}

strategy_factory builtin_factory(std::string_view name) {
  return [s = builtin(name)] { return std::make_unique<rule_strategy>(s); };
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dashboard)

BOOST_AUTO_TEST_CASE(healthz_follows_the_feed_fresh_stale_reconnecting_stopped) {
  const auto t0 = std::chrono::steady_clock::time_point{} + 100s;
  feed_health h;
  auto v = judge_health(h, t0, 5s);
  BOOST_TEST((v.state == health_state::starting));
  BOOST_TEST(v.status == 503);

  h.connected = true;
  h.last_frame = t0;
  v = judge_health(h, t0 + 1s, 5s);
  BOOST_TEST((v.state == health_state::fresh));
  BOOST_TEST(v.status == 200);
  BOOST_TEST(v.reason == "ok: last frame 1000 ms ago");

  v = judge_health(h, t0 + 6s, 5s);
  BOOST_TEST((v.state == health_state::stale));
  BOOST_TEST(v.status == 503);
  BOOST_TEST(v.reason == "stale: last frame 6000 ms ago (limit 5000 ms)");

  h.connected = false;
  h.disconnected_at = t0 + 6s;
  h.last_disconnect = "connection reset";
  v = judge_health(h, t0 + 7s, 5s);
  BOOST_TEST((v.state == health_state::reconnecting));
  BOOST_TEST(v.status == 503);
  BOOST_TEST(v.reason == "reconnecting: disconnected 1000 ms ago: connection reset");

  h.connected = true;
  h.last_frame = t0 + 8s;
  BOOST_TEST((judge_health(h, t0 + 8s, 5s).state == health_state::fresh));

  h.stopped = true;
  BOOST_TEST(judge_health(h, t0 + 8s, 5s).status == 503);

  feed_health viewer;
  viewer.has_feed = false;
  BOOST_TEST(judge_health(viewer, t0, 5s).status == 200);
}

BOOST_AUTO_TEST_CASE(metrics_text_follows_the_exposition_format) {
  metrics_text m;
  m.counter("replayer_ticks_total", "Ticks handed out", 42);
  m.counter("replayer_reconnects_total", "Reconnects by cause", {{{{"cause", "closed \"by\" peer\\x\n"}}, 2}, {{{"cause", "timeout"}}, 1}});
  m.gauge("replayer_rss_bytes", "Resident set size", 1.5e6);
  latency_histogram h({0.001, 0.01});
  h.observe(500us);
  h.observe(5ms);
  h.observe(50ms);
  m.histogram("replayer_feed_to_decision_seconds", "Feed to decision", h);
  const std::string expected =
      "# HELP replayer_ticks_total Ticks handed out\n"
      "# TYPE replayer_ticks_total counter\n"
      "replayer_ticks_total 42\n"
      "# HELP replayer_reconnects_total Reconnects by cause\n"
      "# TYPE replayer_reconnects_total counter\n"
      "replayer_reconnects_total{cause=\"closed \\\"by\\\" peer\\\\x\\n\"} 2\n"
      "replayer_reconnects_total{cause=\"timeout\"} 1\n"
      "# HELP replayer_rss_bytes Resident set size\n"
      "# TYPE replayer_rss_bytes gauge\n"
      "replayer_rss_bytes 1500000\n"
      "# HELP replayer_feed_to_decision_seconds Feed to decision\n"
      "# TYPE replayer_feed_to_decision_seconds histogram\n"
      "replayer_feed_to_decision_seconds_bucket{le=\"0.001\"} 1\n"
      "replayer_feed_to_decision_seconds_bucket{le=\"0.01\"} 2\n"
      "replayer_feed_to_decision_seconds_bucket{le=\"+Inf\"} 3\n"
      "replayer_feed_to_decision_seconds_sum 0.0555\n"
      "replayer_feed_to_decision_seconds_count 3\n";
  BOOST_TEST(m.text() == expected);

  // Every line is a comment or `name{labels} value`, as the format's grammar has it.
  const std::regex sample(R"(^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*"(,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*")*\})? [-+0-9.eEInfNa]+$)");
  std::istringstream lines(m.text());
  for (std::string line; std::getline(lines, line);)
    BOOST_TEST((line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0 || std::regex_match(line, sample)), line);
  BOOST_TEST(h.quantile_bound(0.5) == 0.01);
}

BOOST_AUTO_TEST_CASE(access_needs_the_token_and_the_dashboards_own_origin) {
  const access_policy p{"0123456789abcdef0123456789abcdef", dashboard_origins("127.0.0.1", 8080)};
  BOOST_TEST(p.origins.size() == 3u);
  const std::string good = "/ws?token=0123456789abcdef0123456789abcdef";
  BOOST_TEST((check_access({good, "http://127.0.0.1:8080", {}}, p) == access_verdict::allowed));
  BOOST_TEST((check_access({good, "http://localhost:8080", {}}, p) == access_verdict::allowed));
  BOOST_TEST((check_access({good, {}, {}}, p) == access_verdict::allowed));  // curl: no Origin
  BOOST_TEST((check_access({good, "https://evil.example", {}}, p) == access_verdict::bad_origin));
  BOOST_TEST((check_access({good, "http://127.0.0.1:8081", {}}, p) == access_verdict::bad_origin));
  BOOST_TEST((check_access({"/ws", "http://127.0.0.1:8080", {}}, p) == access_verdict::no_token));
  BOOST_TEST((check_access({"/ws?token=0123456789abcdef0123456789abcdee", {}, {}}, p) == access_verdict::bad_token));
  BOOST_TEST((check_access({"/api/command", {}, "0123456789abcdef0123456789abcdef"}, p) == access_verdict::allowed));
  BOOST_TEST(query_value("/ws?a=1&token=xyz&b", "token") == "xyz");
  BOOST_TEST(target_path("/ws?token=1") == "/ws");
  const auto t1 = make_token(), t2 = make_token();
  BOOST_TEST(t1.size() == 32u);
  BOOST_TEST(t1 != t2);
  BOOST_TEST(access_message(access_verdict::bad_origin, {good, "https://evil.example", {}}) ==
             "Origin https://evil.example is not this dashboard");
}

BOOST_AUTO_TEST_CASE(board_keeps_few_games_and_compacts_long_ones_keeping_extremes) {
  board_limits limits;
  limits.games_kept = 2;
  limits.points_per_game = 64;
  limits.events_kept = 3;
  board b(limits);
  for (std::string id : {"g1", "g2", "g3"}) {
    b.begin_game(id);
    for (int i = 1; i <= 1000; ++i) {
      // A saw tooth with one high peak at tick 700.
      const std::string price = i == 700 ? "50.0" : (i % 2 ? "1.5" : "1.1");
      b.on_tick(make_tick(id, phase::active_gameplay, i, price, false));
    }
  }
  const auto chart = b.chart_json();
  const auto& games = chart.at("games").as_array();
  BOOST_TEST(games.size() == 2u);
  BOOST_TEST(games[0].at("id").as_string() == "g2");
  const auto& prices = games[1].at("prices").as_array();
  BOOST_TEST(prices.size() < 64u);
  double peak = 0;
  for (const auto& p : prices) peak = std::max(peak, p.as_double());
  BOOST_TEST(peak == 50.0);
  BOOST_TEST(b.counters().compactions > 0u);
  for (int i = 0; i < 5; ++i) b.on_raw_event("gameStateUpdate", "{\"price\":1}", i);
  BOOST_TEST(b.events_json().size() == 3u);
  BOOST_TEST(b.counters().events_dropped == 2u);
  // A payload cut at the bound never splits a UTF-8 sequence.
  board_limits small;
  small.event_text = 4;
  board u(small);
  u.on_raw_event("x", "ab\xC3\xA9z", 0);
  BOOST_TEST(u.events_json()[0].at("payload").as_string() == "ab\xC3\xA9");
}

BOOST_AUTO_TEST_CASE(viewer_played_to_the_end_is_the_backtest_of_the_game) {
  const game& g = tradable_game();
  trading_settings settings;
  const auto make = builtin_factory("aggressive");
  replay_viewer v(settings, make);
  v.load(g);
  v.seek(g.ticks.size());
  const auto viewed = v.outcome_here();
  auto s = make_paper_session(settings, make, {});
  const auto played = play_game(*s, g);
  BOOST_TEST(trade_log_text({viewed}) == trade_log_text({played}));
  BOOST_TEST(!played.events.empty());
}

BOOST_AUTO_TEST_CASE(viewer_steps_back_to_the_exact_earlier_state_and_replays_identically) {
  const game& g = tradable_game();
  trading_settings settings;
  replay_viewer v(settings, builtin_factory("aggressive"));
  v.load(g);
  const std::size_t mid = g.ticks.size() / 2;
  v.seek(mid);
  const std::string at_mid = boost::json::serialize(v.state_json());
  const auto events_at_mid = v.events().size();
  v.seek(g.ticks.size());
  BOOST_TEST(v.events().size() >= events_at_mid);
  v.seek(mid);  // back: played again from line 0
  BOOST_TEST(boost::json::serialize(v.state_json()) == at_mid);
  v.step(-1);
  v.step(+1);
  BOOST_TEST(boost::json::serialize(v.state_json()) == at_mid);
  v.seek(g.ticks.size());
  const auto again = v.outcome_here();
  replay_viewer fresh(settings, builtin_factory("aggressive"));
  fresh.load(g);
  fresh.seek(g.ticks.size());
  BOOST_TEST(trade_log_text({again}) == trade_log_text({fresh.outcome_here()}));
}

BOOST_AUTO_TEST_CASE(hand_buy_then_sell_gives_the_pnl_the_rules_say) {
  const game& g = tradable_game();
  trading_settings settings;
  replay_viewer v(settings, {});
  v.load(g);
  const std::size_t buy_line = first_active_line(g);
  const std::size_t sell_line = first_active_line(g, buy_line + 10);
  v.seek(buy_line + 1);
  v.place(buy("0.01"));
  v.seek(sell_line + 1);
  v.place(sell("1"));
  const decimal p_buy = g.ticks[buy_line].price.value(), p_sell = g.ticks[sell_line].price.value();
  const decimal qty = dec("0.01") / p_buy;
  const decimal expected = qty * p_sell - dec("0.01");
  BOOST_REQUIRE(v.events().size() == 2u);
  BOOST_TEST((v.events()[0].kind == event_kind::buy));
  BOOST_TEST((v.events()[1].kind == event_kind::sell));
  BOOST_TEST(v.events()[1].pnl.str() == expected.str());
  BOOST_TEST(v.current_session().wallet().balance().str() == (settings.starting_balance + expected).str());

  // Stepping back before the sell undoes it; playing forward places it again, on its line.
  v.seek(buy_line + 5);
  BOOST_TEST(v.events().size() == 1u);
  BOOST_TEST(v.current_session().wallet().position().has_value());
  v.seek(sell_line + 1);
  BOOST_TEST(v.events().size() == 2u);
  // A new order drops the hand orders after it.
  v.seek(buy_line + 3);
  v.place(buy("0.002"));
  v.seek(g.ticks.size());
  BOOST_TEST(v.hand_orders() == 2u);
  for (const auto& e : v.events()) BOOST_TEST((e.kind != event_kind::sell));
}

BOOST_AUTO_TEST_SUITE_END()
