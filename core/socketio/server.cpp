#include "core/socketio/server.hpp"

#include "core/concat.hpp"
#include "core/socketio/engine_frame.hpp"
#include "core/socketio/json_text.hpp"

#include <cstdint>

namespace replayer::socketio {

std::string_view server_state_name(server_state s) {
  switch (s) {
    case server_state::awaiting_namespace_connect: return "awaiting namespace connect";
    case server_state::connected: return "connected";
    case server_state::closed: return "closed";
  }
  return "?";
}

server::server(server_config config, clock::time_point now)
    : config_(std::move(config)), next_ping_(now + config_.open.ping_interval) {
  write_open_frame(open_frame_, config_.open);
}

server_step server::refuse(protocol_error e) {
  counts_.count(e);
  server_step step;
  step.error = std::move(e);
  return step;
}

server_step server::end() {
  server_step step;
  step.link_closed = state_ != server_state::closed;
  state_ = server_state::closed;
  pong_due_.reset();
  return step;
}

server_step server::receive_binary(std::size_t size, clock::time_point) {
  ++counts_.binary_frames;
  return refuse({error_kind::binary_attachment,
                 concat({"engine.io binary frame of ", std::to_string(size), " bytes from the client"})});
}

server_step server::receive(std::string_view frame, clock::time_point now) {
  ++counts_.frames;
  counts_.bytes += frame.size();
  if (state_ == server_state::closed)
    return refuse({error_kind::unexpected_packet, "engine.io frame from the client after the session closed"});
  // maxPayload is what we announced we accept: the client must keep to it.
  auto packet = parse_engine_frame(frame, config_.open.max_payload);
  if (!packet) return refuse(packet.error());
  switch (packet->type) {
    case engine_type::pong:
      if (!pong_due_) return refuse({error_kind::unexpected_packet, "engine.io pong without a ping"});
      ++counts_.pongs;
      pong_due_.reset();
      next_ping_ = now + config_.open.ping_interval;
      return {};
    case engine_type::message: return on_message(packet->body);
    case engine_type::close: return end();
    case engine_type::noop: ++counts_.noops; return {};
    case engine_type::open:
    case engine_type::ping:
    case engine_type::upgrade: break;
  }
  return refuse({error_kind::unexpected_packet,
                 concat({"engine.io ", engine_type_name(packet->type),
                         " packet from the client (a v4 client only answers pings, over a WebSocket only)"})});
}

server_step server::on_message(std::string_view body) {
  auto packet = parse_socket_packet(body);
  if (!packet) return refuse(packet.error());
  switch (packet->type) {
    case packet_type::connect: {
      if (state_ == server_state::connected)
        return refuse({error_kind::unexpected_packet, "socket.io CONNECT while already connected"});
      if (!packet->payload.empty()) {
        auto auth = parse_json_object(packet->payload, "socket.io CONNECT auth payload", error_kind::malformed_frame);
        if (!auth) return refuse(auth.error());
      }
      reply_.clear();
      if (packet->nsp != config_.namespace_name) {
        write_connect_error_frame(reply_, packet->nsp, "Invalid namespace");
        auto step = refuse({error_kind::unexpected_packet,
                            concat({"socket.io CONNECT to namespace ", packet->nsp, "; this server serves ",
                                    config_.namespace_name})});
        step.reply = reply_;
        return step;
      }
      write_connect_reply_frame(reply_, packet->nsp, config_.namespace_sid);
      state_ = server_state::connected;
      server_step step;
      step.reply = reply_;
      return step;
    }
    case packet_type::disconnect:
      if (state_ != server_state::connected || packet->nsp != config_.namespace_name)
        return refuse({error_kind::unexpected_packet,
                       concat({"socket.io DISCONNECT of namespace ", packet->nsp, ", which is not connected"})});
      return end();
    case packet_type::event:
      return refuse({error_kind::unexpected_packet,
                     "socket.io EVENT from the client: a listening client must not emit (the real server blocks it)"});
    case packet_type::ack:
    case packet_type::connect_error:
    case packet_type::binary_event:
    case packet_type::binary_ack: break;
  }
  return refuse({error_kind::unexpected_packet,
                 concat({"socket.io ", packet_type_name(packet->type), " from the client, which this server never asks for"})});
}

server::clock::time_point server::deadline() const {
  if (state_ == server_state::closed) return clock::time_point::max();
  return pong_due_ ? *pong_due_ : next_ping_;
}

server_step server::poll(clock::time_point now) {
  if (state_ == server_state::closed || now < deadline()) return {};
  if (pong_due_) {
    protocol_error e{error_kind::ping_timeout, concat({"engine.io: no pong within ",
                                                       std::to_string(config_.open.ping_timeout.count()),
                                                       " ms of the ping"})};
    counts_.count(e);
    auto step = end();
    step.error = std::move(e);
    return step;
  }
  ++counts_.pings;
  pong_due_ = now + config_.open.ping_timeout;
  server_step step;
  step.reply = ping_frame;
  return step;
}

boost::system::result<void, protocol_error> server::write_event(std::string& out, std::string_view name,
                                                                std::string_view payload_json,
                                                                std::size_t frame_limit) {
  if (state_ != server_state::connected)
    return protocol_error{error_kind::unexpected_packet,
                          concat({"socket.io: cannot send event ", name, " while ", server_state_name(state_)})};
  const std::size_t start = out.size();
  write_event_frame(out, config_.namespace_name, name, payload_json);
  if (out.size() - start > frame_limit) {
    const std::size_t size = out.size() - start;
    out.resize(start);
    return protocol_error{error_kind::oversized_frame,
                          concat({"socket.io event ", name, ": frame of ", std::to_string(size),
                                  " bytes is over the limit of ", std::to_string(frame_limit)})};
  }
  ++counts_.events;
  return {};
}

std::string_view server::close() {
  const bool open = state_ != server_state::closed;
  end();
  return open ? close_frame : std::string_view{};
}

std::string_view server::disconnect() {
  if (state_ != server_state::connected) return {};
  end();
  reply_.clear();
  write_disconnect_frame(reply_, config_.namespace_name);
  return reply_;
}

}  // namespace replayer::socketio
