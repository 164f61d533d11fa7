#include "app/html_report.hpp"

#include "app/report_data.hpp"
#include "app/round_trips.hpp"
#include "app/web/assets.hpp"

#include <algorithm>
#include <string_view>

namespace replayer::app {
namespace {

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

// JSON inside <script>: a '<' only occurs in strings, where \u003c means the same.
std::string script_safe(std::string_view json) {
  std::string out;
  for (char c : json) {
    if (c == '<') out += "\\u003c";
    else out += c;
  }
  return out;
}

std::string cells(std::initializer_list<std::string> values, std::string_view tag = "td") {
  std::string out = "<tr>";
  for (const auto& v : values) out += "<" + std::string(tag) + ">" + v + "</" + std::string(tag) + ">";
  return out + "</tr>";
}

std::string inputs_table(const backtest_summary& s, const run_inputs& in) {
  std::string out = "<table class=\"inputs\">" + cells({"input", "value"}, "th");
  out += cells({"replayer", REPLAYER_VERSION});
  out += cells({"strategy", escape(in.strategy.name())});
  for (const auto& [key, value] : in.strategy.parameters()) out += cells({"parameter " + escape(key), escape(value)});
  for (const auto& set : in.sets) out += cells({"--set", escape(set)});
  for (const auto& d : describe(in.settings)) out += cells({"setting " + escape(d.key), escape(d.value)});
  out += cells({"corpus", std::to_string(in.files) + " files, " + std::to_string(s.games) + " games, " +
                              std::to_string(s.tick_lines) + " tick lines"});
  return out + "</table>";
}

std::string price_text(decimal p) { return short_number(p.to_double()) + "x"; }

}  // namespace

std::string html_report(const std::vector<game_outcome>& outcomes, const backtest_summary& summary, const run_inputs& in) {
  const std::string& strategy = in.strategy.name();
  const trading_settings& settings = in.settings;
  std::string html =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>replayer backtest: " + escape(strategy) +
      "</title><style>body{font-family:sans-serif;margin:20px;max-width:1000px}pre{background:#f6f8fa;padding:10px;white-space:pre-wrap}"
      "table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd;font-size:12px;text-align:left}"
      "td.n{text-align:right}.note{background:#fff8c5;padding:8px;border:1px solid #d4a72c}"
      "canvas{width:100%;display:block;margin:4px 0 16px}</style></head><body>";
  html += "<h1>Backtest: " + escape(strategy) + "</h1>";
  if (summary.halted)
    html += "<p id=\"halt\" class=\"note\"><b>Trading halted</b> by " + escape(halt_text(summary)) + ": no order after it" +
            (settings.wallet == wallet_mode::session ? " for the rest of the session" : " in that game") + ".</p>";
  if (summary.ruined)
    html += "<p id=\"ruin\" class=\"note\"><b>Wallet ruined</b> at " + escape(summary.ruined->game) + " tick " +
            std::to_string(summary.ruined->tick) + ", balance " + sol6(summary.ruined->balance) + " SOL: " +
            std::to_string(summary.ruined->games_after) + " games after it not traded.</p>";
  html += "<h2>Summary</h2><pre>" + escape(summary_table(summary, in)) + "</pre>";
  html += "<h2>Run inputs</h2>" + inputs_table(summary, in);
  html += "<h2>Equity and drawdown</h2><canvas id=\"equity\" style=\"height:340px\"></canvas>";

  // The games that get a price chart: the first max_game_charts with a trade.
  std::vector<const game_outcome*> charted;
  std::size_t traded = 0;
  std::vector<std::pair<const game_outcome*, round_trip>> trips;
  for (const game_outcome& o : outcomes) {
    for (round_trip& r : round_trips(o.events)) trips.emplace_back(&o, std::move(r));
    const bool has_trade = std::any_of(o.events.begin(), o.events.end(), [](const trade_event& e) {
      return e.kind == event_kind::buy || e.kind == event_kind::sidebet_placed;
    });
    if (!has_trade) continue;
    ++traded;
    if (charted.size() < max_game_charts) charted.push_back(&o);
  }
  auto is_charted = [&](const game_outcome* o) { return std::find(charted.begin(), charted.end(), o) != charted.end(); };

  html += "<h2>Trades</h2><p>" + std::to_string(trips.size()) + " round trips (closed positions and resolved sidebets)";
  if (trips.size() > max_trade_rows)
    html += "; the first " + std::to_string(max_trade_rows) + " are listed, " + std::to_string(trips.size() - max_trade_rows) +
            " are left out (the trade log, --trades, has them all)";
  html += ".</p><table id=\"trades\">" +
          cells({"game", "trade", "open tick", "close tick", "open price", "close price", "quantity", "P&amp;L (SOL)", "how it closed"}, "th");
  for (std::size_t i = 0; i < trips.size() && i < max_trade_rows; ++i) {
    const auto& [o, r] = trips[i];
    const std::string game = is_charted(o) ? "<a href=\"#game-" + escape(o->id) + "\">" + escape(o->id) + "</a>" : escape(o->id);
    html += "<tr><td>" + game + "</td><td>" + (r.sidebet ? "sidebet" : "position") + "</td><td class=\"n\">" +
            std::to_string(r.open_tick) + "</td><td class=\"n\">" + std::to_string(r.close_tick) + "</td><td class=\"n\">" +
            price_text(r.open_price) + "</td><td class=\"n\">" + price_text(r.close_price) + "</td><td class=\"n\">" +
            sol6(r.quantity) + (r.sidebet ? " SOL" : "") + "</td><td class=\"n\">" + sol6(r.pnl) + "</td><td>" +
            escape(r.how) + "</td></tr>";
  }
  html += "</table>";

  html += "<h2>Games</h2><p id=\"charted\">" + std::to_string(outcomes.size()) + " games, " + std::to_string(traded) +
          " with trades; price charts for " + (charted.size() < traded ? "the first " : "all ") + std::to_string(charted.size());
  if (charted.size() < traded)
    html += " (at most " + std::to_string(max_game_charts) + "): " + std::to_string(traded - charted.size()) +
            " games with trades are not charted";
  html += ". Long price paths are thinned to the lowest and highest price of " + std::to_string(price_buckets) +
          " stretches, and every trade's tick. Zoom: the mouse wheel, or drag across a chart; double-click resets.</p>";
  std::string games_json = "[";
  for (std::size_t i = 0; i < charted.size(); ++i) {
    const game_outcome& o = *charted[i];
    const price_chart chart = price_chart_json(o, settings);
    html += "<h3 id=\"game-" + escape(o.id) + "\">Game " + escape(o.id) + "</h3><p>" + escape(o.file) + ": " +
            std::to_string(o.ticks) + " tick lines, P&amp;L " + sol6(o.pnl()) + " SOL" +
            (o.complete ? "" : ", incomplete (no rug)") +
            (chart.markers_left_out ? "; the first " + std::to_string(max_markers_per_game) + " trades are drawn, " +
                                          std::to_string(chart.markers_left_out) + " are not"
                                    : "") +
            "</p><canvas data-game=\"" + std::to_string(i) + "\"></canvas>";
    games_json += (i ? "," : "") + chart.json;
  }
  games_json += "]";
  const std::string data = "{\"equity\":" + equity_chart_json(outcomes, summary, settings) + ",\"games\":" + games_json + "}";
  html += "<script>" + std::string(web::charts_script()) + "</script>";
  html += "<script type=\"application/json\" id=\"replayer-data\">" + script_safe(data) + "</script>";
  html += "<script>" + std::string(web::report_script()) + "</script></body></html>\n";
  return html;
}

}  // namespace replayer::app
