// html_report: the backtest's HTML report. Decimation keeps every extreme and every trade's tick;
// round trips pair each close with its opening; one game's chart stays bounded when it trades on
// every tick; a 1,000-game report stays under 2 MB and says what it left out; and the pages open
// in real headless Chromium (tests/unit/chromium_fixture) with no script error, every chart drawn
// and not blank, zoom and reset working, screenshots saved under the build folder (html_report/). Without Chromium the
// browser checks skip themselves (exit 77 for their entry).
#include "chromium_fixture.hpp"
#include "test_support.hpp"

#include "app/html_report.hpp"
#include "app/report_data.hpp"
#include "app/round_trips.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace json = boost::json;
namespace fs = std::filesystem;
namespace cdp = replayer::cdp;
using namespace replayer;
using namespace std::chrono_literals;
using test_support::dec;

const fs::path out_dir = fs::path(REPLAYER_BUILD_DIR) / "html_report";

trade_event event(event_kind kind, std::int64_t tick, std::string_view price, std::string_view amount,
                  std::string_view qty = "0", std::string_view pnl = "0") {
  trade_event e;
  e.kind = kind;
  e.tick = tick;
  e.price = dec(price);
  e.amount = dec(amount);
  e.qty = dec(qty);
  e.pnl = dec(pnl);
  return e;
}

// Runs replayer with `arguments` (a shell word list), its output into `log`; its exit status.
int replayer_run(const std::string& arguments, const fs::path& log) {
  const std::string command = std::string("'") + REPLAYER_BINARY + "' " + arguments + " >'" + log.string() + "' 2>&1";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::size_t count_of(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// The report `name` written by `backtest ARGUMENTS --report`, and its size printed.
std::string write_report(const std::string& name, const std::string& arguments) {
  fs::create_directories(out_dir);
  const fs::path report = out_dir / (name + ".html");
  const int status = replayer_run("backtest " + arguments + " --report '" + report.string() + "'", out_dir / (name + ".log"));
  BOOST_TEST_REQUIRE(status == 0, "backtest " << arguments << " exited " << status << ": "
                                              << chromium_fixture::read_text(out_dir / (name + ".log")));
  BOOST_TEST_MESSAGE(name << ": backtest " << arguments << ": the report is " << fs::file_size(report) << " bytes");
  return chromium_fixture::read_text(report);
}

// Dark pixels ("ink") on every canvas of the page, in page order.
constexpr const char* ink_per_canvas = R"js((() => {
  const out = [];
  for (const c of document.querySelectorAll('canvas')) {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) ++n;
    out.push(n);
  }
  return out;
})())js";

// The first game chart zoomed by the wheel (its pixels change) and reset by a double-click (they
// are the first ones again).
constexpr const char* zoom_and_reset = R"js((() => {
  const c = document.querySelector('canvas[data-game]');
  const before = c.toDataURL(), r = c.getBoundingClientRect();
  c.dispatchEvent(new WheelEvent('wheel', {deltaY: -100, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2,
                                           bubbles: true, cancelable: true}));
  const zoomed = c.toDataURL();
  c.dispatchEvent(new MouseEvent('dblclick', {bubbles: true}));
  return (zoomed !== before ? 'zoomed' : 'not zoomed') + ', ' + (c.toDataURL() === before ? 'reset' : 'not reset');
})())js";

// Opens the report in headless Chromium: no script error, every canvas drawn and inked, the wheel
// zooms and a double-click resets, and screenshots of the top of the page, the equity chart and
// the first game's chart.
void check_in_chromium(const std::string& name) {
  if (const std::string missing = chromium_fixture::chromium_missing(); !missing.empty()) {
    BOOST_WARN_MESSAGE(false, "skipped: " << missing);
    return;
  }
  const fs::path report = out_dir / (name + ".html");
  asio::io_context ioc;
  chromium_fixture::page p;
  chromium_fixture::run(ioc, [&]() -> asio::awaitable<void> {
    std::string url = "file://" + report.string();
    cdp::page_rule rule{report.filename().string(), false};
    const std::string opened = co_await p.open(std::move(url), std::move(rule), "1100,1400");
    BOOST_TEST_REQUIRE(opened.empty(), opened);
    // Every argument of a co_await below is a named value (see chromium_fixture.hpp).
    const std::string loaded = "document.readyState === 'complete' && typeof window.__replayerChartsDrawn === 'number'";
    BOOST_TEST_REQUIRE(co_await p.wait_until(loaded, 20s), name << " did not load");
    const std::string count_canvases = "document.querySelectorAll('canvas').length";
    auto canvases = co_await p.evaluate(count_canvases);
    BOOST_TEST_REQUIRE((canvases && canvases->is_int64()));
    const std::int64_t expected = canvases->as_int64();
    const std::string all_drawn = "window.__replayerChartsDrawn === " + std::to_string(expected);
    const bool drawn = co_await p.wait_until(all_drawn, 20s);
    const std::string list_errors = "JSON.stringify(window.__replayerChartErrors)";
    auto errors = co_await p.evaluate(list_errors);
    BOOST_TEST_REQUIRE((errors && errors->is_string()));
    BOOST_TEST(errors->as_string() == "[]", name << ": script errors " << errors->as_string());
    const std::string count_drawn = "window.__replayerChartsDrawn";
    auto count = co_await p.evaluate(count_drawn);
    BOOST_TEST(drawn, name << ": " << (count ? json::serialize(*count) : count.error()) << " of " << expected << " charts drawn");
    const std::string ink_script = ink_per_canvas;
    auto ink = co_await p.evaluate(ink_script);
    BOOST_TEST_REQUIRE((ink && ink->is_array()), (ink ? json::serialize(*ink) : ink.error()));
    BOOST_TEST(ink->as_array().size() == static_cast<std::size_t>(expected));
    std::int64_t least = -1;
    for (const json::value& n : ink->as_array())
      least = least < 0 ? n.as_int64() : std::min(least, n.as_int64());
    // An empty chart ("no data yet") has a few hundred; axes, labels and a series, thousands.
    BOOST_TEST(least > 3000, name << ": a canvas with " << least << " dark pixels");
    BOOST_TEST_MESSAGE(name << ": " << expected << " charts drawn; the least inked has " << least << " dark pixels");
    const std::string zoom_script = zoom_and_reset;
    auto zoom = co_await p.evaluate(zoom_script);
    BOOST_TEST_REQUIRE(zoom.has_value(), zoom.error());
    BOOST_TEST(json::serialize(*zoom) == "\"zoomed, reset\"");
    const fs::path top_file = out_dir / (name + "-top.png");
    const std::string top = co_await p.screenshot(top_file);
    BOOST_TEST(top.empty(), top);
    for (const auto& [part, selector] : {std::pair{"equity", "#equity"}, std::pair{"game", "canvas[data-game]"}}) {
      const std::string where = std::string("(() => { const c = document.querySelector('") + selector +
                                "'); if (!c) return null; const r = c.getBoundingClientRect();"
                                " return {x: r.left + scrollX, y: r.top + scrollY - 60, width: r.width, height: r.height + 60}; })()";
      auto box = co_await p.evaluate(where);
      BOOST_TEST_REQUIRE(box.has_value(), box.error());
      BOOST_TEST_REQUIRE(box->is_object(), "no " << selector << " in " << name);
      const fs::path file = out_dir / (name + "-" + part + ".png");
      json::object clip = box->as_object();
      const std::string shot = co_await p.screenshot(file, std::move(clip));
      BOOST_TEST(shot.empty(), shot);
      BOOST_TEST_MESSAGE(name << ": screenshot " << file.string());
    }
    co_await p.close();
  }, 120s);
  chromium_fixture::reset_and_check_gone(p);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(html_report)

BOOST_AUTO_TEST_CASE(decimation_keeps_the_ends_every_bucket_extreme_and_the_kept_indices) {
  std::vector<double> values;
  for (int i = 0; i < 10000; ++i) values.push_back(double(i % 97));
  values[5000] = 1e6;
  values[7777] = -1e6;
  const std::vector<std::size_t> keep{1234, 4321, 99999};
  const auto kept = app::decimate(values, 100, keep);
  BOOST_TEST(kept.size() <= 2 * 100 + 2 + 2);
  BOOST_TEST(kept.size() > 150u);
  BOOST_TEST(std::is_sorted(kept.begin(), kept.end()));
  BOOST_TEST((std::adjacent_find(kept.begin(), kept.end()) == kept.end()));
  auto has = [&](std::size_t i) { return std::binary_search(kept.begin(), kept.end(), i); };
  for (std::size_t i : {0u, 9999u, 5000u, 7777u, 1234u, 4321u}) BOOST_TEST(has(i), i << " was dropped");
  // Each bucket's lowest and highest value are among the points kept.
  for (std::size_t b = 0; b < 100; ++b) {
    const auto from = values.begin() + std::ptrdiff_t(b * 100), to = from + 100;
    double lo = 1e9, hi = -1e9;
    for (std::size_t i : kept)
      if (i >= b * 100 && i < (b + 1) * 100) {
        lo = std::min(lo, values[i]);
        hi = std::max(hi, values[i]);
      }
    BOOST_TEST(lo == *std::min_element(from, to), "bucket " << b);
    BOOST_TEST(hi == *std::max_element(from, to), "bucket " << b);
  }
  // A short series is kept whole.
  const std::vector<double> short_series(200, 1.0);
  BOOST_TEST(app::decimate(short_series, 100, {}).size() == 200u);
}

BOOST_AUTO_TEST_CASE(round_trips_pair_each_close_with_its_opening_and_each_sidebet_with_its_outcome) {
  std::vector<trade_event> events{
      event(event_kind::buy, 3, "1.25", "0.01", "0.008"),
      event(event_kind::sidebet_placed, 4, "1.1", "0.002"),
      event(event_kind::buy, 5, "2", "0.01", "0.005"),
      event(event_kind::sell, 8, "2.2", "0.0143", "0.0065", "0.0043"),
      event(event_kind::sell, 9, "1.8", "0.0117", "0.0065", "0.0017"),
      event(event_kind::buy, 12, "1", "0.01", "0.01"),
      event(event_kind::rejected, 13, "1", "0.5"),
      event(event_kind::liquidation, 20, "0.01", "0.0001", "0.01", "-0.0099"),
      event(event_kind::sidebet_won, 20, "0.01", "0.01", "0", "0.008"),
  };
  events[4].rail = reject_reason::risk_loss_limit;
  const auto trips = app::round_trips(events);
  BOOST_TEST_REQUIRE(trips.size() == 4u);
  const decimal average = dec("0.02") / dec("0.013");
  BOOST_TEST(!trips[0].sidebet);
  BOOST_TEST(trips[0].open_tick == 3);
  BOOST_TEST(trips[0].close_tick == 8);
  BOOST_TEST(trips[0].open_price.str() == average.str());
  BOOST_TEST(trips[0].close_price.str() == "2.2");
  BOOST_TEST(trips[0].quantity.str() == "0.0065");
  BOOST_TEST(trips[0].pnl.str() == "0.0043");
  BOOST_TEST(trips[0].how == "rule");
  // The second half of the same position, sold by the rail: the same opening.
  BOOST_TEST(trips[1].open_tick == 3);
  BOOST_TEST(trips[1].open_price.str() == average.str());
  BOOST_TEST(trips[1].how == "rail risk_loss_limit");
  // Flat after it: the next buy opens a new position.
  BOOST_TEST(trips[2].open_tick == 12);
  BOOST_TEST(trips[2].close_tick == 20);
  BOOST_TEST(trips[2].open_price.str() == "1");
  BOOST_TEST(trips[2].pnl.str() == "-0.0099");
  BOOST_TEST(trips[2].how == "liquidated at the rug");
  BOOST_TEST(trips[3].sidebet);
  BOOST_TEST(trips[3].open_tick == 4);
  BOOST_TEST(trips[3].close_tick == 20);
  BOOST_TEST(trips[3].open_price.str() == "1.1");
  BOOST_TEST(trips[3].quantity.str() == "0.002");
  BOOST_TEST(trips[3].pnl.str() == "0.008");
  BOOST_TEST(trips[3].how == "sidebet won");
}

BOOST_AUTO_TEST_CASE(a_game_that_trades_on_every_tick_draws_a_bounded_chart) {
  game_outcome o;
  o.id = "g<1>";
  o.complete = true;
  for (std::int64_t t = 0; t < 100000; ++t) {
    const std::string p = t == 61234 ? "250" : t == 70000 ? "0.02" : (t % 2 ? "1.5" : "1.25");
    o.trace.push_back({t, *price::parse(p), dec("0.1")});
    o.events.push_back(event(t % 2 ? event_kind::sell : event_kind::buy, t, p, "0.001", "0.001"));
  }
  o.events.push_back(event(event_kind::sidebet_placed, 99990, "1.5", "0.001"));
  trading_settings settings;
  const app::price_chart chart = app::price_chart_json(o, settings);
  BOOST_TEST(chart.markers_left_out == 100001 - app::max_markers_per_game);
  BOOST_TEST(chart.json.size() < 20000u, chart.json.size() << " bytes");
  const json::value v = json::parse(chart.json);
  BOOST_TEST(v.at("id").as_string() == "g<1>");
  BOOST_TEST(v.at("rugTick").as_int64() == 99999);
  BOOST_TEST(v.at("markers").as_array().size() == app::max_markers_per_game);
  BOOST_TEST(v.at("sidebetWindows").as_array().empty());  // its placement is past the markers drawn
  const auto& ticks = v.at("ticks").as_array();
  BOOST_TEST(ticks.size() <= 2 * app::price_buckets + 2 + app::max_markers_per_game);
  // The spike and the dip are kept.
  bool spike = false, dip = false;
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    spike = spike || (ticks[i].as_int64() == 61234 && v.at("prices").at(i).to_number<double>() == 250);
    dip = dip || (ticks[i].as_int64() == 70000 && v.at("prices").at(i).to_number<double>() == 0.02);
  }
  BOOST_TEST(spike);
  BOOST_TEST(dip);
}

BOOST_AUTO_TEST_CASE(the_halt_report_of_the_bundled_recordings_draws_in_chromium) {
  const std::string html = write_report("halt", "'" + std::string(REPLAYER_TEST_DATA) +
                                                    "' --strategy aggressive --set session_loss_limit=0.01");
  BOOST_TEST(html.find("<p id=\"halt\"") != std::string::npos);
  BOOST_TEST(html.find("\"halt\": {\"x\": ") != std::string::npos, "the equity chart has no halt marker");
  BOOST_TEST(html.find("rail risk_loss_limit") != std::string::npos, "the trade table does not name the rail's sell");
  BOOST_TEST(count_of(html, "<script") == 3u);  // charts.js, the data, report.js: nothing loaded
  check_in_chromium("halt");
}

BOOST_AUTO_TEST_CASE(a_1000_game_report_stays_under_2_mb_says_what_it_left_out_and_draws_in_chromium) {
  const fs::path corpus = out_dir / "simulated-1000";
  fs::create_directories(out_dir);
  BOOST_TEST_REQUIRE(replayer_run("simulate --games 1000 --seed 12 --force --out '" + corpus.string() + "'",
                                  out_dir / "simulate.log") == 0,
                     chromium_fixture::read_text(out_dir / "simulate.log"));
  // Per-game wallets: every game trades (a session wallet is ruined within the first few hundred).
  const std::string html = write_report("simulated-1000", "--strategy conservative --wallet per-game '" + corpus.string() + "'");
  BOOST_TEST(html.size() < 2'000'000u, html.size() << " bytes");
  BOOST_TEST(count_of(html, "<canvas") == app::max_game_charts + 1);
  BOOST_TEST(html.find("games with trades are not charted") != std::string::npos);
  BOOST_TEST(html.find("the first " + std::to_string(app::max_trade_rows) + " are listed") != std::string::npos);
  BOOST_TEST(count_of(html, "<tr>") <= app::max_trade_rows + 60);  // the trade rows, the header, the inputs table
  check_in_chromium("simulated-1000");
}

BOOST_AUTO_TEST_CASE(the_corpus_report_stays_small) {
  const std::string corpus = std::string(REPLAYER_SHARED_DIR) + "/data/recordings";
  for (const auto& [name, args] : {std::pair{"corpus-session", "--strategy conservative"},
                                   std::pair{"corpus-per-game", "--strategy aggressive --wallet per-game"}}) {
    const std::string html = write_report(name, std::string(args) + " '" + corpus + "'");
    BOOST_TEST(html.size() < 2'000'000u, args << ": " << html.size() << " bytes");
  }
}

BOOST_AUTO_TEST_SUITE_END()
