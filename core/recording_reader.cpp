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

void recording_reader::game_builder::begin_game(std::string_view id, std::size_t line) {
  game& g = reader_.current_.emplace();
  g.file = reader_.file_;
  g.id = std::string(id);
  g.first_line = g.last_line = line;
  g.bad_lines = std::exchange(reader_.pending_bad_, 0);
}

void recording_reader::game_builder::on_record(const record& r, std::size_t line) {
  game& g = *reader_.current_;
  g.last_line = std::max(g.last_line, line);
  switch (r.type) {
    case record_type::tick:
      if (g.ticks.size() >= max_ticks_per_game) {
        reader_.report(line, "game " + g.id + " has more than " + std::to_string(max_ticks_per_game) +
                                 " tick lines; line skipped");
        return;
      }
      g.ticks.push_back(r.tick);
      break;
    case record_type::game_start:
      g.has_start = true;
      break;
    case record_type::game_end:
    case record_type::game_complete:
      g.has_end = true;
      if (const json_value* status = r.fields.find("status"); status && status->kind == json_kind::string)
        g.end_status = status->text;
      break;
    default:
      break;
  }
}

void recording_reader::game_builder::end_game() {
  reader_.ready_.push_back(std::move(*reader_.current_));
  reader_.current_.reset();
}

std::optional<game> recording_reader::next_game() {
  while (ready_.empty() && !exhausted_) {
    auto line = lines_.next();
    if (!line) {
      exhausted_ = true;
      splitter_.finish();
      break;
    }
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
    if (record_.game_id().empty() && *decoded != record_type::tick) {
      ++skipped_records_;  // session records and records of other types without a game
      continue;
    }
    if (*decoded == record_type::session_start || *decoded == record_type::session_end ||
        *decoded == record_type::other) {
      ++skipped_records_;
      continue;
    }
    splitter_.push(record_, line->number);
  }
  if (ready_.empty()) return std::nullopt;
  game g = std::move(ready_.front());
  ready_.pop_front();
  return g;
}

}  // namespace replayer
