// Socket.IO codec: Engine.IO frames, the open packet, Socket.IO packet headers, event arrays
// (payload extents byte for byte, on hand-made and real gameStateUpdate frames), the writers,
// and the request target built from a URL.
#include "core/socketio/engine_frame.hpp"
#include "core/socketio/event_array.hpp"
#include "core/socketio/open_packet.hpp"
#include "core/socketio/request_target.hpp"
#include "core/socketio/socket_packet.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using namespace replayer::socketio;

namespace {

constexpr std::string_view real_open =
    R"({"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000})";

// A valid open packet with `field` set to `value_json`, or left out when that is empty.
std::string open_with(std::string_view field, std::string_view value_json) {
  const std::pair<std::string_view, std::string_view> fields[] = {
      {"sid", "\"abc\""}, {"upgrades", "[]"}, {"pingInterval", "25000"}, {"pingTimeout", "20000"}, {"maxPayload", "1000000"}};
  std::string out = "{";
  for (auto [name, value] : fields) {
    if (name == field) {
      if (value_json.empty()) continue;
      value = value_json;
    }
    if (out.size() > 1) out += ',';
    out += "\"" + std::string(name) + "\":" + std::string(value);
  }
  return out + "}";
}

std::string open_error(std::string_view json) {
  auto r = parse_open_packet(json);
  BOOST_TEST_REQUIRE(!r.has_value(), "accepted: " << json);
  BOOST_TEST((r.error().kind == error_kind::bad_open_packet));
  return r.error().message;
}

socket_packet packet(std::string_view body) {
  auto r = parse_socket_packet(body);
  BOOST_TEST_REQUIRE(r.has_value(), body << ": " << r.error().message);
  return *r;
}

protocol_error packet_error(std::string_view body) {
  auto r = parse_socket_packet(body);
  BOOST_TEST_REQUIRE(!r.has_value(), "accepted: " << body);
  return r.error();
}

// One line of gamestate_samples.jsonl: {"timestamp": ..., "event_type": NAME, "data": DATA}
// with DATA last; its name and DATA's exact text.
struct sample {
  std::string name;
  std::string data;
};

std::vector<sample> feed_samples(std::size_t max) {
  const auto path = std::filesystem::path(REPLAYER_SHARED_DIR) / "data" / "feed" / "gamestate_samples.jsonl";
  std::ifstream in(path);
  std::vector<sample> out;
  for (std::string line; out.size() < max && std::getline(in, line);) {
    const auto type_at = line.find("\"event_type\": \"") + 15;
    const auto data_at = line.find("\"data\": ") + 8;
    out.push_back({line.substr(type_at, line.find('"', type_at) - type_at), line.substr(data_at, line.size() - data_at - 1)});
  }
  BOOST_WARN_MESSAGE(!out.empty(), "skipped: " << path << " is missing (the shared data is not beside the source tree)");
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(socketio_codec)

BOOST_AUTO_TEST_CASE(engine_frames_split_into_type_and_body) {
  const std::string frame = "0" + std::string(real_open);
  auto open = parse_engine_frame(frame, 1000);
  BOOST_TEST_REQUIRE(open.has_value());
  BOOST_TEST((open->type == engine_type::open));
  BOOST_TEST(open->body == real_open);
  BOOST_TEST((parse_engine_frame("2", 10)->type == engine_type::ping));
  BOOST_TEST((parse_engine_frame("3", 10)->type == engine_type::pong));
  BOOST_TEST((parse_engine_frame("1", 10)->type == engine_type::close));
  BOOST_TEST((parse_engine_frame("6", 10)->type == engine_type::noop));
  auto message = parse_engine_frame("42[\"a\"]", 10);
  BOOST_TEST((message->type == engine_type::message));
  BOOST_TEST(message->body == "2[\"a\"]");
}

BOOST_AUTO_TEST_CASE(engine_frames_refused_with_what_and_where) {
  const auto error = [](std::string_view frame, std::size_t limit = 100) {
    auto r = parse_engine_frame(frame, limit);
    BOOST_TEST_REQUIRE(!r.has_value(), "accepted: " << frame);
    return r.error();
  };
  BOOST_TEST((error("").kind == error_kind::malformed_frame));
  BOOST_TEST(error("").message == "engine.io frame is empty (no packet type)");
  BOOST_TEST(error("x42").message == "engine.io frame: packet type 'x' at byte 0 is not a digit");
  BOOST_TEST(error(std::string_view("\x01", 1)).message == "engine.io frame: packet type byte 0x01 at byte 0 is not a digit");
  BOOST_TEST((error("7").kind == error_kind::unknown_packet_type));
  BOOST_TEST(error("9abc").message == "engine.io frame: unknown packet type '9' (0-6 exist)");
  BOOST_TEST((error("2probe").kind == error_kind::malformed_frame));
  BOOST_TEST(error("2probe").message == "engine.io ping packet: unexpected 5 bytes of data after the type at byte 1");
  BOOST_TEST((error(std::string(101, '4'), 100).kind == error_kind::oversized_frame));
  BOOST_TEST(error(std::string(101, '4'), 100).message == "engine.io frame of 101 bytes is over the limit of 100 bytes");
  BOOST_TEST(parse_engine_frame(std::string(100, '4'), 100).has_value(), "the limit itself is allowed");
}

BOOST_AUTO_TEST_CASE(open_packet_fields_parsed) {
  auto open = parse_open_packet(real_open);
  BOOST_TEST_REQUIRE(open.has_value(), open.error().message);
  BOOST_TEST(open->sid == "lv_VI97HAXpY6yYWAAAC");
  BOOST_TEST(open->upgrades.empty());
  BOOST_TEST(open->ping_interval.count() == 25000);
  BOOST_TEST(open->ping_timeout.count() == 20000);
  BOOST_TEST(open->max_payload == 1000000u);
  auto with_upgrade = parse_open_packet(open_with("upgrades", R"(["websocket"])"));
  BOOST_TEST_REQUIRE(with_upgrade.has_value());
  BOOST_TEST(with_upgrade->upgrades.at(0) == "websocket");
  BOOST_TEST(parse_open_packet(R"({"sid":"a","upgrades":[],"pingInterval":1,"pingTimeout":1,"maxPayload":1,"new":{}})")
                 .has_value(),
             "unknown fields are ignored");
}

BOOST_AUTO_TEST_CASE(open_packet_every_field_validated) {
  BOOST_TEST(open_error(open_with("pingInterval", "")) == "engine.io open packet: field pingInterval is missing");
  BOOST_TEST(open_error(open_with("sid", "")) == "engine.io open packet: field sid is missing");
  BOOST_TEST(open_error(open_with("upgrades", "")) == "engine.io open packet: field upgrades is missing");
  BOOST_TEST(open_error(open_with("pingTimeout", "")) == "engine.io open packet: field pingTimeout is missing");
  BOOST_TEST(open_error(open_with("maxPayload", "")) == "engine.io open packet: field maxPayload is missing");
  BOOST_TEST(open_error(open_with("sid", "7")) == "engine.io open packet: field sid is an integer, not a string");
  BOOST_TEST(open_error(open_with("sid", "\"\"")) == "engine.io open packet: field sid is empty");
  BOOST_TEST(open_error(open_with("sid", "\"" + std::string(129, 's') + "\"")) ==
             "engine.io open packet: field sid is 129 bytes long, over 128");
  BOOST_TEST(open_error(open_with("upgrades", "{}")) == "engine.io open packet: field upgrades is an object, not an array");
  BOOST_TEST(open_error(open_with("upgrades", "[1]")) == "engine.io open packet: field upgrades holds an integer, not a string");
  BOOST_TEST(open_error(open_with("pingInterval", "\"25000\"")) ==
             "engine.io open packet: field pingInterval is a string, not an integer");
  BOOST_TEST(open_error(open_with("pingInterval", "2.5e4")) ==
             "engine.io open packet: field pingInterval is a number with a fraction or exponent, not an integer");
  BOOST_TEST(open_error(open_with("pingTimeout", "0")) == "engine.io open packet: field pingTimeout is 0, outside 1..3600000");
  BOOST_TEST(open_error(open_with("maxPayload", "-1")) ==
             "engine.io open packet: field maxPayload is -1, outside 1..1073741824");
  BOOST_TEST(open_error(open_with("maxPayload", "18446744073709551615")) ==
             "engine.io open packet: field maxPayload is 18446744073709551615, too large");
  BOOST_TEST(open_error("[]") == "engine.io open packet: an array, not an object");
  BOOST_TEST(open_error("") == "engine.io open packet: invalid JSON at byte 0 (incomplete JSON)");
  BOOST_TEST(open_error(R"({"sid":"a",})").find("engine.io open packet: invalid JSON at byte 11") == 0u);
}

BOOST_AUTO_TEST_CASE(open_frame_written_as_servers_write_it) {
  open_packet open;
  open.sid = "lv_VI97HAXpY6yYWAAAC";
  std::string out;
  write_open_frame(out, open);
  BOOST_TEST(out == "0" + std::string(real_open));
  auto back = parse_open_packet(std::string_view(out).substr(1));
  BOOST_TEST_REQUIRE(back.has_value());
  BOOST_TEST(back->sid == open.sid);
}

BOOST_AUTO_TEST_CASE(socket_packet_headers) {
  auto connect = packet("0");
  BOOST_TEST((connect.type == packet_type::connect));
  BOOST_TEST(connect.nsp == "/");
  BOOST_TEST(connect.payload.empty());
  BOOST_TEST(packet("0/admin,").nsp == "/admin");
  BOOST_TEST(packet("0/admin").nsp == "/admin", "a namespace at the end needs no comma");
  auto reply = packet(R"(0/admin,{"sid":"x"})");
  BOOST_TEST(reply.payload == R"({"sid":"x"})");
  BOOST_TEST((packet("1").type == packet_type::disconnect));
  BOOST_TEST(packet("1/admin,").nsp == "/admin");

  auto event = packet(R"(2["hello",1])");
  BOOST_TEST((event.type == packet_type::event));
  BOOST_TEST(!event.ack_id.has_value());
  BOOST_TEST(event.payload == R"(["hello",1])");
  auto with_id = packet(R"(212["hello"])");
  BOOST_TEST_REQUIRE(with_id.ack_id.has_value());
  BOOST_TEST(*with_id.ack_id == 12u);
  BOOST_TEST(with_id.payload == R"(["hello"])");
  auto nsp_and_id = packet(R"(2/admin,456["x"])");
  BOOST_TEST(nsp_and_id.nsp == "/admin");
  BOOST_TEST(*nsp_and_id.ack_id == 456u);
  BOOST_TEST(nsp_and_id.payload == R"(["x"])");
  BOOST_TEST(*packet("3/admin,13[]").ack_id == 13u);
  BOOST_TEST(*packet(std::string("2") + std::string(18, '9') + "[\"x\"]").ack_id == 999999999999999999u);
  auto refused = packet(R"(4{"message":"Not authorized"})");
  BOOST_TEST((refused.type == packet_type::connect_error));
  BOOST_TEST(refused.payload == R"({"message":"Not authorized"})");
}

BOOST_AUTO_TEST_CASE(socket_packet_refusals) {
  BOOST_TEST((packet_error("51-[\"x\",{\"_placeholder\":true,\"num\":0}]").kind == error_kind::binary_attachment));
  BOOST_TEST(packet_error("51-[\"x\"]").message ==
             "socket.io BINARY_EVENT with 1 binary attachment(s): binary attachments are not supported");
  BOOST_TEST(packet_error("62-/admin,3[]").message ==
             "socket.io BINARY_ACK with 2 binary attachment(s): binary attachments are not supported");
  BOOST_TEST((packet_error("7").kind == error_kind::unknown_packet_type));
  BOOST_TEST(packet_error("8[]").message == "socket.io packet: unknown packet type '8' (0-6 exist)");
  BOOST_TEST(packet_error("").message == "socket.io packet: message packet `4` holds no socket.io packet type");
  BOOST_TEST(packet_error("x").message == "socket.io packet: packet type 'x' at byte 1 is not a digit");
  BOOST_TEST(packet_error("3[\"a\"]").message == "socket.io packet: ACK without an ack id at byte 2");
  BOOST_TEST(packet_error("012").message == "socket.io packet: CONNECT cannot carry an ack id at byte 2");
  BOOST_TEST(packet_error("1{}").message == "socket.io packet: DISCONNECT carries data at byte 2");
  BOOST_TEST(packet_error(std::string("2") + std::string(19, '1') + "[]").message ==
             "socket.io packet: ack id at byte 2 has more than 18 digits");
  BOOST_TEST(packet_error("2/ad min,[]").message ==
             "socket.io packet: namespace holds ' ' at byte 3 (namespace at byte 2)");
  BOOST_TEST((packet_error("0/" + std::string(300, 'a') + ",").kind == error_kind::malformed_frame));
}

BOOST_AUTO_TEST_CASE(event_array_extents) {
  event_array_reader reader;
  auto one = reader.read(R"(["gameStateUpdate",{"a":[1,{"b":"]}\"["}],"c":"x\\"}])", "t");
  BOOST_TEST_REQUIRE(one.has_value(), one.error().message);
  BOOST_TEST(one->name == "gameStateUpdate");
  BOOST_TEST(one->argument_count == 1u);
  BOOST_TEST(one->last_json == R"({"a":[1,{"b":"]}\"["}],"c":"x\\"})");
  BOOST_TEST(one->first_json == one->last_json);
  BOOST_TEST(one->arguments_json == one->last_json);

  auto traced = reader.read(R"([ "newTrade" , {"__trace":true} ,  [1, 2] , "s\"]" , -1.5e3 , null ])", "t");
  BOOST_TEST_REQUIRE(traced.has_value(), traced.error().message);
  BOOST_TEST(traced->argument_count == 5u);
  BOOST_TEST(traced->first_json == R"({"__trace":true})");
  BOOST_TEST(traced->last_json == "null");
  BOOST_TEST(traced->arguments_json == R"({"__trace":true} ,  [1, 2] , "s\"]" , -1.5e3 , null)");

  auto scalar = reader.read(R"(["n",true])", "t");
  BOOST_TEST(scalar->last_json == "true");
  auto bare = reader.read(R"(["ping"])", "t");
  BOOST_TEST_REQUIRE(bare.has_value());
  BOOST_TEST(bare->argument_count == 0u);
  BOOST_TEST(bare->last_json.empty());
  BOOST_TEST(bare->arguments_json.empty());
}

BOOST_AUTO_TEST_CASE(event_array_refusals) {
  event_array_reader reader;
  const auto error = [&](std::string_view text) {
    auto r = reader.read(text, "socket.io EVENT");
    BOOST_TEST_REQUIRE(!r.has_value(), "accepted: " << text);
    BOOST_TEST((r.error().kind == error_kind::malformed_frame));
    return r.error().message;
  };
  BOOST_TEST(error("[]") == "socket.io EVENT: the array is empty: it has no event name");
  BOOST_TEST(error("{}") == "socket.io EVENT: the payload is not a JSON array");
  BOOST_TEST(error("[1]") == "socket.io EVENT: the event name (the first element) is not a string");
  BOOST_TEST(error(R"(["a\"b"])") ==
             "socket.io EVENT: the event name holds an escape sequence (names with escapes are not supported)");
  BOOST_TEST(error(R"(["x",{"a":1])").find("socket.io EVENT: invalid JSON at byte 11 of the payload") == 0u);
  BOOST_TEST(error(R"(["x"] [])").find("socket.io EVENT: invalid JSON at byte 6") == 0u);
  BOOST_TEST(error("").find("socket.io EVENT: invalid JSON at byte 0") == 0u);
  BOOST_TEST(error(std::string(40, '[') + std::string(40, ']')).find("invalid JSON") != std::string::npos,
             "nesting over the depth limit");
  BOOST_TEST(error("[\"" + std::string(257, 'n') + "\"]") ==
             "socket.io EVENT: the event name of 257 bytes is over the limit of 256");
}

BOOST_AUTO_TEST_CASE(real_feed_payloads_come_back_byte_identical) {
  event_array_reader reader;
  std::size_t checked = 0, multi = 0;
  for (const auto& s : feed_samples(60)) {
    // The capture keeps a multi-argument event's arguments as a list (trace envelope first).
    const bool arguments_list = s.data.front() == '[';
    const std::string_view inner =
        arguments_list ? std::string_view(s.data).substr(1, s.data.size() - 2) : std::string_view(s.data);
    const std::string frame = "42[\"" + s.name + "\"," + std::string(inner) + "]";
    auto engine = parse_engine_frame(frame, std::size_t{1} << 20);
    BOOST_TEST_REQUIRE(engine.has_value());
    auto sp = parse_socket_packet(engine->body);
    BOOST_TEST_REQUIRE(sp.has_value());
    auto array = reader.read(sp->payload, "socket.io EVENT");
    BOOST_TEST_REQUIRE(array.has_value(), array.error().message);
    BOOST_TEST(array->name == s.name);
    if (!arguments_list) {
      BOOST_TEST(array->argument_count == 1u);
      BOOST_TEST(array->last_json == s.data, "payload of " << s.name << " differs");
    } else {
      ++multi;
      BOOST_TEST(array->arguments_json == inner);
      const auto whole = boost::json::parse(s.data).as_array();
      BOOST_TEST(array->argument_count == whole.size());
      BOOST_TEST(boost::json::parse(array->last_json) == whole.back());
      BOOST_TEST(boost::json::parse(array->first_json) == whole.front());
    }
    ++checked;
  }
  BOOST_TEST_MESSAGE("socketio_codec: " << checked << " real frames checked, " << multi << " with several arguments");
}

BOOST_AUTO_TEST_CASE(writers_round_trip_through_the_parsers) {
  std::string out;
  write_connect_frame(out, "/");
  BOOST_TEST(out == "40");
  out.clear();
  write_connect_frame(out, "/admin");
  BOOST_TEST(out == "40/admin,");
  out.clear();
  write_connect_reply_frame(out, "/", "Zx9\"q");
  BOOST_TEST(out == R"(40{"sid":"Zx9\"q"})");
  out.clear();
  write_connect_error_frame(out, "/admin", "Invalid namespace");
  BOOST_TEST(out == R"(44/admin,{"message":"Invalid namespace"})");
  out.clear();
  write_disconnect_frame(out, "/");
  BOOST_TEST(out == "41");
  out.clear();
  write_event_frame(out, "/", "gameStateUpdate", R"({"price":1.0615312473967960})");
  BOOST_TEST(out == R"(42["gameStateUpdate",{"price":1.0615312473967960}])", "the payload text is kept as is");
  out.clear();
  write_event_frame(out, "/feed", "tick", "");
  BOOST_TEST(out == R"(42/feed,["tick"])");
}

BOOST_AUTO_TEST_CASE(request_target_keeps_the_user_query) {
  auto rugs = socketio_request_target("?frontend-version=1.0");
  BOOST_TEST_REQUIRE(rugs.has_value(), rugs.error().reason);
  BOOST_TEST(rugs->request_target == "/socket.io/?EIO=4&transport=websocket&frontend-version=1.0");
  BOOST_TEST(rugs->namespace_name == "/");
  BOOST_TEST(socketio_request_target("/?frontend-version=1.0&b=%20x#frag")->request_target ==
             "/socket.io/?EIO=4&transport=websocket&frontend-version=1.0&b=%20x");
  BOOST_TEST(socketio_request_target("")->request_target == "/socket.io/?EIO=4&transport=websocket");
  BOOST_TEST(socketio_request_target("/")->namespace_name == "/");
  auto admin = socketio_request_target("/admin?x=1");
  BOOST_TEST(admin->namespace_name == "/admin");
  BOOST_TEST(admin->request_target == "/socket.io/?EIO=4&transport=websocket&x=1");

  BOOST_TEST(socketio_request_target("?EIO=3").error().reason ==
             "url query: parameter EIO is set by the Socket.IO client itself");
  BOOST_TEST(socketio_request_target("?a=1&transport=polling").error().reason ==
             "url query: parameter transport is set by the Socket.IO client itself");
  BOOST_TEST(socketio_request_target("?a=b c").error().reason ==
             "url query: the query holds ' ' at byte 3 (percent-encode it)");
  BOOST_TEST(socketio_request_target("?a=%2").error().reason ==
             "url query: '%' at byte 2 of the query is not followed by two hex digits");
  BOOST_TEST(!socketio_request_target("/a,b").has_value());
  BOOST_TEST(!socketio_request_target("?" + std::string(5000, 'a')).has_value());
}

BOOST_AUTO_TEST_CASE(request_target_checked_by_the_fake_server) {
  auto user = parse_request_target("/socket.io/?EIO=4&transport=websocket&frontend-version=1.0");
  BOOST_TEST_REQUIRE(user.has_value(), user.error().reason);
  BOOST_TEST(*user == "frontend-version=1.0");
  BOOST_TEST(query_parameter(*user, "frontend-version").value_or("?") == "1.0");
  BOOST_TEST(!query_parameter(*user, "frontend").has_value());
  BOOST_TEST(*parse_request_target("/socket.io/?a=1&EIO=4&b=2&transport=websocket") == "a=1&b=2");
  BOOST_TEST(parse_request_target("/socket.io/?EIO=3&transport=websocket").error().reason ==
             "request target query: EIO=3: only Engine.IO version 4 is served");
  BOOST_TEST(parse_request_target("/socket.io/?EIO=4&transport=polling").error().reason ==
             "request target query: transport=polling: only websocket is served");
  BOOST_TEST(parse_request_target("/socket.io/?transport=websocket").error().reason ==
             "request target query: EIO is missing (the Engine.IO version, 4)");
  BOOST_TEST(parse_request_target("/engine.io/?EIO=4&transport=websocket").error().reason ==
             "request target path \"/engine.io/\" is not /socket.io/");
  auto built = socketio_request_target("?frontend-version=1.0");
  BOOST_TEST(*parse_request_target(built->request_target) == "frontend-version=1.0");
}

BOOST_AUTO_TEST_SUITE_END()
