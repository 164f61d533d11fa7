#include "core/live/tick_converter.hpp"
#include "core/live/phase_rules.hpp"

#include <algorithm>

namespace replayer::live {
namespace {

// Two observations of the same tick say the same thing: a duplicate.
bool same_content(const tick& a, const tick& b) {
  return a.price == b.price && a.phase == b.phase && a.active == b.active && a.rugged == b.rugged &&
         a.cooldown_ms == b.cooldown_ms && a.trade_count == b.trade_count;
}

template <class T>
void remember(std::deque<T>& ids, T id, std::size_t bound) {
  if (ids.size() == bound) ids.pop_front();
  ids.push_back(std::move(id));
}

}  // namespace

std::string_view update_kind_name(update_kind k) {
  switch (k) {
    case update_kind::ticked: return "ticked";
    case update_kind::duplicate: return "duplicate";
    case update_kind::out_of_order: return "out of order";
    case update_kind::repeat_in_play: return "repeat in play";
  }
  return "?";
}

void converted_update::clear() {
  ticks.clear();
  gaps.clear();
  anomalies.clear();
  revealed.clear();
}

boost::system::result<update_kind, payload_problem> tick_converter::convert(std::string_view json_text,
                                                                            timestamp received,
                                                                            converted_update& out) {
  out.clear();
  ++counters_.updates;
  if (auto parsed = parser_.parse(json_text, payload_); !parsed) {
    ++counters_.malformed;
    ++counters_.malformed_by_kind[static_cast<std::size_t>(parsed.error().kind)];
    counters_.last_malformed_reason = parsed.error().reason;
    return parsed.error();
  }
  counters_.partial_prices_ignored += payload_.partial_prices_ignored;

  game_state& g = follow(payload_.game_id);
  tick t;
  t.game_id = payload_.game_id;
  t.time = received;
  t.timestamp_text = *inline_text<tick::max_timestamp>::from(format_timestamp(received));
  t.index = payload_.tick_count;
  t.price = payload_.price;
  t.active = payload_.active;
  t.rugged = payload_.rugged;
  t.cooldown_ms = payload_.cooldown_ms;
  // The connect snapshot has no tradeCount: the game's count so far stands.
  t.trade_count = payload_.trade_count.value_or(g.has_tick ? g.last.trade_count : 0);
  t.phase = derive_phase({payload_.active, payload_.rugged, payload_.allow_pre_round_buys, payload_.has_history,
                          payload_.tick_count, payload_.cooldown_ms},
                         g.phases.current());

  const update_kind kind = place(g, t, out);
  if (kind == update_kind::ticked) hand_out(g, out);
  // Seeds are handed out whatever became of the tick: the connect snapshot carries the last
  // games' seeds in an update that is itself out of order.
  if (payload_.has_history) extract_history(json_text, out);
  return kind;
}

tick_converter::game_state& tick_converter::follow(const game_id_text& id) {
  auto found = std::find_if(games_.begin(), games_.end(), [&](const game_state& g) { return g.id == id; });
  if (found == games_.end()) {
    if (games_.size() == followed_games) games_.erase(games_.begin());
    ++counters_.games;
    games_.push_back(game_state{id, {}, false, {}});
    return games_.back();
  }
  std::rotate(found, found + 1, games_.end());
  return games_.back();
}

// Decides what the observed tick does to the game's ticks; fills `out.ticks` when it is taken.
update_kind tick_converter::place(game_state& g, const tick& observed, converted_update& out) {
  if (g.has_tick) {
    const tick& last = g.last;
    if (observed.index < last.index) {
      ++counters_.out_of_order;
      return update_kind::out_of_order;
    }
    if (observed.index == last.index) {
      if (same_content(observed, last)) {
        ++counters_.duplicates;
        return update_kind::duplicate;
      }
      // Cooldown and presale repeat their tick while the timer runs, and the rug may come at the
      // tick it ends; active play never shows two prices for one tick.
      if (last.phase == phase::active_gameplay && observed.phase == phase::active_gameplay &&
          last.rugged == observed.rugged) {
        ++counters_.repeats_in_play;
        return update_kind::repeat_in_play;
      }
    } else if (observed.index > last.index + 1 && !last.rugged) {
      // After the rug tickCount keeps counting to the seed reveal: nothing there was played.
      ++counters_.jumps;
      if (is_in_play(observed.phase)) {
        tick like = observed;
        like.active = true;
        like.rugged = false;
        like.cooldown_ms = 0;
        like.trade_count = last.trade_count;
        like.phase = derive_phase({.active = true, .tick_count = last.index + 1}, last.phase);
        backfill(last.index, observed.index, payload_.partial_prices, like, out.ticks, out.gaps);
      } else {
        // The skipped ticks hold the rug: which were played, and whether rugged, is unknown.
        out.gaps.push_back({last.index + 1, observed.index - 1});
      }
      count_gaps(observed.game_id, out);
    }
  }
  out.ticks.push_back(observed);
  return update_kind::ticked;
}

void tick_converter::hand_out(game_state& g, converted_update& out) {
  if (!g.has_tick) remember(ticked_ids_, g.id, remembered_ids);
  for (const tick& t : out.ticks) {
    ++counters_.ticks;
    if (t.backfilled) ++counters_.backfilled_ticks;
    if (auto anomaly = g.phases.step(t)) {
      ++counters_.phase_anomalies;
      const live_anomaly a{g.id, *anomaly};
      out.anomalies.push_back(a);
      if (counters_.listed_anomalies.size() < feed_counters::max_listed) counters_.listed_anomalies.push_back(a);
    }
  }
  g.last = out.ticks.back();
  g.has_tick = true;
}

void tick_converter::count_gaps(const game_id_text& id, const converted_update& out) {
  for (const tick_range& r : out.gaps) {
    ++counters_.gaps;
    counters_.missing_ticks += r.size();
    if (counters_.listed_gaps.size() < feed_counters::max_listed) counters_.listed_gaps.push_back({id, r});
  }
}

void tick_converter::extract_history(std::string_view json_text, converted_update& out) {
  history_.clear();
  // The same text was just parsed without error, so the reader finds the same payload.
  if (!history_reader_.read(json_text, history_)) return;
  for (revealed_game& game : history_) {
    if (game.id.empty() || game.server_seed.empty()) {
      ++counters_.unrevealed_history;
      continue;
    }
    if (std::find(revealed_ids_.begin(), revealed_ids_.end(), game.id) != revealed_ids_.end()) continue;
    if (out.revealed.size() == max_revealed_per_update) break;
    ++counters_.revealed_games;
    remember(revealed_ids_, game.id, remembered_ids);
    const bool seen = observed(game.id);
    out.revealed.push_back({std::move(game), seen});
  }
}

bool tick_converter::observed(std::string_view id) const {
  return std::any_of(ticked_ids_.begin(), ticked_ids_.end(), [&](const game_id_text& t) { return t == id; });
}

}  // namespace replayer::live
