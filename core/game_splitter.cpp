#include "core/game_splitter.hpp"

#include <algorithm>

namespace replayer {

bool game_splitter::ended(std::string_view id) const {
  return std::find(ended_.begin(), ended_.end(), id) != ended_.end();
}

bool game_splitter::holds(std::string_view id) const {
  return std::any_of(held_.begin(), held_.end(), [&](const held_line& h) { return h.r.game_id() == id; });
}

void game_splitter::push(const record& r, std::size_t line) {
  const std::string_view id = r.game_id();
  if (open_ && id == current_) {
    out_.on_record(r, line);
    if (is_end(r)) end_current();
    return;
  }
  if (ended(id)) {
    ++late_lines_;
    return;
  }
  if (is_end(r) && !holds(id)) {
    ++orphan_ends_;  // the end of a game whose lines are not in this source
    return;
  }
  if (!open_) {
    open_ = true;
    current_ = std::string(id);
    out_.begin_game(id, line);
    out_.on_record(r, line);
    if (is_end(r)) end_current();
    return;
  }
  held_.push_back({r, line});
  if (held_.size() >= max_held) end_current();
}

void game_splitter::end_current() {
  out_.end_game();
  open_ = false;
  ended_.push_back(std::move(current_));
  if (ended_.size() > remembered_games) ended_.pop_front();
  current_.clear();
  std::vector<held_line> replay = std::move(held_);
  held_.clear();
  for (const held_line& h : replay) push(h.r, h.line);
}

void game_splitter::finish() {
  while (open_) end_current();
}

}  // namespace replayer
