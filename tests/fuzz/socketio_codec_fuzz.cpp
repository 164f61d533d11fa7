// libFuzzer target for the Socket.IO codec: arbitrary bytes, cut into frames at '\n', go to a
// client machine and to a server machine, with time moving on between frames.
// Byte 0 picks the setup: bit 0 a custom namespace, bit 1 a small frame limit, bit 2 a client
// already through the handshake (so events are reached at once), bit 3 binary frames too.
// Invariants, for any input:
//   - nothing crashes, throws or leaks;
//   - every refusal has a message, and the counters add up;
//   - an event's views lie inside its frame, and its name and arguments are what Boost.JSON
//     reads from the same array;
//   - replies are only the frames each side may send; a closed machine stays closed.
// Build: cmake --preset fuzz && cmake --build --preset fuzz --target socketio_codec_fuzz
#include "core/socketio/client.hpp"
#include "core/socketio/engine_frame.hpp"
#include "core/socketio/server.hpp"

#include <boost/json/parse.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <string>
#include <string_view>

using namespace replayer::socketio;
using namespace std::chrono_literals;

namespace {

[[noreturn]] void broken(const char* what, std::string_view frame) {
  std::fprintf(stderr, "socketio_codec_fuzz: %s\n  frame: %.*s\n", what, static_cast<int>(frame.size()), frame.data());
  std::abort();
}

void check_counters(const counters& c, std::string_view frame) {
  if (std::accumulate(c.errors_by_kind.begin(), c.errors_by_kind.end(), std::uint64_t{0}) != c.errors)
    broken("errors by kind do not add up to errors", frame);
}

bool inside(std::string_view part, std::string_view whole) {
  const auto at = reinterpret_cast<std::uintptr_t>(part.data());
  const auto begin = reinterpret_cast<std::uintptr_t>(whole.data());
  return part.empty() || (at >= begin && at + part.size() <= begin + whole.size());
}

boost::json::value parse_or_die(std::string_view text, std::string_view frame) {
  boost::system::error_code ec;
  auto v = boost::json::parse(boost::json::string_view(text.data(), text.size()), ec);
  if (ec) broken("an event argument Boost.JSON cannot parse", frame);
  return v;
}

void check_event(const event& e, std::string_view frame) {
  for (auto part : {e.name, e.payload_json, e.arguments_json})
    if (!inside(part, frame)) broken("an event view outside its frame", frame);
  auto packet = parse_socket_packet(frame.substr(1));
  if (!packet) broken("an event from a frame the packet parser refuses", frame);
  const auto array = parse_or_die(packet->payload, frame).as_array();
  if (array.empty() || !array[0].is_string() || array[0].as_string() != boost::json::string_view(e.name.data(), e.name.size()))
    broken("event name differs from Boost.JSON's", frame);
  if (e.argument_count != array.size() - 1) broken("argument count differs from Boost.JSON's", frame);
  if (e.argument_count == 0) {
    if (!e.payload_json.empty() || !e.arguments_json.empty()) broken("arguments without arguments", frame);
    return;
  }
  if (parse_or_die(e.payload_json, frame) != array.back()) broken("payload differs from Boost.JSON's last element", frame);
  if (parse_or_die("[" + std::string(e.arguments_json) + "]", frame) != boost::json::array(array.begin() + 1, array.end()))
    broken("arguments differ from Boost.JSON's", frame);
}

void check_client_step(const client& c, const client_step& step, client_state before, std::string_view frame) {
  if (step.error && step.error->message.empty()) broken("client refusal without a message", frame);
  if (step.event) check_event(*step.event, frame);
  if (!step.reply.empty() && step.reply != pong_frame && step.reply.substr(0, 2) != "40")
    broken("client reply that is neither pong nor namespace connect", step.reply);
  if (before == client_state::closed && c.state() != client_state::closed) broken("client reopened", frame);
  if (step.link_closed != (before != client_state::closed && c.state() == client_state::closed))
    broken("link_closed disagrees with the state", frame);
  check_counters(c.counts(), frame);
}

void check_server_step(const server& s, const server_step& step, server_state before, std::string_view frame) {
  if (step.error && step.error->message.empty()) broken("server refusal without a message", frame);
  if (!step.reply.empty() && step.reply != ping_frame && step.reply.substr(0, 2) != "40" && step.reply.substr(0, 2) != "44")
    broken("server reply that is neither ping nor connect reply nor connect error", step.reply);
  if (before == server_state::closed && s.state() != server_state::closed) broken("server reopened", frame);
  check_counters(s.counts(), frame);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t setup = data[0];
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);

  client_config cc;
  server_config sc;
  if (setup & 1) cc.namespace_name = sc.namespace_name = "/feed";
  if (setup & 2) cc.max_frame_bytes = sc.open.max_payload = 64;
  const std::chrono::steady_clock::time_point t0{};
  auto now = t0;
  client c(cc, now);
  server s(sc, now);
  if (setup & 4) {
    c.receive(s.open_frame(), now);
    const std::string reply = (setup & 1) ? R"(40/feed,{"sid":"x"})" : R"(40{"sid":"x"})";
    c.receive(reply, now);
  }

  std::string out;
  while (!rest.empty()) {
    const std::size_t cut = rest.find('\n');
    const std::string_view frame = rest.substr(0, cut);
    rest = cut == std::string_view::npos ? std::string_view{} : rest.substr(cut + 1);
    // Time moves by an amount the input picks, up to about a minute, so deadlines are crossed.
    now += std::chrono::milliseconds((frame.empty() ? 7 : static_cast<unsigned char>(frame.back())) * 211);

    const auto client_before = c.state();
    check_client_step(c, c.check_liveness(now), client_before, frame);
    const auto client_ready = c.state();
    check_client_step(c, c.receive(frame, now), client_ready, frame);
    if ((setup & 8) && frame.size() % 3 == 0) check_client_step(c, c.receive_binary(frame.size(), now), c.state(), frame);

    const auto server_before = s.state();
    check_server_step(s, s.poll(now), server_before, frame);
    const auto server_ready = s.state();
    check_server_step(s, s.receive(frame, now), server_ready, frame);
    out.clear();
    auto written = s.write_event(out, "gameStateUpdate", frame, 256);
    if (!written && written.error().message.empty()) broken("write_event refusal without a message", frame);
    if (written && out.size() > 256) broken("write_event over its limit", frame);
  }
  const bool had_session = c.state() == client_state::awaiting_namespace_connect || c.state() == client_state::connected;
  if (had_session != !c.close().empty()) broken("close() frame disagrees with the state", {});
  if (c.state() != client_state::closed) broken("close() left the client open", {});
  return 0;
}
