// Socket.IO server machine (the fake server's protocol): the open frame, the namespace connect
// reply and refusal, events written from payload text, the ping schedule and pong deadline,
// what a listening client may not send; and a whole conversation between the client and server
// machines, frames passed by hand.
#include "core/socketio/client.hpp"
#include "core/socketio/server.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <string_view>

using namespace replayer::socketio;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

namespace {

const clock_type::time_point t0{};

server_config serving(std::string nsp = "/") {
  server_config c;
  c.open.sid = "engine-1";
  c.namespace_name = std::move(nsp);
  c.namespace_sid = "socket-1";
  return c;
}

void expect_refused(server& s, std::string_view frame, error_kind kind, std::string_view message = {}) {
  const auto before = s.counts().errors_of(kind);
  auto step = s.receive(frame, t0);
  BOOST_TEST_REQUIRE(step.error.has_value(), "accepted: " << frame);
  BOOST_TEST(error_kind_name(step.error->kind) == error_kind_name(kind), frame);
  if (!message.empty()) BOOST_TEST(step.error->message == message);
  BOOST_TEST(!step.link_closed);
  BOOST_TEST(s.counts().errors_of(kind) == before + 1);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(socketio_server)

BOOST_AUTO_TEST_CASE(open_frame_and_namespace_connect) {
  server s(serving(), t0);
  BOOST_TEST(s.open_frame() ==
             R"(0{"sid":"engine-1","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000})");
  BOOST_TEST((s.state() == server_state::awaiting_namespace_connect));
  auto step = s.receive("40", t0);
  BOOST_TEST(!step.error.has_value());
  BOOST_TEST(step.reply == R"(40{"sid":"socket-1"})");
  BOOST_TEST((s.state() == server_state::connected));
  expect_refused(s, "40", error_kind::unexpected_packet, "socket.io CONNECT while already connected");
}

BOOST_AUTO_TEST_CASE(custom_namespace_and_a_wrong_one) {
  server s(serving("/feed"), t0);
  auto wrong = s.receive("40/chat,", t0);
  BOOST_TEST_REQUIRE(wrong.error.has_value());
  BOOST_TEST(wrong.error->message == "socket.io CONNECT to namespace /chat; this server serves /feed");
  BOOST_TEST(wrong.reply == R"(44/chat,{"message":"Invalid namespace"})");
  BOOST_TEST((s.state() == server_state::awaiting_namespace_connect));
  auto right = s.receive(R"(40/feed,{"token":"x"})", t0);
  BOOST_TEST(!right.error.has_value());
  BOOST_TEST(right.reply == R"(40/feed,{"sid":"socket-1"})");
}

BOOST_AUTO_TEST_CASE(events_written_from_payload_text) {
  server s(serving(), t0);
  std::string out;
  auto early = s.write_event(out, "gameStateUpdate", "{}");
  BOOST_TEST_REQUIRE(!early.has_value());
  BOOST_TEST(early.error().message == "socket.io: cannot send event gameStateUpdate while awaiting namespace connect");
  BOOST_TEST(out.empty());
  s.receive("40", t0);
  const std::string payload = R"({"price": 1.061531247396796, "partialPrices": {"values": {"125": 1.27}}})";
  BOOST_TEST_REQUIRE(s.write_event(out, "gameStateUpdate", payload).has_value());
  BOOST_TEST(out == R"(42["gameStateUpdate",)" + payload + "]");
  out.clear();
  auto big = s.write_event(out, "x", std::string(100, '1'), 50);
  BOOST_TEST_REQUIRE(!big.has_value());
  BOOST_TEST((big.error().kind == error_kind::oversized_frame));
  BOOST_TEST(big.error().message == "socket.io event x: frame of 108 bytes is over the limit of 50");
  BOOST_TEST(out.empty(), "a refused event leaves nothing behind");
  BOOST_TEST(s.counts().events == 1u);

  server feed(serving("/feed"), t0);
  feed.receive("40/feed,", t0);
  BOOST_TEST_REQUIRE(feed.write_event(out, "tick", "").has_value());
  BOOST_TEST(out == R"(42/feed,["tick"])");
}

BOOST_AUTO_TEST_CASE(ping_schedule_and_pong_deadline) {
  server s(serving(), t0);
  BOOST_TEST((s.deadline() == t0 + 25s));
  BOOST_TEST(s.poll(t0 + 25s - 1ms).reply.empty());
  auto ping = s.poll(t0 + 25s);
  BOOST_TEST(ping.reply == "2");
  BOOST_TEST((s.deadline() == t0 + 45s), "the pong is due pingTimeout after the ping");
  BOOST_TEST(s.poll(t0 + 30s).reply.empty(), "one ping at a time");
  BOOST_TEST(!s.receive("3", t0 + 26s).error.has_value());
  BOOST_TEST((s.deadline() == t0 + 51s), "the next ping pingInterval after the pong");
  BOOST_TEST(s.poll(t0 + 51s).reply == "2");
  auto late = s.poll(t0 + 71s);
  BOOST_TEST(late.link_closed);
  BOOST_TEST_REQUIRE(late.error.has_value());
  BOOST_TEST(late.error->message == "engine.io: no pong within 20000 ms of the ping");
  BOOST_TEST((s.state() == server_state::closed));
  BOOST_TEST((s.deadline() == clock_type::time_point::max()));
  BOOST_TEST(s.counts().pings == 2u);
  BOOST_TEST(s.counts().pongs == 1u);
}

BOOST_AUTO_TEST_CASE(what_a_listening_client_may_not_send) {
  server s(serving(), t0);
  s.receive("40", t0);
  expect_refused(s, R"(42["buyOrder",{"amount":0.1}])", error_kind::unexpected_packet,
                 "socket.io EVENT from the client: a listening client must not emit (the real server blocks it)");
  expect_refused(s, R"(4212["sidebet",{}])", error_kind::unexpected_packet);
  expect_refused(s, "433[]", error_kind::unexpected_packet);
  expect_refused(s, "3", error_kind::unexpected_packet, "engine.io pong without a ping");
  expect_refused(s, "2", error_kind::unexpected_packet);
  expect_refused(s, "0{}", error_kind::unexpected_packet);
  expect_refused(s, "5", error_kind::unexpected_packet);
  expect_refused(s, R"(451-["x",{"_placeholder":true,"num":0}])", error_kind::binary_attachment);
  BOOST_TEST(s.receive_binary(3, t0).error.has_value());
  expect_refused(s, "8", error_kind::unknown_packet_type);
  expect_refused(s, "{}", error_kind::malformed_frame);
  expect_refused(s, "40{bad", error_kind::unexpected_packet);
  BOOST_TEST(!s.receive("6", t0).error.has_value());
  BOOST_TEST((s.state() == server_state::connected));
}

BOOST_AUTO_TEST_CASE(frames_over_the_announced_max_payload) {
  auto config = serving();
  config.open.max_payload = 16;
  server s(config, t0);
  expect_refused(s, std::string(17, '4'), error_kind::oversized_frame,
                 "engine.io frame of 17 bytes is over the limit of 16 bytes");
}

BOOST_AUTO_TEST_CASE(closing) {
  server by_client(serving(), t0);
  by_client.receive("40", t0);
  BOOST_TEST(by_client.receive("1", t0).link_closed);
  BOOST_TEST(by_client.receive("3", t0).error.has_value(), "frames after close are refused");
  BOOST_TEST(by_client.close().empty());

  server by_disconnect(serving(), t0);
  by_disconnect.receive("40", t0);
  BOOST_TEST(by_disconnect.receive("41", t0).link_closed);

  server by_server(serving("/feed"), t0);
  BOOST_TEST(by_server.disconnect().empty(), "nothing to disconnect before the connect");
  by_server.receive("40/feed,", t0);
  BOOST_TEST(by_server.disconnect() == "41/feed,");
  BOOST_TEST((by_server.state() == server_state::closed));

  server closing(serving(), t0);
  BOOST_TEST(closing.close() == "1");
}

BOOST_AUTO_TEST_CASE(client_and_server_talk) {
  auto config = serving();
  config.open.ping_interval = 1000ms;
  config.open.ping_timeout = 500ms;
  server s(config, t0);
  client c({}, t0);

  auto opened = c.receive(s.open_frame(), t0);
  auto joined = s.receive(opened.reply, t0);
  BOOST_TEST(!joined.error.has_value());
  BOOST_TEST(!c.receive(joined.reply, t0).error.has_value());
  BOOST_TEST((c.state() == client_state::connected));
  BOOST_TEST(c.namespace_sid() == "socket-1");

  std::string frame;
  auto now = t0;
  for (int tick = 0; tick < 20; ++tick) {
    now += 250ms;
    if (auto ping = s.poll(now); !ping.reply.empty()) {
      auto pong = c.receive(ping.reply, now);
      BOOST_TEST(!s.receive(pong.reply, now + 1ms).error.has_value());
    }
    frame.clear();
    BOOST_TEST_REQUIRE(s.write_event(frame, "gameStateUpdate", "{\"tickCount\":" + std::to_string(tick) + "}").has_value());
    auto step = c.receive(frame, now);
    BOOST_TEST_REQUIRE(step.event.has_value());
    BOOST_TEST(step.event->payload_json == "{\"tickCount\":" + std::to_string(tick) + "}");
    BOOST_TEST(!c.check_liveness(now).link_closed);
  }
  BOOST_TEST(s.counts().pings == 4u);
  BOOST_TEST(s.counts().pongs == 4u);
  BOOST_TEST(c.counts().events == 20u);
  BOOST_TEST(s.counts().errors + c.counts().errors == 0u);

  BOOST_TEST(s.receive(c.close(), now).link_closed);
  BOOST_TEST((s.state() == server_state::closed));
}

BOOST_AUTO_TEST_SUITE_END()
