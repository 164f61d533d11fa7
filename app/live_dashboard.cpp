#include "app/live_dashboard.hpp"

#include "browser/browser_trader.hpp"
#include "core/concat.hpp"
#include "core/dashboard/session_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

namespace replayer::app {

live_dashboard::live_dashboard(live_pipeline& pipeline, const recorder* rec, bool trading, std::string strategy,
                               const trading_settings& settings, trade_sink* next)
    : pipeline_(pipeline), recorder_(rec), trading_(trading), strategy_(std::move(strategy)), settings_(settings), next_(next) {
  board_.set_sidebet_window(settings.sidebet_window);
}

void live_dashboard::on_event(std::string_view game_id, const trade_event& e) {
  board_.on_trade(e);
  if (recent_trades_.size() == max_recent_trades) recent_trades_.pop_front();
  recent_trades_.push_back(trade_event_json(game_id, e));
  ++events_by_kind_[static_cast<std::size_t>(e.kind)];
  ++trade_events_;
  if (next_) next_->on_event(game_id, e);
}

std::uint64_t live_dashboard::version() const {
  const auto& m = pipeline_.metrics();
  return board_.version() + trade_events_ + m.connects + m.reconnects + m.frames_refused + m.payloads_refused;
}

boost::json::object live_dashboard::state() const {
  const auto& m = pipeline_.metrics();
  const auto& t = pipeline_.ticks();
  const auto age = health_.last_frame ? std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::steady_clock::now() - *health_.last_frame)
                                            .count()
                                      : -1;
  const auto verdict = health();
  boost::json::object feed{{"health", dashboard::health_state_name(verdict.state)},
                           {"reason", verdict.reason},
                           {"connected", health_.connected},
                           {"lastFrameAgeMs", age},
                           {"connects", m.connects},
                           {"reconnects", m.reconnects},
                           {"updates", t.updates},
                           {"ticks", t.ticks},
                           {"backfilled", t.backfilled_ticks},
                           {"gaps", t.gaps},
                           {"missingTicks", t.missing_ticks},
                           {"phaseAnomalies", t.phase_anomalies},
                           {"refused", m.frames_refused + m.payloads_refused}};
  boost::json::object o{{"mode", "live"}, {"now", board_.now_json()}, {"chart", board_.chart_json()},
                        {"events", board_.events_json()}, {"feed", std::move(feed)}};
  if (recorder_) {
    const auto& s = recorder_->stats();
    o["recorder"] = boost::json::object{{"files", s.files.load()},         {"games", s.games.load()},
                                        {"ticks", s.ticks.load()},         {"bytes", s.bytes.load()},
                                        {"droppedTicks", s.dropped_ticks.load()}, {"writeErrors", s.write_errors.load()},
                                        {"failure", recorder_->failure().value_or("")}};
  } else {
    o["recorder"] = nullptr;
  }
  if (!trading_) {
    o["bot"] = nullptr;
    return o;
  }
  boost::json::object bot{{"strategy", strategy_}, {"execute", trader_ ? "browser" : "paper"}};
  if (const session* s = current_ ? current_() : nullptr) bot["wallet"] = dashboard::session_json(*s, board_.last_tick());
  boost::json::array trades;
  for (const auto& line : recent_trades_) trades.push_back(boost::json::parse(line));
  o["trades"] = std::move(trades);
  o["bot"] = std::move(bot);
  return o;
}

dashboard::health_verdict live_dashboard::health() const {
  return dashboard::judge_health(health_, std::chrono::steady_clock::now(), stale_after);
}

std::string live_dashboard::command(const boost::json::object&) {
  return "the live page shows what the bot does; orders come from the strategy (use `replayer view` to trade by hand)";
}

void live_dashboard::metrics(dashboard::metrics_text& out) const {
  using labelled = dashboard::metrics_text::labelled;
  const auto& m = pipeline_.metrics();
  const auto& t = pipeline_.ticks();
  const auto n = [](auto v) { return static_cast<double>(v); };
  const auto verdict = health();
  out.gauge("replayer_feed_up", "1 while the feed is fresh (what /healthz answers 200 for)", verdict.status == 200 ? 1 : 0);
  out.gauge("replayer_feed_last_frame_age_seconds", "Seconds since the last frame from the server (-1: none yet)",
            health_.last_frame ? std::chrono::duration<double>(std::chrono::steady_clock::now() - *health_.last_frame).count() : -1);
  out.counter("replayer_feed_connects_total", "Connections to the feed", n(m.connects));
  std::vector<labelled> causes;
  for (std::size_t i = 0; i < disconnect_cause_count; ++i)
    causes.push_back({{{"cause", std::string(disconnect_cause_name(static_cast<disconnect_cause>(i)))}}, n(m.reconnects_by_cause[i])});
  out.counter("replayer_feed_reconnects_total", "Connections lost (each followed by a reconnect), by cause", causes);
  out.counter("replayer_feed_events_total", "Socket.IO events received", n(m.events));
  out.counter("replayer_feed_frames_refused_total", "Frames the protocol refused", n(m.frames_refused));
  out.counter("replayer_feed_payloads_refused_total", "gameStateUpdate payloads refused", n(m.payloads_refused));
  out.counter("replayer_feed_updates_total", "gameStateUpdate payloads used", n(t.updates));
  out.counter("replayer_feed_ticks_total", "Ticks handed to the session and the recorder, backfilled ones included", n(t.ticks));
  out.counter("replayer_feed_backfilled_ticks_total", "Ticks filled in from partialPrices", n(t.backfilled_ticks));
  out.counter("replayer_feed_gaps_total", "Runs of ticks that could not be recovered", n(t.gaps));
  out.counter("replayer_feed_missing_ticks_total", "Ticks in those runs", n(t.missing_ticks));
  out.counter("replayer_feed_phase_anomalies_total", "Phase steps the transition table does not allow", n(t.phase_anomalies));
  out.counter("replayer_feed_dropped_updates_total", "Updates dropped (duplicates, out of order, repeats in play)",
              n(t.duplicates + t.out_of_order + t.repeats_in_play));
  out.counter("replayer_feed_games_total", "Games met", n(m.games));
  out.histogram("replayer_feed_to_decision_seconds", "From a gameStateUpdate handed over to the session having decided on it",
                m.feed_to_decision);
  const auto& b = board_.counters();
  out.counter("replayer_dashboard_markers_dropped_total", "Trade markers beyond the per-game bound", n(b.markers_dropped));
  out.counter("replayer_dashboard_events_dropped_total", "Raw events pushed out of the page's tail", n(b.events_dropped));
  if (recorder_) {
    const auto& s = recorder_->stats();
    out.counter("replayer_recorder_files_total", "Recording files written", n(s.files.load()));
    out.counter("replayer_recorder_ticks_total", "Ticks recorded", n(s.ticks.load()));
    out.counter("replayer_recorder_bytes_total", "Bytes written", n(s.bytes.load()));
    out.counter("replayer_recorder_dropped_ticks_total", "Ticks dropped: the recorder's queue was full", n(s.dropped_ticks.load()));
    out.counter("replayer_recorder_dropped_raw_events_total", "Raw events dropped: the queue was full",
                n(s.dropped_raw_events.load()));
    out.counter("replayer_recorder_write_errors_total", "Write errors", n(s.write_errors.load()));
  }
  if (trading_) {
    std::vector<labelled> kinds;
    for (std::size_t i = 0; i < event_kind_count; ++i)
      kinds.push_back({{{"kind", std::string(event_kind_name(static_cast<event_kind>(i)))}}, n(events_by_kind_[i])});
    out.counter("replayer_orders_total", "Trade events of the session by kind (fills, rejections, failures, timeouts)", kinds);
  }
  if (trader_) {
    const auto& s = trader_->stats();
    out.counter("replayer_browser_orders_total", "Orders sent to the browser", n(s.orders));
    out.counter("replayer_browser_confirmed_total", "Orders the server's account confirmed", n(s.confirmed));
    out.counter("replayer_browser_timeouts_total", "Orders not confirmed in time", n(s.timed_out));
    out.counter("replayer_browser_click_failures_total", "Clicks that failed", n(s.click_failures));
    out.histogram("replayer_decision_to_fill_seconds", "From the order's decision to its fill confirmed by the server",
                  s.decision_to_fill_histogram);
    out.histogram("replayer_cdp_call_seconds", "DevTools Protocol calls, from sending to the reply", s.cdp_calls);
  }
}

}  // namespace replayer::app
