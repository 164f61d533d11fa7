#include "app/report_data.hpp"

#include "app/backtest_report.hpp"
#include "core/json_value.hpp"
#include "core/json_writer.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>

namespace replayer::app {
namespace {

// The marker kind charts.js draws for an event; none for what is not a trade on the chart.
std::optional<std::string_view> marker_kind(event_kind k) {
  switch (k) {
    case event_kind::buy: return "buy";
    case event_kind::sell:
    case event_kind::close_incomplete: return "sell";
    case event_kind::liquidation: return "liquidation";
    case event_kind::sidebet_placed: return "sidebet";
    case event_kind::sidebet_won: return "sidebet_won";
    case event_kind::sidebet_lost: return "sidebet_lost";
    default: return std::nullopt;
  }
}

std::string array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const auto& i : items) {
    if (out.size() > 1) out += ',';
    out += i;
  }
  return out + "]";
}

// The first trace point at or after `tick` (the trace is in tick order).
std::size_t point_at(const std::vector<trace_point>& trace, std::int64_t tick) {
  return static_cast<std::size_t>(
      std::lower_bound(trace.begin(), trace.end(), tick, [](const trace_point& p, std::int64_t t) { return p.tick < t; }) -
      trace.begin());
}

// Where a game's tick falls on the equity chart's x: the game's number plus the share of its points before it.
double equity_x(std::size_t game_index, const game_outcome& g, std::int64_t tick) {
  const double share = g.trace.empty() ? 0 : double(point_at(g.trace, tick)) / double(g.trace.size());
  return double(game_index + 1) + std::min(share, 1.0);
}

std::string mark(double x, const std::string& text) {
  json_object_writer w;
  return w.raw("x", short_number(x, 8)).string("text", text).finish();
}

}  // namespace

std::vector<std::size_t> decimate(std::span<const double> values, std::size_t buckets, std::span<const std::size_t> keep) {
  const std::size_t n = values.size();
  std::vector<std::size_t> out;
  if (n <= 2 * buckets || buckets == 0) {
    out.resize(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = i;
    return out;
  }
  out.reserve(2 * buckets + 2 + keep.size());
  out.push_back(0);
  out.push_back(n - 1);
  for (std::size_t b = 0; b < buckets; ++b) {
    const std::size_t from = b * n / buckets, to = (b + 1) * n / buckets;
    const auto [lo, hi] = std::minmax_element(values.begin() + std::ptrdiff_t(from), values.begin() + std::ptrdiff_t(to));
    out.push_back(std::size_t(lo - values.begin()));
    out.push_back(std::size_t(hi - values.begin()));
  }
  for (std::size_t k : keep)
    if (k < n) out.push_back(k);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string short_number(double value, int digits) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*g", digits, value);
  return buf;
}

price_chart price_chart_json(const game_outcome& o, const trading_settings& settings) {
  std::vector<double> prices;
  prices.reserve(o.trace.size());
  for (const trace_point& p : o.trace) prices.push_back(p.price.approx());
  std::vector<std::size_t> keep;
  std::vector<std::string> markers, windows;
  price_chart chart;
  for (std::size_t i = 0; i < o.events.size(); ++i) {
    const trade_event& e = o.events[i];
    const auto kind = marker_kind(e.kind);
    if (!kind) continue;
    if (markers.size() == max_markers_per_game) {
      ++chart.markers_left_out;
      continue;
    }
    keep.push_back(point_at(o.trace, e.tick));
    json_object_writer m;
    markers.push_back(m.integer("tick", e.tick).raw("price", short_number(e.price.to_double())).string("kind", *kind).finish());
    if (e.kind != event_kind::sidebet_placed) continue;
    // The window the bet covers; a bet won or refunded ends where it was resolved.
    std::int64_t to = e.tick + settings.sidebet_window;
    for (std::size_t j = i + 1; j < o.events.size(); ++j) {
      const event_kind k = o.events[j].kind;
      if (k == event_kind::sidebet_won || k == event_kind::sidebet_refunded) to = std::min(to, o.events[j].tick);
      if (k == event_kind::sidebet_won || k == event_kind::sidebet_lost || k == event_kind::sidebet_refunded) break;
    }
    windows.push_back("[" + std::to_string(e.tick) + "," + std::to_string(to) + "]");
  }
  std::vector<std::string> ticks, values;
  for (std::size_t i : decimate(prices, price_buckets, keep)) {
    ticks.push_back(std::to_string(o.trace[i].tick));
    values.push_back(short_number(prices[i]));
  }
  json_object_writer w;
  w.string("id", o.id).raw("ticks", array(ticks)).raw("prices", array(values));
  if (o.complete && !o.trace.empty()) w.integer("rugTick", o.trace.back().tick);
  else w.null("rugTick");
  chart.json = w.raw("sidebetWindows", array(windows)).raw("markers", array(markers)).finish();
  return chart;
}

std::string equity_chart_json(const std::vector<game_outcome>& outcomes, const backtest_summary& s,
                              const trading_settings& settings) {
  std::vector<double> xs, equity;
  double offset = settings.starting_balance.to_double();
  for (std::size_t gi = 0; gi < outcomes.size(); ++gi) {
    const game_outcome& g = outcomes[gi];
    const double start = g.start_equity.to_double();
    for (std::size_t j = 0; j < g.trace.size(); ++j) {
      xs.push_back(double(gi + 1) + double(j) / double(g.trace.size()));
      equity.push_back(offset + g.trace[j].equity.to_double() - start);
    }
    offset += g.pnl().to_double();
  }
  std::vector<std::string> x, e;
  for (std::size_t i : decimate(equity, equity_buckets, {})) {
    x.push_back(short_number(xs[i], 8));
    e.push_back(short_number(equity[i], 8));
  }
  json_object_writer w;
  w.raw("x", array(x)).raw("equity", array(e)).string("xLabel", "game (number, and how far into it)");
  auto find = [&](const std::string& id) {
    return std::find_if(outcomes.begin(), outcomes.end(), [&](const game_outcome& g) { return g.id == id; });
  };
  if (s.halted)
    if (auto g = find(s.halted_game); g != outcomes.end())
      w.raw("halt", mark(equity_x(std::size_t(g - outcomes.begin()), *g, s.halted->tick), "halted: " + halt_text(s)));
  if (s.ruined)
    if (auto g = find(s.ruined->game); g != outcomes.end())
      w.raw("ruin", mark(equity_x(std::size_t(g - outcomes.begin()), *g, s.ruined->tick),
                         "ruined at " + s.ruined->game + " tick " + std::to_string(s.ruined->tick)));
  return w.finish();
}

}  // namespace replayer::app
