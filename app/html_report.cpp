#include "app/html_report.hpp"

#include "app/backtest_report.hpp"

#include <algorithm>
#include <cstdio>

namespace replayer::app {
namespace {

constexpr double width = 900, height = 220, pad = 30;
constexpr std::size_t max_game_charts = 200;  // bounded page size; the rest are listed in the table

std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

// Coordinates, to a tenth of a pixel.
std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// Axis values, to four significant digits (SOL amounts are small).
std::string label(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

// Maps values onto the chart's box.
struct scale {
  double lo, hi;
  std::size_t count;
  double x(std::size_t i) const { return pad + (width - 2 * pad) * (count > 1 ? double(i) / double(count - 1) : 0.5); }
  double y(double v) const { return height - pad - (height - 2 * pad) * (hi > lo ? (v - lo) / (hi - lo) : 0.5); }
};

scale fit(const std::vector<double>& values) {
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  return {values.empty() ? 0 : *lo, values.empty() ? 1 : *hi, values.size()};
}

std::string svg_open(std::string_view title) {
  return "<h3>" + escape(title) + "</h3><svg width=\"" + num(width) + "\" height=\"" + num(height) +
         "\" xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"100%\" height=\"100%\" fill=\"#fafafa\"/>";
}

std::string polyline(const std::vector<double>& values, const scale& sc, std::string_view colour) {
  std::string points;
  for (std::size_t i = 0; i < values.size(); ++i) points += num(sc.x(i)) + "," + num(sc.y(values[i])) + " ";
  return "<polyline fill=\"none\" stroke=\"" + std::string(colour) + "\" stroke-width=\"1.2\" points=\"" + points + "\"/>";
}

std::string axis_labels(const scale& sc, std::string_view unit) {
  return "<text x=\"2\" y=\"" + num(pad - 8) + "\" font-size=\"11\">" + label(sc.hi) + std::string(unit) +
         "</text><text x=\"2\" y=\"" + num(height - 8) + "\" font-size=\"11\">" + label(sc.lo) + std::string(unit) + "</text>";
}

std::string equity_chart(const std::vector<game_outcome>& outcomes, const trading_settings& settings) {
  // The run's equity, game after game, and its drawdown from the running peak.
  std::vector<double> equity, drawdown;
  double offset = settings.starting_balance.to_double(), peak = offset;
  for (const auto& g : outcomes) {
    const double start = g.start_equity.to_double();
    for (const trace_point& p : g.trace) {
      const double v = offset + p.equity.to_double() - start;
      peak = std::max(peak, v);
      equity.push_back(v);
      drawdown.push_back(v - peak);
    }
    offset += g.pnl().to_double();
  }
  std::string out = svg_open("Equity (SOL), tick by tick over all games");
  const scale sc = fit(equity);
  out += polyline(equity, sc, "#1f6feb") + axis_labels(sc, "") + "</svg>";
  out += svg_open("Drawdown from the running peak (SOL)");
  const scale dd = fit(drawdown);
  out += polyline(drawdown, dd, "#cf222e") + axis_labels(dd, "") + "</svg>";
  return out;
}

std::string pnl_chart(const std::vector<game_outcome>& outcomes) {
  std::vector<double> pnl;
  for (const auto& g : outcomes) pnl.push_back(g.pnl().to_double());
  pnl.push_back(0);
  const scale sc = fit(pnl);
  pnl.pop_back();
  std::string out = svg_open("P&L per game (SOL)");
  const double bar = std::max(1.0, (width - 2 * pad) / double(std::max<std::size_t>(1, pnl.size())) - 1);
  for (std::size_t i = 0; i < pnl.size(); ++i) {
    const double x = pad + (width - 2 * pad) * double(i) / double(std::max<std::size_t>(1, pnl.size()));
    const double y0 = sc.y(0), y1 = sc.y(pnl[i]);
    out += "<rect x=\"" + num(x) + "\" y=\"" + num(std::min(y0, y1)) + "\" width=\"" + num(bar) + "\" height=\"" +
           num(std::max(0.5, std::abs(y1 - y0))) + "\" fill=\"" + (pnl[i] < 0 ? "#cf222e" : "#2da44e") + "\"/>";
  }
  return out + axis_labels(sc, "") + "</svg>";
}

std::string game_chart(const game_outcome& o) {
  std::vector<double> prices;
  for (const trace_point& p : o.trace) prices.push_back(p.price.approx());
  const scale sc = fit(prices);
  std::string out = "<div id=\"game-" + escape(o.id) + "\">" + svg_open("Game " + o.id + " (" + o.file + "): price and trades");
  out += polyline(prices, sc, "#57606a") + axis_labels(sc, "x");
  for (const trade_event& e : o.events) {
    if (e.kind == event_kind::rejected) continue;
    // The marker goes on the first tick line with the event's tick index.
    std::size_t at = 0;
    while (at + 1 < o.trace.size() && o.trace[at].tick < e.tick) ++at;
    const bool gain = !e.pnl.is_negative();
    const std::string colour = e.kind == event_kind::buy || e.kind == event_kind::sidebet_placed ? "#1f6feb"
                               : gain                                                           ? "#2da44e"
                                                                                                : "#cf222e";
    out += "<circle cx=\"" + num(sc.x(at)) + "\" cy=\"" + num(sc.y(e.price.to_double())) + "\" r=\"4\" fill=\"" +
           colour + "\"><title>" + std::string(event_kind_name(e.kind)) + " tick " + std::to_string(e.tick) + " " +
           e.amount.str() + " SOL" + (e.pnl.is_zero() ? "" : " P&amp;L " + e.pnl.str()) + "</title></circle>";
  }
  return out + "</svg></div>";
}

}  // namespace

std::string html_report(const std::vector<game_outcome>& outcomes, const backtest_summary& summary, const run_inputs& in) {
  const std::string& strategy = in.strategy.name();
  const trading_settings& settings = in.settings;
  std::string html =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>replayer backtest: " + escape(strategy) +
      "</title><style>body{font-family:sans-serif;margin:20px;max-width:960px}pre{background:#f6f8fa;padding:10px}"
      "table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd;font-size:12px}</style></head><body>";
  html += "<h1>Backtest: " + escape(strategy) + "</h1>";
  if (summary.halted)
    html += "<p id=\"halt\" style=\"background:#fff8c5;padding:8px;border:1px solid #d4a72c\"><b>Trading halted</b> by " +
            escape(halt_text(summary)) + ": no order after it" +
            (settings.wallet == wallet_mode::session ? " for the rest of the session" : " in that game") + ".</p>";
  html += "<pre>" + escape(summary_table(summary, in)) + "</pre>";
  html += equity_chart(outcomes, settings) + pnl_chart(outcomes);
  html += "<h2>Games</h2><table><tr><th>game</th><th>file</th><th>ticks</th><th>P&amp;L (SOL)</th><th>events</th></tr>";
  std::string charts;
  std::size_t charted = 0;
  for (const game_outcome& o : outcomes) {
    const bool chart = !o.events.empty() && charted < max_game_charts;
    const bool halted_here = summary.halted && o.id == summary.halted_game;
    html += std::string(halted_here ? "<tr style=\"background:#fff8c5\" title=\"trading halted in this game\"><td>" : "<tr><td>") + (chart ? "<a href=\"#game-" + escape(o.id) + "\">" + escape(o.id) + "</a>" : escape(o.id)) +
            "</td><td>" + escape(o.file) + "</td><td>" + std::to_string(o.ticks) + "</td><td>" + o.pnl().str() +
            "</td><td>" + std::to_string(o.events.size()) + "</td></tr>";
    if (chart) {
      charts += game_chart(o);
      ++charted;
    }
  }
  html += "</table><h2>Games with trades</h2>" + charts + "</body></html>\n";
  return html;
}

}  // namespace replayer::app
