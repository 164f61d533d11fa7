#include "app/view_source.hpp"

#include "app/backtest_report.hpp"
#include "app/html_report.hpp"
#include "app/speed.hpp"
#include "core/concat.hpp"
#include "core/line_source.hpp"
#include "core/recording_reader.hpp"
#include "core/replay_clock.hpp"
#include "core/trading/backtest.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/array.hpp>

namespace replayer::app {
namespace {

namespace asio = boost::asio;

strategy_factory factory(const rule_strategy& s, bool attached) {
  if (!attached) return {};
  return [s] { return std::make_unique<rule_strategy>(s); };
}

std::string text_of(const boost::json::object& c, std::string_view key) {
  const auto* v = c.if_contains(key);
  if (!v) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  return {};
}

std::optional<std::int64_t> integer_of(const boost::json::object& c, std::string_view key) {
  const auto* v = c.if_contains(key);
  if (v && v->is_int64()) return v->as_int64();
  if (v && v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  return std::nullopt;
}

}  // namespace

view_source::view_source(std::vector<std::filesystem::path> files, rule_strategy strategy, trading_settings settings,
                         bool attached, std::optional<double> speed)
    : files_(std::move(files)),
      strategy_(std::move(strategy)),
      settings_(std::move(settings)),
      viewer_(settings_, factory(strategy_, attached)),
      speed_(speed) {}

std::string view_source::open(std::size_t index, std::size_t game_index) {
  if (index >= files_.size()) return concat({"no recording number ", std::to_string(index)});
  auto lines = file_lines::open(files_[index]);
  if (!lines) return concat({files_[index].string(), ": cannot read: ", lines.error().message()});
  std::vector<game> games;
  recording_reader reader(files_[index].string(), *lines);
  while (auto g = reader.next_game()) games.push_back(std::move(*g));
  if (games.empty()) return concat({files_[index].string(), ": no game in it"});
  if (game_index >= games.size()) return concat({files_[index].string(), ": has ", std::to_string(games.size()), " games"});
  leave_game();
  games_ = std::move(games);
  bad_lines_ = reader.bad_lines();
  file_ = index;
  game_ = game_index;
  viewer_.load(games_[game_]);
  playing_ = false;
  changed();
  return {};
}

void view_source::leave_game() {
  if (viewer_.loaded() && viewer_.position() > 0) left_.push_back(viewer_.outcome_here());
}

std::vector<game_outcome> view_source::outcomes() const {
  std::vector<game_outcome> out = left_;
  if (viewer_.loaded() && viewer_.position() > 0) out.push_back(viewer_.outcome_here());
  return out;
}

asio::awaitable<void> view_source::play_loop() {
  co_await asio::this_coro::throw_if_cancelled(false);
  // The timer lives in this frame, which ends before the io_context does.
  asio::steady_timer wake(co_await asio::this_coro::executor);
  wake_ = &wake;
  struct forget {
    asio::steady_timer*& timer;
    ~forget() { timer = nullptr; }
  } forget_on_exit{wake_};
  for (;;) {
    if (!playing_ || !viewer_.loaded() || viewer_.position() >= viewer_.lines()) {
      if (playing_) {
        playing_ = false;
        changed();
      }
      wake.expires_at(asio::steady_timer::clock_type::time_point::max());
    } else if (!speed_) {
      // As fast as possible, in slices, so pages and commands are served in between.
      viewer_.step(200);
      changed();
      wake.expires_after(std::chrono::milliseconds(1));
    } else {
      const std::size_t p = viewer_.position();
      const auto& ticks = viewer_.current_game().ticks;
      const auto delay = p == 0 ? std::chrono::nanoseconds(0) : replay_delay(ticks[p - 1].time, ticks[p].time, *speed_);
      viewer_.step(1);
      changed();
      wake.expires_after(delay);
    }
    auto [ec] = co_await wake.async_wait(asio::as_tuple(asio::use_awaitable));
    if (ec && (co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none) co_return;
  }
}

std::string view_source::place(action a, const boost::json::object& c) {
  const std::string amount = text_of(c, a == action::sell ? "fraction" : "amount");
  const auto value = decimal::parse(amount);
  if (!value) return concat({action_name(a), ": '", amount, "' is not a decimal amount"});
  viewer_.place(order{a, *value});
  return {};
}

std::string view_source::command(const boost::json::object& c) {
  ++commands_;
  const std::string cmd = text_of(c, "cmd");
  std::string error;
  if (cmd == "play") {
    playing_ = true;
  } else if (cmd == "pause") {
    playing_ = false;
  } else if (cmd == "step") {
    viewer_.step(integer_of(c, "n").value_or(1));
  } else if (cmd == "seek") {
    const auto p = integer_of(c, "position");
    if (!p || *p < 0) error = "seek: needs a position (a tick line number from 0)";
    else viewer_.seek(static_cast<std::size_t>(*p));
  } else if (cmd == "speed") {
    auto s = parse_speed(text_of(c, "value"));
    if (!s) error = s.error().message;
    else speed_ = *s;
  } else if (cmd == "open") {
    error = open(static_cast<std::size_t>(integer_of(c, "file").value_or(-1)),
                 static_cast<std::size_t>(integer_of(c, "game").value_or(0)));
  } else if (cmd == "buy") {
    error = place(action::buy, c);
  } else if (cmd == "sell") {
    error = place(action::sell, c);
  } else if (cmd == "sidebet") {
    error = place(action::sidebet, c);
  } else {
    error = concat({"unknown command '", cmd, "': play, pause, step, seek, speed, open, buy, sell, sidebet"});
  }
  if (wake_) wake_->cancel();
  changed();
  return error;
}

boost::json::object view_source::state() const {
  boost::json::array files;
  constexpr std::size_t files_listed = 2000;
  for (std::size_t i = 0; i < files_.size() && i < files_listed; ++i) files.push_back(boost::json::string(files_[i].filename().string()));
  boost::json::object o{{"mode", "view"},
                        {"strategy", strategy_.name()},
                        {"files", std::move(files)},
                        {"fileCount", files_.size()},
                        {"file", file_},
                        {"game", game_},
                        {"games", games_.size()},
                        {"badLines", bad_lines_},
                        {"playing", playing_},
                        {"speed", speed_ ? boost::json::value(*speed_) : boost::json::value("max")},
                        {"gamesLeft", left_.size()}};
  if (viewer_.loaded()) {
    o["viewer"] = viewer_.state_json();
    o["chart"] = viewer_.chart().chart_json();
    o["now"] = viewer_.chart().now_json();
  }
  return o;
}

dashboard::health_verdict view_source::health() const {
  dashboard::feed_health none;
  none.has_feed = false;
  return dashboard::judge_health(none, std::chrono::steady_clock::now(), std::chrono::milliseconds(0));
}

void view_source::metrics(dashboard::metrics_text& out) const {
  out.gauge("replayer_view_position", "Tick lines played of the game viewed", static_cast<double>(viewer_.position()));
  out.gauge("replayer_view_games_left", "Games viewed and left", static_cast<double>(left_.size()));
  out.counter("replayer_view_commands_total", "Viewer commands", static_cast<double>(commands_));
}

backtest_summary view_source::summary(std::vector<game_outcome> games, trade_log::writer trades) const {
  backtest_run run(settings_, {}, {false, false, std::move(trades), {}});
  for (auto& g : games) run.add(std::move(g));
  return run.summary();
}

std::string view_source::report_html() const {
  const std::vector<std::string> no_sets;
  // Each outcome plays its game again up to where it was left: once for the charts and the sums.
  const auto games = outcomes();
  return html_report(games, summary(games), run_inputs{strategy_, settings_, no_sets, files_.size()});
}

}  // namespace replayer::app
