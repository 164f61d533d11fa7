// Socket.IO client machine: handshake, ping/pong, namespace connect (default and custom),
// events and their payload views, ack ids, what is refused and counted (binary attachments,
// unknown types, oversized frames, garbage, packets out of place), closing, and the liveness
// deadline with a manual clock.
#include "core/socketio/client.hpp"

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

using namespace replayer::socketio;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

namespace {

constexpr std::string_view open_frame =
    R"(0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000})";
const clock_type::time_point t0{};

client_config in_namespace(std::string nsp) {
  client_config c;
  c.namespace_name = std::move(nsp);
  return c;
}

// A client past the handshake, connected to `nsp`.
client connected(client_config config = {}) {
  client c(config, t0);
  c.receive(open_frame, t0 + 1ms);
  const std::string reply = config.namespace_name == "/" ? std::string(R"(40{"sid":"s1"})")
                                                         : "40" + config.namespace_name + R"(,{"sid":"s1"})";
  c.receive(reply, t0 + 2ms);
  BOOST_TEST_REQUIRE((c.state() == client_state::connected));
  return c;
}

void expect_refused(client& c, std::string_view frame, error_kind kind, std::string_view message = {}) {
  const auto errors = c.counts().errors_of(kind);
  const auto state = c.state();
  auto step = c.receive(frame, t0 + 3ms);
  BOOST_TEST_REQUIRE(step.error.has_value(), "accepted: " << frame);
  BOOST_TEST(error_kind_name(step.error->kind) == error_kind_name(kind), frame);
  if (!message.empty()) BOOST_TEST(step.error->message == message);
  BOOST_TEST(!step.event.has_value());
  BOOST_TEST(step.reply.empty());
  BOOST_TEST(!step.link_closed, "a refused frame does not end a connected session: " << frame);
  BOOST_TEST((c.state() == state));
  BOOST_TEST(c.counts().errors_of(kind) == errors + 1);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(socketio_client)

BOOST_AUTO_TEST_CASE(handshake_then_default_namespace) {
  client c({}, t0);
  BOOST_TEST((c.state() == client_state::awaiting_open));
  auto opened = c.receive(open_frame, t0 + 5ms);
  BOOST_TEST(!opened.error.has_value());
  BOOST_TEST(opened.reply == "40");
  BOOST_TEST((c.state() == client_state::awaiting_namespace_connect));
  BOOST_TEST_REQUIRE(c.handshake().has_value());
  BOOST_TEST(c.handshake()->sid == "lv_VI97HAXpY6yYWAAAC");
  BOOST_TEST(c.handshake()->ping_interval.count() == 25000);

  auto joined = c.receive(R"(40{"sid":"wZX3oE0bQw6ug0zAAAJ"})", t0 + 6ms);
  BOOST_TEST(!joined.error.has_value());
  BOOST_TEST(joined.reply.empty());
  BOOST_TEST((c.state() == client_state::connected));
  BOOST_TEST(c.namespace_sid() == "wZX3oE0bQw6ug0zAAAJ");
  BOOST_TEST(c.counts().frames == 2u);
  BOOST_TEST(c.counts().errors == 0u);
}

BOOST_AUTO_TEST_CASE(custom_namespace) {
  client c(in_namespace("/feed"), t0);
  BOOST_TEST(c.receive(open_frame, t0).reply == "40/feed,");
  // The default namespace's reply is not ours.
  auto other = c.receive(R"(40{"sid":"x"})", t0);
  BOOST_TEST_REQUIRE(other.error.has_value());
  BOOST_TEST(other.error->message == "socket.io CONNECT for namespace /; this client is in /feed");
  BOOST_TEST((c.state() == client_state::awaiting_namespace_connect));
  c.receive(R"(40/feed,{"sid":"y"})", t0);
  BOOST_TEST((c.state() == client_state::connected));
  BOOST_TEST(c.namespace_sid() == "y");
  auto e = c.receive(R"(42/feed,["tick",{"n":1}])", t0);
  BOOST_TEST_REQUIRE(e.event.has_value());
  BOOST_TEST(e.event->payload_json == R"({"n":1})");
  expect_refused(c, R"(42["tick",{"n":1}])", error_kind::unexpected_packet,
                 "socket.io EVENT for namespace /; this client is in /feed");
}

BOOST_AUTO_TEST_CASE(ping_answered_with_pong_at_once) {
  auto c = connected();
  for (int i = 1; i <= 3; ++i) {
    auto step = c.receive("2", t0 + i * 25s);
    BOOST_TEST(step.reply == "3");
    BOOST_TEST(!step.error.has_value());
  }
  BOOST_TEST(c.counts().pings == 3u);
  BOOST_TEST(c.counts().pongs == 3u);
  // Pings before the namespace connect are answered too: the heartbeat is Engine.IO's.
  client early({}, t0);
  early.receive(open_frame, t0);
  BOOST_TEST(early.receive("2", t0).reply == "3");
}

BOOST_AUTO_TEST_CASE(events_reference_the_frame) {
  auto c = connected();
  const std::string frame = R"(42["gameStateUpdate",{"gameId":"20251207-e8186dbf38e046d1","price":1.061531247396796,"s":"a\"]}"}])";
  auto step = c.receive(frame, t0 + 10ms);
  BOOST_TEST(!step.error.has_value());
  BOOST_TEST(step.reply.empty());
  BOOST_TEST_REQUIRE(step.event.has_value());
  BOOST_TEST(step.event->name == "gameStateUpdate");
  BOOST_TEST(step.event->payload_json == R"({"gameId":"20251207-e8186dbf38e046d1","price":1.061531247396796,"s":"a\"]}"})");
  BOOST_TEST(step.event->argument_count == 1u);
  BOOST_TEST(!step.event->ack_id.has_value());
  const auto at = reinterpret_cast<std::uintptr_t>(step.event->payload_json.data());
  const auto frame_at = reinterpret_cast<std::uintptr_t>(frame.data());
  BOOST_TEST((at > frame_at && at + step.event->payload_json.size() < frame_at + frame.size()),
             "a view into the frame, not a copy");

  auto traced = c.receive(R"(42["standard/newTrade",{"__trace":true,"traceparent":"00-99"},{"id":"6f"}])", t0);
  BOOST_TEST_REQUIRE(traced.event.has_value());
  BOOST_TEST(traced.event->payload_json == R"({"id":"6f"})", "the payload is the last argument");
  BOOST_TEST(traced.event->argument_count == 2u);
  BOOST_TEST(c.counts().events == 2u);
}

BOOST_AUTO_TEST_CASE(ack_ids_reported_never_answered) {
  auto c = connected();
  auto step = c.receive(R"(4217["sidebet",{"target":10}])", t0);
  BOOST_TEST_REQUIRE(step.event.has_value());
  BOOST_TEST_REQUIRE(step.event->ack_id.has_value());
  BOOST_TEST(*step.event->ack_id == 17u);
  BOOST_TEST(step.reply.empty(), "the read-only client sends no ack");
  expect_refused(c, R"(4312[{"success":true}])", error_kind::unexpected_packet,
                 "socket.io ACK 12 for an event this client never sent (it sends none)");
}

BOOST_AUTO_TEST_CASE(binary_attachments_refused_and_counted) {
  auto c = connected();
  expect_refused(c, R"(451-["image",{"_placeholder":true,"num":0}])", error_kind::binary_attachment);
  auto binary = c.receive_binary(1024, t0);
  BOOST_TEST_REQUIRE(binary.error.has_value());
  BOOST_TEST(binary.error->message == "engine.io binary frame of 1024 bytes: binary attachments are not supported");
  expect_refused(c, R"(461-3[{"_placeholder":true,"num":0}])", error_kind::binary_attachment);
  BOOST_TEST(c.counts().errors_of(error_kind::binary_attachment) == 3u);
  BOOST_TEST(c.counts().binary_frames == 1u);
  BOOST_TEST((c.state() == client_state::connected));
}

BOOST_AUTO_TEST_CASE(unknown_types_garbage_and_misplaced_packets) {
  auto c = connected();
  expect_refused(c, "7", error_kind::unknown_packet_type);
  expect_refused(c, "49[]", error_kind::unknown_packet_type);
  expect_refused(c, "", error_kind::malformed_frame);
  expect_refused(c, "hello", error_kind::malformed_frame);
  expect_refused(c, std::string_view("\0\xff\x80", 3), error_kind::malformed_frame);
  expect_refused(c, "4", error_kind::malformed_frame);
  expect_refused(c, "42", error_kind::malformed_frame);
  expect_refused(c, R"(42["x",)", error_kind::malformed_frame);
  expect_refused(c, R"(42{"x":1})", error_kind::malformed_frame);
  expect_refused(c, "3", error_kind::unexpected_packet);
  expect_refused(c, "5", error_kind::unexpected_packet);
  expect_refused(c, open_frame, error_kind::unexpected_packet, "engine.io: a second open packet");
  expect_refused(c, R"(40{"sid":"again"})", error_kind::unexpected_packet);
  BOOST_TEST(c.receive("6", t0).reply.empty());
  BOOST_TEST(c.counts().noops == 1u);
  BOOST_TEST(c.counts().errors == 13u);
  // Still working.
  BOOST_TEST(c.receive(R"(42["x",1])", t0).event.has_value());
}

BOOST_AUTO_TEST_CASE(events_before_the_namespace_connect_refused) {
  client c({}, t0);
  c.receive(open_frame, t0);
  auto step = c.receive(R"(42["gameStateUpdate",{}])", t0);
  BOOST_TEST_REQUIRE(step.error.has_value());
  BOOST_TEST(step.error->message == "socket.io EVENT before the namespace connect reply");
  BOOST_TEST(!step.event.has_value());
}

BOOST_AUTO_TEST_CASE(oversized_frames_refused) {
  client_config config;
  config.max_frame_bytes = 128;
  auto c = connected(config);
  const std::string big = R"(42["x",")" + std::string(128 - 9, 'a') + R"("])";
  expect_refused(c, big, error_kind::oversized_frame,
                 "engine.io frame of 129 bytes is over the limit of 128 bytes");
  const std::string fits = R"(42["x",")" + std::string(128 - 10, 'a') + R"("])";
  BOOST_TEST(c.receive(fits, t0).event.has_value());
}

BOOST_AUTO_TEST_CASE(a_broken_handshake_closes) {
  client wrong_first({}, t0);
  auto step = wrong_first.receive("2", t0);
  BOOST_TEST(step.link_closed);
  BOOST_TEST(step.error->message == "engine.io: expected the open packet, got a ping packet");
  BOOST_TEST((wrong_first.cause() == close_cause::handshake_failed));

  client bad_open({}, t0);
  auto bad = bad_open.receive(R"(0{"sid":"a","upgrades":[],"pingTimeout":1,"maxPayload":1})", t0);
  BOOST_TEST(bad.link_closed);
  BOOST_TEST(bad.error->message == "engine.io open packet: field pingInterval is missing");
  BOOST_TEST((bad_open.state() == client_state::closed));
  BOOST_TEST(bad_open.counts().errors_of(error_kind::bad_open_packet) == 1u);

  client bad_reply({}, t0);
  bad_reply.receive(open_frame, t0);
  auto reply = bad_reply.receive(R"(40{"id":"x"})", t0);
  BOOST_TEST(reply.link_closed);
  BOOST_TEST(reply.error->message == "socket.io CONNECT reply: field sid is missing");
}

BOOST_AUTO_TEST_CASE(connect_error_closes_with_the_servers_message) {
  client c({}, t0);
  c.receive(open_frame, t0);
  auto step = c.receive(R"(44{"message":"Not authorized"})", t0);
  BOOST_TEST(step.link_closed);
  BOOST_TEST_REQUIRE(step.error.has_value());
  BOOST_TEST((step.error->kind == error_kind::connect_refused));
  BOOST_TEST(step.error->message == "socket.io: the server refused namespace /: Not authorized");
  BOOST_TEST((c.cause() == close_cause::connect_refused));
}

BOOST_AUTO_TEST_CASE(the_server_closes) {
  auto by_close = connected();
  auto step = by_close.receive("1", t0);
  BOOST_TEST(step.link_closed);
  BOOST_TEST(!step.error.has_value());
  BOOST_TEST((by_close.cause() == close_cause::server_close));
  BOOST_TEST(by_close.close().empty(), "nothing to send on a closed link");
  auto after = by_close.receive("2", t0);
  BOOST_TEST(after.error.has_value());
  BOOST_TEST(after.reply.empty(), "no pong once closed");
  BOOST_TEST(!after.link_closed);

  auto by_disconnect = connected();
  BOOST_TEST(by_disconnect.receive("41", t0).link_closed);
  BOOST_TEST((by_disconnect.cause() == close_cause::server_disconnect));
}

BOOST_AUTO_TEST_CASE(close_sends_the_engine_close) {
  auto c = connected();
  BOOST_TEST(c.close() == "1");
  BOOST_TEST((c.state() == client_state::closed));
  BOOST_TEST((c.cause() == close_cause::local_close));
  BOOST_TEST(c.close().empty());
  client unopened({}, t0);
  BOOST_TEST(unopened.close().empty(), "no session to close before the open packet");
}

BOOST_AUTO_TEST_CASE(liveness_deadline_arithmetic) {
  client_config config;
  config.open_timeout = 10s;
  client c(config, t0);
  BOOST_TEST((c.deadline() == t0 + 10s));
  BOOST_TEST(!c.check_liveness(t0 + 10s - 1ms).link_closed);

  c.receive(open_frame, t0 + 1s);
  // pingInterval 25000 + pingTimeout 20000 after the last frame.
  BOOST_TEST((c.deadline() == t0 + 1s + 45s));
  c.receive(R"(40{"sid":"s"})", t0 + 2s);
  BOOST_TEST((c.deadline() == t0 + 47s));
  c.receive("2", t0 + 26s);
  BOOST_TEST((c.deadline() == t0 + 71s), "a ping resets it");
  c.receive(R"(42["x",1])", t0 + 30s);
  BOOST_TEST((c.deadline() == t0 + 75s), "so does any frame");
  c.receive("garbage", t0 + 31s);
  BOOST_TEST((c.deadline() == t0 + 76s), "even a refused one: bytes arrived");

  BOOST_TEST(!c.check_liveness(t0 + 76s - 1ms).link_closed);
  BOOST_TEST((c.state() == client_state::connected));
  auto dead = c.check_liveness(t0 + 76s);
  BOOST_TEST(dead.link_closed);
  BOOST_TEST_REQUIRE(dead.error.has_value());
  BOOST_TEST(dead.error->message ==
             "engine.io: no frame for 45000 ms (pingInterval 25000 + pingTimeout 20000): the link is dead");
  BOOST_TEST((c.cause() == close_cause::ping_timeout));
  BOOST_TEST((c.deadline() == clock_type::time_point::max()));
  BOOST_TEST(!c.check_liveness(t0 + 1000s).link_closed, "reported once");
  BOOST_TEST(c.counts().errors_of(error_kind::ping_timeout) == 1u);
}

BOOST_AUTO_TEST_CASE(no_open_packet_in_time) {
  client c({}, t0);
  auto step = c.check_liveness(t0 + 20s);
  BOOST_TEST(step.link_closed);
  BOOST_TEST(step.error->message == "engine.io: no open packet within 20000 ms");
}

BOOST_AUTO_TEST_SUITE_END()
