#include "core/feed/game_recording.hpp"

#include "core/append_int.hpp"
#include "core/json_value.hpp"
#include "core/record.hpp"


namespace replayer {
namespace {

void begin_record(std::string& out, std::string_view type, std::string_view at, std::string_view game_id) {
  out += "{\"type\": \"";
  out += type;
  out += "\", \"timestamp\": ";
  write_python_json_string(out, at);
  out += ", \"game_id\": ";
  write_python_json_string(out, game_id);
}

bool safe_in_file_name(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}  // namespace

std::string sanitised_game_id(std::string_view id) {
  std::string out;
  for (char c : id.substr(0, tick::max_game_id)) out += safe_in_file_name(c) ? c : '_';
  if (out.find_first_not_of('_') == std::string::npos) return "unknown";
  return out;
}

std::string recording_file_name(std::string_view game_id, timestamp started, std::uint64_t sequence) {
  // "2025-10-29T18:36:08.376110" -> "20251029_183608"
  const std::string at = format_timestamp(started);
  std::string stamp;
  for (char c : at.substr(0, 19))
    if (c >= '0' && c <= '9') stamp += c;
    else if (c == 'T') stamp += '_';
  std::string number = std::to_string(sequence);
  if (number.size() < 4) number.insert(0, 4 - number.size(), '0');
  return "game_" + stamp + "_" + number + "_" + sanitised_game_id(game_id) + ".jsonl";
}

game_recording::game_recording(std::string_view game_id, std::string_view started_at)
    : id_(game_id), started_at_(started_at) {}

void game_recording::start_line(std::string& out) const {
  begin_record(out, "game_start", started_at_, id_);
  out += "}\n";
}

void game_recording::tick_line(const tick& t, std::string& out) {
  encode_tick(out, t);
  out += '\n';
  if (ticks_ == 0) first_tick_ = t.index;
  last_tick_ = t.index;
  ++ticks_;
  if (!low_ || t.price < *low_) low_ = t.price;
  if (!high_ || t.price > *high_) high_ = t.price;
  last_price_ = t.price;
}

void game_recording::end_line(std::string_view at, game_status status, const std::optional<revealed_seed>& seed,
                              std::string& out) const {
  begin_record(out, "game_end", at, id_);
  out += ", \"total_ticks\": ";
  append_int(out, static_cast<std::int64_t>(ticks_));
  if (ticks_ > 0) {
    out += ", \"tick_range\": [";
    append_int(out, first_tick_);
    out += ", ";
    append_int(out, last_tick_);
    out += "], \"price_range\": [";
    out += low_->text();
    out += ", ";
    out += high_->text();
    out += "], \"peak_price\": ";
    out += high_->text();
    out += ", \"final_price\": ";
    out += last_price_->text();
  }
  out += ", \"status\": \"";
  out += status == game_status::complete && dropped_ == 0 ? "complete" : "incomplete";
  out += '"';
  if (dropped_ > 0) {
    out += ", \"dropped_ticks\": ";
    append_int(out, static_cast<std::int64_t>(dropped_));
  }
  if (seed) {
    out += ", \"server_seed\": ";
    write_python_json_string(out, seed->server_seed);
    out += ", \"server_seed_hash\": ";
    write_python_json_string(out, seed->server_seed_hash);
    out += ", \"version\": ";
    write_python_json_string(out, seed->version);
  }
  out += "}\n";
}

std::string finalise_partial(std::string_view content, std::string_view game_id, std::string_view at) {
  const auto last_newline = content.rfind('\n');
  std::string out(last_newline == std::string_view::npos ? std::string_view{} : content.substr(0, last_newline + 1));
  begin_record(out, "game_end", at, game_id);
  out += ", \"status\": \"incomplete\", \"recovered\": true}\n";
  return out;
}

}  // namespace replayer
