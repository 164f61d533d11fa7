#include "core/dashboard/replay_viewer.hpp"

#include "core/dashboard/session_json.hpp"
#include "core/trading/paper_executor.hpp"
#include "core/trading/strategy.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>

namespace replayer::dashboard {

// The user's orders first, on the lines they were placed on; the attached strategy otherwise.
class replay_viewer::hand_strategy final : public strategy {
public:
  hand_strategy(const std::map<std::size_t, order>& hand, std::unique_ptr<strategy> attached)
      : hand_(hand), attached_(std::move(attached)) {}
  std::size_t line = 0;

  std::optional<order> decide(const decision_view& view) override {
    if (auto it = hand_.find(line); it != hand_.end()) return it->second;
    return attached_ ? attached_->decide(view) : std::nullopt;
  }

private:
  const std::map<std::size_t, order>& hand_;
  std::unique_ptr<strategy> attached_;
};

class replay_viewer::recorder final : public trade_sink {
public:
  explicit recorder(replay_viewer& v) : viewer_(v) {}
  void on_event(std::string_view, const trade_event& e) override {
    viewer_.events_.push_back(e);
    viewer_.board_.on_trade(e);
  }

private:
  replay_viewer& viewer_;
};

replay_viewer::replay_viewer(trading_settings settings, strategy_factory attached)
    : settings_(std::move(settings)), attached_(std::move(attached)), recorder_(std::make_unique<recorder>(*this)) {
  board_.set_sidebet_window(settings_.sidebet_window);
}

replay_viewer::~replay_viewer() = default;

void replay_viewer::load(game g) {
  game_ = std::move(g);
  hand_.clear();
  restart();
}

void replay_viewer::restart() {
  auto s = std::make_unique<hand_strategy>(hand_, attached_ ? attached_() : nullptr);
  strategy_ = s.get();
  session_ = std::make_unique<session>(settings_, std::move(s), std::make_unique<paper_executor>(settings_.latency_ticks),
                                       session::options{false, recorder_.get()});
  events_.clear();
  board_.clear();
  stopped_.clear();
  position_ = 0;
  board_.begin_game(game_->id);
  session_->begin_game(game_->id, game_->file);
}

void replay_viewer::play_to(std::size_t p) {
  while (position_ < p && stopped_.empty()) {
    strategy_->line = position_;
    const tick& t = game_->ticks[position_];
    if (auto why = play_ticks(*session_, *game_, position_, position_ + 1)) {
      stopped_ = std::move(*why);
      return;
    }
    board_.on_tick(t);
    ++position_;
  }
}

void replay_viewer::seek(std::size_t p) {
  if (!game_) return;
  p = std::min(p, game_->ticks.size());
  if (p < position_) restart();
  play_to(p);
}

void replay_viewer::step(std::ptrdiff_t n) {
  const auto target = static_cast<std::ptrdiff_t>(position_) + n;
  seek(target < 0 ? 0 : static_cast<std::size_t>(target));
}

void replay_viewer::place(order o) {
  if (!game_ || game_->ticks.empty()) return;
  const std::size_t line = position_ == 0 ? 0 : position_ - 1;
  hand_.erase(hand_.upper_bound(line), hand_.end());
  hand_[line] = o;
  const std::size_t back_to = std::max(position_, line + 1);
  restart();
  play_to(back_to);
}

game_outcome replay_viewer::outcome_here() const {
  replay_viewer copy(settings_, attached_);
  copy.game_ = game_;
  copy.hand_ = hand_;
  copy.restart();
  copy.play_to(position_);
  game_outcome out = copy.session_->end_game();
  if (!copy.stopped_.empty()) out.stopped = copy.stopped_;
  return out;
}

boost::json::object replay_viewer::state_json() const {
  boost::json::object o;
  if (!game_) return o;
  // The page lists the latest events; all of them are in the trade log.
  constexpr std::size_t events_sent = 200;
  boost::json::array events;
  for (std::size_t i = events_.size() > events_sent ? events_.size() - events_sent : 0; i < events_.size(); ++i)
    events.push_back(boost::json::parse(trade_event_json(game_->id, events_[i])));
  o["eventCount"] = events_.size();
  o["game"] = game_->id;
  o["file"] = game_->file;
  o["position"] = position_;
  o["lines"] = game_->ticks.size();
  o["handOrders"] = hand_.size();
  o["wallet"] = session_json(*session_, position_ > 0 ? &game_->ticks[position_ - 1] : nullptr);
  o["events"] = std::move(events);
  o["stopped"] = stopped_;
  return o;
}

}  // namespace replayer::dashboard
