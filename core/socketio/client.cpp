#include "core/socketio/client.hpp"

#include "core/concat.hpp"
#include "core/socketio/engine_frame.hpp"
#include "core/socketio/json_text.hpp"

namespace replayer::socketio {

std::string_view client_state_name(client_state s) {
  switch (s) {
    case client_state::awaiting_open: return "awaiting open";
    case client_state::awaiting_namespace_connect: return "awaiting namespace connect";
    case client_state::connected: return "connected";
    case client_state::closed: return "closed";
  }
  return "?";
}

std::string_view close_cause_name(close_cause c) {
  switch (c) {
    case close_cause::none: return "not closed";
    case close_cause::server_close: return "the server closed the engine.io session";
    case close_cause::server_disconnect: return "the server disconnected the namespace";
    case close_cause::connect_refused: return "the server refused the namespace";
    case close_cause::handshake_failed: return "the handshake failed";
    case close_cause::ping_timeout: return "the server went quiet (ping timeout)";
    case close_cause::local_close: return "closed by this client";
  }
  return "?";
}

client::client(client_config config, clock::time_point now)
    : config_(std::move(config)), started_(now), last_frame_(now) {
  write_connect_frame(connect_frame_, config_.namespace_name);
}

client_step client::refuse(protocol_error e) {
  counts_.count(e);
  // Before the session is open nothing can be trusted: any refusal ends the handshake.
  if (state_ == client_state::awaiting_open) return end(close_cause::handshake_failed, std::move(e));
  client_step step;
  step.error = std::move(e);
  return step;
}

client_step client::end(close_cause cause, std::optional<protocol_error> e) {
  client_step step;
  step.error = std::move(e);
  if (state_ != client_state::closed) {
    state_ = client_state::closed;
    cause_ = cause;
    step.link_closed = true;
  }
  return step;
}

client_step client::receive_binary(std::size_t size, clock::time_point now) {
  ++counts_.binary_frames;
  last_frame_ = now;
  return refuse({error_kind::binary_attachment,
                 concat({"engine.io binary frame of ", std::to_string(size),
                         " bytes: binary attachments are not supported"})});
}

client_step client::receive(std::string_view frame, clock::time_point now) {
  ++counts_.frames;
  counts_.bytes += frame.size();
  last_frame_ = now;
  if (state_ == client_state::closed)
    return refuse({error_kind::unexpected_packet,
                   concat({"engine.io frame after the link closed (", close_cause_name(cause_), ")"})});
  auto packet = parse_engine_frame(frame, config_.max_frame_bytes);
  if (!packet) return refuse(packet.error());
  const bool awaiting_open = state_ == client_state::awaiting_open;
  if (awaiting_open != (packet->type == engine_type::open))
    return refuse({error_kind::unexpected_packet,
                   awaiting_open ? concat({"engine.io: expected the open packet, got a ", engine_type_name(packet->type),
                                           " packet"})
                                 : std::string("engine.io: a second open packet")});
  switch (packet->type) {
    case engine_type::open: return on_open(packet->body);
    case engine_type::close: return end(close_cause::server_close);
    case engine_type::ping: {
      ++counts_.pings;
      ++counts_.pongs;
      client_step step;
      step.reply = pong_frame;
      return step;
    }
    case engine_type::message: return on_message(packet->body);
    case engine_type::noop: ++counts_.noops; return {};
    case engine_type::pong:
    case engine_type::upgrade: break;
  }
  return refuse({error_kind::unexpected_packet,
                 concat({"engine.io ", engine_type_name(packet->type),
                         " packet from the server (v4 servers ping and never upgrade a WebSocket)"})});
}

client_step client::on_open(std::string_view body) {
  auto open = parse_open_packet(body);
  if (!open) return refuse(open.error());
  open_ = std::move(*open);
  state_ = client_state::awaiting_namespace_connect;
  client_step step;
  step.reply = connect_frame_;
  return step;
}

client_step client::on_message(std::string_view body) {
  auto packet = parse_socket_packet(body);
  if (!packet) return refuse(packet.error());
  if (packet->nsp != config_.namespace_name)
    return refuse({error_kind::unexpected_packet,
                   concat({"socket.io ", packet_type_name(packet->type), " for namespace ", packet->nsp,
                           "; this client is in ", config_.namespace_name})});
  switch (packet->type) {
    case packet_type::connect: return on_connect(*packet);
    case packet_type::disconnect: return end(close_cause::server_disconnect);
    case packet_type::event: return on_event(*packet);
    case packet_type::connect_error: {
      auto payload = parse_json_object(packet->payload, "socket.io CONNECT_ERROR", error_kind::connect_refused);
      std::string reason = "no reason given";
      if (payload) {
        if (const auto* message = payload->if_contains("message"); message && message->is_string())
          reason.assign(message->get_string().data(), message->get_string().size());
      }
      protocol_error e{error_kind::connect_refused,
                       concat({"socket.io: the server refused namespace ", config_.namespace_name, ": ", reason})};
      counts_.count(e);
      return end(close_cause::connect_refused, std::move(e));
    }
    case packet_type::ack:
      return refuse({error_kind::unexpected_packet,
                     concat({"socket.io ACK ", std::to_string(*packet->ack_id),
                             " for an event this client never sent (it sends none)"})});
    case packet_type::binary_event:
    case packet_type::binary_ack: break;  // refused by parse_socket_packet
  }
  return refuse({error_kind::binary_attachment, "socket.io binary packet"});
}

client_step client::on_connect(const socket_packet& p) {
  if (state_ != client_state::awaiting_namespace_connect)
    return refuse({error_kind::unexpected_packet, "socket.io CONNECT while already connected to the namespace"});
  auto payload = parse_json_object(p.payload, "socket.io CONNECT reply", error_kind::bad_open_packet);
  if (!payload) {
    counts_.count(payload.error());
    return end(close_cause::handshake_failed, payload.error());
  }
  const auto* sid = payload->if_contains("sid");
  if (!sid || !sid->is_string() || sid->get_string().empty() || sid->get_string().size() > open_packet::max_sid) {
    protocol_error e{error_kind::bad_open_packet,
                     concat({"socket.io CONNECT reply: field sid is ",
                             !sid ? "missing" : (sid->is_string() ? "empty or too long" : "not a string")})};
    counts_.count(e);
    return end(close_cause::handshake_failed, std::move(e));
  }
  namespace_sid_.assign(sid->get_string().data(), sid->get_string().size());
  state_ = client_state::connected;
  return {};
}

client_step client::on_event(const socket_packet& p) {
  if (state_ != client_state::connected)
    return refuse({error_kind::unexpected_packet, "socket.io EVENT before the namespace connect reply"});
  auto array = events_.read(p.payload, "socket.io EVENT");
  if (!array) return refuse(array.error());
  ++counts_.events;
  client_step step;
  step.event = socketio::event{array->name, array->last_json, array->arguments_json, array->argument_count, p.ack_id};
  return step;
}

client::clock::time_point client::deadline() const {
  switch (state_) {
    case client_state::awaiting_open: return started_ + config_.open_timeout;
    case client_state::closed: return clock::time_point::max();
    case client_state::awaiting_namespace_connect:
    case client_state::connected: break;
  }
  return last_frame_ + open_->ping_interval + open_->ping_timeout;
}

client_step client::check_liveness(clock::time_point now) {
  if (state_ == client_state::closed || now < deadline()) return {};
  protocol_error e{error_kind::ping_timeout,
                   state_ == client_state::awaiting_open
                       ? concat({"engine.io: no open packet within ", std::to_string(config_.open_timeout.count()),
                                 " ms"})
                       : concat({"engine.io: no frame for ",
                                 std::to_string((open_->ping_interval + open_->ping_timeout).count()),
                                 " ms (pingInterval ", std::to_string(open_->ping_interval.count()), " + pingTimeout ",
                                 std::to_string(open_->ping_timeout.count()), "): the link is dead"})};
  counts_.count(e);
  return end(close_cause::ping_timeout, std::move(e));
}

std::string_view client::close() {
  const bool has_session = state_ != client_state::awaiting_open && state_ != client_state::closed;
  end(close_cause::local_close);
  return has_session ? close_frame : std::string_view{};
}

}  // namespace replayer::socketio
