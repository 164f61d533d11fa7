#include "core/recording_reader.hpp"

namespace replayer {

std::string bad_line::describe() const {
  return std::string(file) + ":" + std::to_string(line) + ": " + reason;
}

recording_reader::recording_reader(std::string file, line_source& lines, bad_line_handler on_bad_line)
    : file_(std::move(file)), lines_(lines), on_bad_line_(std::move(on_bad_line)) {}

void recording_reader::report(std::size_t line, std::string reason) {
  ++bad_lines_;
  if (current_)
    ++current_->bad_lines;
  else
    ++pending_bad_;
  if (on_bad_line_) on_bad_line_(bad_line{file_, line, std::move(reason)});
}

game recording_reader::start_game(std::string_view id, std::size_t line) {
  game g;
  g.file = file_;
  g.id = std::string(id);
  g.first_line = g.last_line = line;
  g.bad_lines = pending_bad_;
  pending_bad_ = 0;
  return g;
}

std::optional<game> recording_reader::next_game() {
  while (auto line = lines_.next()) {
    ++lines_read_;
    if (line->overlong) {
      report(line->number, "line is longer than " + std::to_string(lines_.max_line()) + " bytes");
      continue;
    }
    if (line->text.find_first_not_of(" \t") == std::string_view::npos) continue;
    auto decoded = decoder_.decode(line->text, record_);
    if (!decoded) {
      report(line->number, std::move(decoded.error().reason));
      continue;
    }
    const record_type type = *decoded;
    const std::string_view id = record_.game_id();
    std::optional<game> finished;
    switch (type) {
      case record_type::tick:
        if (current_ && current_->id != id) finished = std::exchange(current_, std::nullopt);
        if (!current_) current_ = start_game(id, line->number);
        if (current_->ticks.size() >= max_ticks_per_game) {
          report(line->number, "game " + current_->id + " has more than " + std::to_string(max_ticks_per_game) +
                                   " tick lines; line skipped");
          continue;
        }
        current_->ticks.push_back(record_.tick);
        break;
      case record_type::game_start:
        if (current_ && current_->id != id)
          finished = std::exchange(current_, std::nullopt);
        if (!current_) current_ = start_game(id, line->number);
        current_->has_start = true;
        break;
      case record_type::game_end:
      case record_type::game_complete:
        if (current_ && current_->id == id) {
          current_->has_end = true;
          if (const json_value* status = record_.fields.find("status"); status && status->kind == json_kind::string)
            current_->end_status = status->text;
          current_->last_line = line->number;
          finished = std::exchange(current_, std::nullopt);
        } else {
          ++skipped_records_;  // the end of a game whose ticks are not in this file
        }
        break;
      case record_type::session_start:
      case record_type::session_end:
      case record_type::other:
        ++skipped_records_;
        break;
    }
    if (current_) current_->last_line = line->number;
    if (finished) return finished;
  }
  return std::exchange(current_, std::nullopt);
}

}  // namespace replayer
