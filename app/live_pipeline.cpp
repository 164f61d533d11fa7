#include "app/live_pipeline.hpp"

#include "app/logging.hpp"
#include "core/concat.hpp"

namespace replayer::app {

bool log_limiter::allow(std::string& suffix) {
  ++seen_;
  suffix.clear();
  if (seen_ <= first_) return true;
  if (seen_ % every_ != 0) return false;
  suffix = concat({" (", std::to_string(seen_), " like it so far)"});
  return true;
}

disconnect_cause classify_disconnect(std::string_view cause) {
  const auto has = [&](std::string_view word) { return cause.find(word) != std::string_view::npos; };
  if (has("TLS")) return disconnect_cause::tls;
  if (has("no frame within") || has("timed out") || has("timeout")) return disconnect_cause::timeout;
  if (has("the server ended the session")) return disconnect_cause::server_closed;
  if (has("WebSocket upgrade") || has("no open packet") || has("connect")) return disconnect_cause::handshake;
  if (has("writing:")) return disconnect_cause::write_error;
  if (has("reading:")) return disconnect_cause::read_error;
  return disconnect_cause::other;
}

std::string_view disconnect_cause_name(disconnect_cause c) {
  switch (c) {
    case disconnect_cause::timeout: return "timeout";
    case disconnect_cause::server_closed: return "server_closed";
    case disconnect_cause::read_error: return "read_error";
    case disconnect_cause::write_error: return "write_error";
    case disconnect_cause::handshake: return "handshake";
    case disconnect_cause::tls: return "tls";
    case disconnect_cause::other: return "other";
  }
  return "other";
}

live_pipeline::live_pipeline(backtest_run* run, std::function<session&(std::string_view)> trading, recorder* record)
    : run_(run), trading_(std::move(trading)), record_(record) {}

void live_pipeline::on_connected(std::string_view authority) {
  ++metrics_.connects;
  if (health_) health_->connected = true;
  log_info(concat({"feed: connected to ", authority}));
}

void live_pipeline::on_disconnected(std::string_view cause, std::chrono::milliseconds retry_in) {
  ++metrics_.reconnects;
  ++metrics_.reconnects_by_cause[static_cast<std::size_t>(classify_disconnect(cause))];
  if (health_) {
    health_->connected = false;
    health_->disconnected_at = std::chrono::steady_clock::now();
    health_->last_disconnect = std::string(cause);
  }
  log_warning(concat({"feed: disconnected: ", cause, "; reconnecting in ", std::to_string(retry_in.count()), " ms"}));
}

void live_pipeline::on_protocol_error(const socketio::protocol_error& e) {
  ++metrics_.frames_refused;
  std::string more;
  if (refused_log_.allow(more)) log_warning(concat({"feed: frame refused: ", e.message, more}));
}

void live_pipeline::on_event(const socketio::event& e, timestamp received) {
  const auto handed_over = std::chrono::steady_clock::now();
  ++metrics_.events;
  if (health_) health_->last_frame = handed_over;
  if (board_) board_->on_raw_event(e.name, e.payload_json, received.time_since_epoch().count() / 1000);
  if (record_) record_->raw_event(e.name, e.payload_json, received);
  if (e.name != "gameStateUpdate") {
    ++metrics_.other_events;
    return;
  }
  received_ = received;
  auto result = converter_.convert(e.payload_json, received, update_);
  if (!result) {
    ++metrics_.payloads_refused;
    std::string more;
    if (payload_log_.allow(more)) log_warning(concat({"feed: gameStateUpdate refused: ", result.error().reason, more}));
    return;
  }
  for (const auto& gap : update_.gaps) {
    std::string more;
    if (gap_log_.allow(more))
      log_warning(concat({"feed: gap: ticks ", std::to_string(gap.first), "..", std::to_string(gap.last),
                          " could not be recovered", more}));
  }
  line_record_.type = record_type::tick;
  for (const tick& t : update_.ticks) {
    line_record_.tick = t;
    splitter_.push(line_record_, ++line_);
  }
  // A revealed seed closes its game: the splitter ends it as it would at a game_end line.
  for (const auto& revealed : update_.revealed) {
    if (!splitter_.in_game() || revealed.game.id != current_id_) continue;
    seed_ = revealed_seed{revealed.game.server_seed, revealed.game.server_seed_hash, revealed.game.version};
    record end;
    end.type = record_type::game_end;
    end.fields.kind = json_kind::object;
    json_value id;
    id.kind = json_kind::string;
    id.text = current_id_;
    end.fields.add_member("game_id", std::move(id));
    splitter_.push(end, ++line_);
  }
  metrics_.feed_to_decision.observe(std::chrono::steady_clock::now() - handed_over);
}

void live_pipeline::begin_game(std::string_view id, std::size_t) {
  ++metrics_.games;
  current_id_ = std::string(id);
  rugged_ = false;
  seed_.reset();
  if (board_) board_->begin_game(id);
  if (trading_) {
    current_ = &trading_(id);
    current_->begin_game(id);
  }
  if (record_) record_->begin_game(id, received_);
}

void live_pipeline::on_record(const record& r, std::size_t) {
  if (r.type != record_type::tick) return;
  if (r.tick.rugged) rugged_ = true;
  if (current_) current_->on_tick(r.tick);
  if (board_) board_->on_tick(r.tick);
  if (record_) record_->on_tick(r.tick);
}

void live_pipeline::end_game() {
  if (current_) {
    game_outcome outcome = current_->end_game();
    if (run_) run_->add(std::move(outcome));
    current_ = nullptr;
  }
  if (record_) record_->end_game(rugged_ ? game_status::complete : game_status::incomplete, seed_, received_);
}

void live_pipeline::finish(timestamp now) {
  received_ = now;
  splitter_.finish();
}

}  // namespace replayer::app
