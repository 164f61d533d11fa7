#include "core/dashboard/board.hpp"

#include "core/phase.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

namespace replayer::dashboard {
namespace {

std::string_view marker_kind(event_kind k) {
  switch (k) {
    case event_kind::buy: return "buy";
    case event_kind::sell: return "sell";
    case event_kind::liquidation: return "liquidation";
    case event_kind::sidebet_placed: return "sidebet";
    case event_kind::sidebet_won: return "sidebet_won";
    case event_kind::sidebet_lost: return "sidebet_lost";
    default: return {};
  }
}

// At most `n` bytes of `text`, not cutting a UTF-8 sequence in two.
std::string_view utf8_prefix(std::string_view text, std::size_t n) {
  if (text.size() <= n) return text;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0u) == 0x80u) --n;
  return text.substr(0, n);
}

}  // namespace

void board::begin_game(std::string_view id) {
  if (!games_.empty() && games_.back().id == id) return;
  games_.push_back(game_path{std::string(id), {}, {}, {}, {}, -1});
  while (games_.size() > limits_.games_kept) games_.pop_front();
  ++version_;
}

void board::on_tick(const tick& t) {
  if (games_.empty() || games_.back().id != t.game_id.view()) begin_game(t.game_id.view());
  game_path& g = games_.back();
  last_ = t;
  has_tick_ = true;
  ++version_;
  if (t.rugged && g.rug_tick < 0) g.rug_tick = t.index;
  if (!g.ticks.empty() && g.ticks.back() == t.index) {
    g.prices.back() = t.price.approx();  // cooldown and presale repeat their index
    return;
  }
  g.ticks.push_back(t.index);
  g.prices.push_back(t.price.approx());
  if (g.ticks.size() >= limits_.points_per_game) compact(g);
}

// Every group of four points becomes its lowest and its highest, in tick order: the path keeps
// its peaks and its dips at half the points.
void board::compact(game_path& g) {
  ++counters_.compactions;
  std::size_t out = 0;
  for (std::size_t i = 0; i < g.ticks.size(); i += 4) {
    const std::size_t end = std::min(i + 4, g.ticks.size());
    std::size_t lo = i, hi = i;
    for (std::size_t j = i; j < end; ++j) {
      if (g.prices[j] < g.prices[lo]) lo = j;
      if (g.prices[j] > g.prices[hi]) hi = j;
    }
    for (std::size_t j : {std::min(lo, hi), std::max(lo, hi)}) {
      if (out > 0 && g.ticks[out - 1] == g.ticks[j]) continue;
      g.ticks[out] = g.ticks[j];
      g.prices[out] = g.prices[j];
      ++out;
    }
  }
  g.ticks.resize(out);
  g.prices.resize(out);
}

void board::on_trade(const trade_event& e) {
  const std::string_view kind = marker_kind(e.kind);
  if (kind.empty() || games_.empty()) return;
  game_path& g = games_.back();
  ++version_;
  if (e.kind == event_kind::sidebet_placed) g.sidebet_windows.emplace_back(e.tick, e.tick + sidebet_window_);
  if (g.markers.size() >= limits_.markers_per_game) {
    ++counters_.markers_dropped;
    return;
  }
  g.markers.push_back({e.tick, e.price.to_double(), kind});
}

void board::on_raw_event(std::string_view name, std::string_view payload, std::int64_t received_ms) {
  if (events_.size() >= limits_.events_kept) {
    events_.pop_front();
    ++counters_.events_dropped;
  }
  events_.push_back({std::string(name), std::string(utf8_prefix(payload, limits_.event_text)), received_ms});
  ++version_;
}

void board::clear() {
  games_.clear();
  events_.clear();
  has_tick_ = false;
  ++version_;
}

boost::json::object board::chart_json() const {
  boost::json::array games;
  for (const auto& g : games_) {
    boost::json::array markers, windows;
    for (const auto& m : g.markers) markers.push_back(boost::json::object{{"tick", m.tick}, {"price", m.price}, {"kind", m.kind}});
    for (const auto& [from, to] : g.sidebet_windows) windows.push_back(boost::json::array{from, to});
    boost::json::object o{{"id", g.id},
                          {"ticks", boost::json::array(g.ticks.begin(), g.ticks.end())},
                          {"prices", boost::json::array(g.prices.begin(), g.prices.end())},
                          {"markers", std::move(markers)},
                          {"sidebetWindows", std::move(windows)}};
    if (g.rug_tick >= 0) o["rugTick"] = g.rug_tick;
    games.push_back(std::move(o));
  }
  return {{"games", std::move(games)}};
}

boost::json::value board::now_json() const {
  if (!has_tick_) return nullptr;
  return boost::json::object{{"game", last_.game_id.view()}, {"tick", last_.index},       {"price", last_.price.text()},
                             {"phase", phase_name(last_.phase)}, {"rugged", last_.rugged}, {"active", last_.active}};
}

boost::json::array board::events_json() const {
  boost::json::array out;
  for (const auto& e : events_) out.push_back(boost::json::object{{"name", e.name}, {"payload", e.payload}, {"at", e.received_ms}});
  return out;
}

}  // namespace replayer::dashboard
