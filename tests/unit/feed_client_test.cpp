// The live feed's transport end to end inside one process: the real client (net::run_feed) against
// the in-process fake server (net::fake_server) on 127.0.0.1, one io_context, scripted events.
// Handshake (open packet, namespace connect, a refused namespace), events in order and byte for
// byte, the heartbeat across many ping intervals, and every fault the server can play: restart,
// drop, garbage, oversized frame, stall, silence; reconnection with the backoff's own delays and
// fresh state per connection. Every run stops by cancelling run_feed once the calls the test
// waits for have arrived, and is bounded by a deadline that fails the test instead of hanging;
// no test sleeps to synchronise.
#include "core/feed/fake_feed.hpp"
#include "core/feed/reconnect_backoff.hpp"
#include "net/fake_server.hpp"
#include "net/feed_client.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/system/system_error.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asio = boost::asio;
namespace net = replayer::net;
namespace socketio = replayer::socketio;
using replayer::scripted_event;
using namespace std::chrono_literals;

namespace {

// ---- what the handler saw --------------------------------------------------------------------

struct call {
  char kind;             // 'C' connected, 'E' event, 'P' protocol error, 'D' disconnected
  std::string text;      // the authority, the event name, the error message, the cause
  std::string payload;   // the event's payload; the error's kind
  std::size_t argument_count = 0;
  std::chrono::milliseconds retry_in{0};
};

class recording_handler final : public net::feed_handler {
public:
  std::vector<call> calls;
  std::function<void()> after_call;  // the run's stop check
  bool in_call = false, reentered = false;

  void on_connected(std::string_view authority) override { add({'C', std::string(authority), {}}); }
  void on_event(const socketio::event& e, replayer::timestamp) override {
    add({'E', std::string(e.name), std::string(e.payload_json), e.argument_count});
  }
  void on_protocol_error(const socketio::protocol_error& e) override {
    add({'P', e.message, std::string(socketio::error_kind_name(e.kind))});
  }
  void on_disconnected(std::string_view cause, std::chrono::milliseconds retry_in) override {
    add({'D', std::string(cause), {}, 0, retry_in});
  }

  std::size_t count(char kind) const {
    std::size_t n = 0;
    for (const auto& c : calls) n += c.kind == kind;
    return n;
  }
  std::vector<call> of(char kind) const {
    std::vector<call> out;
    for (const auto& c : calls)
      if (c.kind == kind) out.push_back(c);
    return out;
  }
  // The calls as letters, e.g. "CEEEDCEEE": their number and order at a glance.
  std::string sequence() const {
    std::string s;
    for (const auto& c : calls) s += c.kind;
    return s;
  }

private:
  void add(call c) {
    reentered = reentered || in_call;
    in_call = true;
    calls.push_back(std::move(c));
    if (after_call) after_call();
    in_call = false;
  }
};

// ---- one run: the fake server and the client on one io_context -------------------------------

struct scenario {
  net::fake_server_options server;
  std::vector<scripted_event> script;
  std::string path_and_query;  // of the client's URL
  // The client's settings: fast backoff, a deterministic seed, nothing counts as healthy (so the
  // delays are the backoff's own sequence whatever the uptimes), a short close handshake bound.
  net::feed_client_options client = [] {
    net::feed_client_options o;
    o.backoff = {5ms, 10ms, std::chrono::hours(1), 42};
    o.connect_timeout = 2s;
    return o;
  }();
  // Stop once this holds (checked after every handler call).
  std::function<bool(const recording_handler&, const net::fake_server_stats&)> done;
  std::chrono::milliseconds deadline = 10s;
  bool client_throws_if_cancelled = false;  // what the app's root sets (app/root.cpp): false
  // How the stop reaches run_feed. Posted and repeated (every 50 ms until run_feed returns): the
  // robust way, as the app's second signal is. Emitted once from inside the handler's call: what
  // run_feed should honour too (see the stop tests at the end).
  enum class stop_style { posted_and_repeated, emitted_in_the_call } stop = stop_style::posted_and_repeated;
};

struct outcome {
  std::vector<call> calls;
  std::string sequence;
  bool timed_out = false;   // the deadline, not the test's condition, stopped the run
  bool client_returned = false, server_returned = false;
  std::exception_ptr client_failure, server_failure;
  bool reentered = false;
  std::uint16_t port = 0;
  std::size_t connections = 0, events_sent = 0, events_missed = 0, faults = 0, server_protocol_errors = 0;
  bool script_done = false;
  std::chrono::milliseconds elapsed{0};
  std::vector<call> of(char kind) const {
    std::vector<call> out;
    for (const auto& c : calls)
      if (c.kind == kind) out.push_back(c);
    return out;
  }
};

std::string describe(const std::exception_ptr& e) {
  if (!e) return "none";
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& x) {
    return x.what();
  } catch (...) {
    return "a non-standard exception";
  }
}

asio::awaitable<void> client_root(net::feed_client_options options, net::feed_handler& handler, bool throws) {
  if (!throws) co_await asio::this_coro::throw_if_cancelled(false);
  co_await net::run_feed(std::move(options), handler);
}

asio::awaitable<void> server_root(net::fake_server& server) {
  co_await asio::this_coro::throw_if_cancelled(false);
  co_await server.run();
}

// Runs the scenario until `done` holds (then cancels run_feed, waits for it to return, then stops
// the server) or the deadline passes (the same, marked timed_out). A run that does not end
// within the deadline plus 3 s is abandoned: the test fails rather than hangs.
outcome run(scenario s, std::optional<std::uint16_t> port_without_server = std::nullopt) {
  // What an abandoned run's coroutine frames still refer to when the io_context destroys them
  // outlives it; the server (its acceptor) goes before it.
  outcome o;
  recording_handler handler;
  asio::cancellation_signal stop_client, stop_server;
  asio::io_context ioc(1);
  std::optional<net::fake_server> server;
  if (!port_without_server) server.emplace(ioc.get_executor(), s.server, s.script);
  const net::fake_server_stats no_stats;
  const net::fake_server_stats& stats = server ? server->stats() : no_stats;

  o.port = server ? server->port() : *port_without_server;
  net::feed_client_options options = s.client;
  options.url = replayer::feed_url{false, "127.0.0.1", o.port, s.path_and_query};

  asio::steady_timer deadline(ioc, s.deadline), again(ioc);
  bool stopping = false;
  std::function<void()> emit_until_returned = [&] {
    if (o.client_returned) return;
    stop_client.emit(asio::cancellation_type::total);
    again.expires_after(50ms);
    again.async_wait([&](boost::system::error_code ec) {
      if (!ec) emit_until_returned();
    });
  };
  auto stop = [&] {
    if (stopping) return;
    stopping = true;
    switch (s.stop) {
      case scenario::stop_style::posted_and_repeated: asio::post(ioc, emit_until_returned); break;
      case scenario::stop_style::emitted_in_the_call: stop_client.emit(asio::cancellation_type::total); break;
    }
  };
  handler.after_call = [&] {
    if (s.done && s.done(handler, stats)) stop();
  };

  const auto started = std::chrono::steady_clock::now();
  if (server) {
    asio::co_spawn(ioc, server_root(*server),
                   asio::bind_cancellation_slot(stop_server.slot(), [&](std::exception_ptr e) {
                     o.server_failure = e;
                     o.server_returned = true;
                   }));
  }
  asio::co_spawn(ioc, client_root(options, handler, s.client_throws_if_cancelled),
                 asio::bind_cancellation_slot(stop_client.slot(), [&](std::exception_ptr e) {
                   o.client_failure = e;
                   o.client_returned = true;
                   o.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::steady_clock::now() - started);
                   deadline.cancel();
                   again.cancel();
                   asio::post(ioc, [&] { stop_server.emit(asio::cancellation_type::total); });
                 }));
  deadline.async_wait([&](boost::system::error_code ec) {
    if (ec) return;
    o.timed_out = true;
    stopping = true;
    again.cancel();
    stop_client.emit(asio::cancellation_type::total);
    // A client that does not stop at a total cancellation gets a terminal one a second later.
    deadline.expires_after(1s);
    deadline.async_wait([&](boost::system::error_code again) {
      if (!again && !o.client_returned) stop_client.emit(asio::cancellation_type::terminal);
    });
  });
  ioc.run_for(s.deadline + 3s);
  if (!ioc.stopped()) ioc.stop();

  o.calls = handler.calls;
  o.sequence = handler.sequence();
  o.reentered = handler.reentered;
  o.connections = stats.connections;
  o.events_sent = stats.events_sent;
  o.events_missed = stats.events_missed;
  o.faults = stats.faults;
  o.server_protocol_errors = stats.protocol_errors;
  o.script_done = stats.script_done;
  BOOST_TEST_MESSAGE("feed_client run: " << o.sequence << " in " << o.elapsed.count() << " ms, "
                                         << o.connections << " connections, " << o.events_sent << " events sent, "
                                         << o.events_missed << " missed");
  return o;
}

// What every run must show: it ended because the test's condition held (not the deadline),
// run_feed returned normally at the cancellation, the server stopped, no callback overlapped.
void expect_clean_stop(const outcome& o) {
  BOOST_TEST(!o.timed_out, "the deadline ended the run; calls: " << o.sequence);
  BOOST_TEST(o.client_returned, "run_feed did not return");
  BOOST_TEST(!o.client_failure, "run_feed threw: " << describe(o.client_failure));
  if (o.connections > 0 || o.server_returned) {
    BOOST_TEST(o.server_returned, "the fake server did not return");
    BOOST_TEST(!o.server_failure, "the fake server threw: " << describe(o.server_failure));
  }
  BOOST_TEST(!o.reentered, "a handler call came from inside another");
}

// The events received, compared with script[first..] one for one: names and payloads byte for byte.
void expect_events(const outcome& o, const std::vector<scripted_event>& script, std::size_t first = 0) {
  const auto events = o.of('E');
  BOOST_TEST_REQUIRE(events.size() == script.size() - first);
  for (std::size_t i = 0; i < events.size(); ++i) {
    BOOST_TEST(events[i].text == script[first + i].name, "event " << i);
    BOOST_TEST(events[i].payload == script[first + i].payload, "event " << i << " payload differs");
  }
}

// The delays run_feed must have announced: the backoff's sequence for the same settings (no
// connection counts as healthy in these runs, so uptimes do not matter).
std::vector<std::chrono::milliseconds> backoff_delays(const replayer::reconnect_backoff::settings& settings,
                                                      std::size_t n) {
  replayer::reconnect_backoff backoff(settings);
  std::vector<std::chrono::milliseconds> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(backoff.next_delay(0ms));
  return out;
}

void expect_backoff_delays(const outcome& o, const scenario& s) {
  const auto disconnects = o.of('D');
  const auto expected = backoff_delays(s.client.backoff, disconnects.size());
  for (std::size_t i = 0; i < disconnects.size(); ++i) {
    BOOST_TEST(disconnects[i].retry_in.count() == expected[i].count(), "disconnect " << i);
    BOOST_TEST(disconnects[i].retry_in <= s.client.backoff.max, "disconnect " << i);
  }
}

// `n` events of varied payloads: nesting, escapes, UTF-8, numbers as written (never re-serialised).
std::vector<scripted_event> numbered_events(std::size_t n) {
  std::vector<scripted_event> script;
  for (std::size_t i = 0; i < n; ++i) {
    script.push_back({"gameStateUpdate",
                      R"({"i":)" + std::to_string(i) + R"(, "price": 1.0615312473967960, "note": "tick \")" +
                          std::to_string(i) + R"(\" é ✓", "partialPrices": {"values": {"125": 1.27e0}}, "x": [null, true, {}]})",
                      std::chrono::microseconds(0)});
  }
  return script;
}

std::size_t connects(const recording_handler& h) { return h.count('C'); }
std::size_t events(const recording_handler& h) { return h.count('E'); }
std::size_t disconnects(const recording_handler& h) { return h.count('D'); }

// A short heartbeat: pings every 50 ms, 50 ms for the pong; the client's liveness bound is 100 ms.
void short_heartbeat(net::fake_server_options& o) {
  o.protocol.open.ping_interval = 50ms;
  o.protocol.open.ping_timeout = 50ms;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(feed_client)

BOOST_AUTO_TEST_CASE(handshake_then_every_event_in_order_byte_for_byte) {
  scenario s;
  s.server.speed = 0;
  s.script = numbered_events(5);
  // A large payload (the real server's frames reach ~400 KB), one without arguments, another name.
  std::string big = R"({"gameHistory":[)";
  for (int i = 0; i < 4000; ++i) big += (i ? "," : "") + std::string(R"({"id":"20250101-abcdef0123456789","peak":1.2345})");
  big += "]}";
  s.script.push_back({"gameStateUpdate", big, {}});
  s.script.push_back({"standard/newTrade", R"({"type":"buy","qty":"0.001"})", {}});
  s.script.push_back({"noArguments", "", {}});
  s.script.push_back({"gameStateUpdate", R"([1 , "two",{ "3" : [4]}])", {}});
  const std::size_t n = s.script.size();
  s.done = [n](const recording_handler& h, auto&) { return events(h) == n; };
  const auto o = run(s);
  expect_clean_stop(o);
  BOOST_TEST(o.sequence == "C" + std::string(n, 'E'));
  BOOST_TEST_REQUIRE(!o.calls.empty());
  BOOST_TEST(o.calls.front().text == "127.0.0.1:" + std::to_string(o.port));
  // Events come only after the open packet and our namespace connect (the server sends none before).
  expect_events(o, s.script);
  BOOST_TEST(o.of('E')[7].argument_count == 0u);
  BOOST_TEST(o.of('E')[0].argument_count == 1u);
  BOOST_TEST(o.connections == 1u);
  BOOST_TEST(o.events_sent == n);
  BOOST_TEST(o.events_missed == 0u);
  BOOST_TEST(o.server_protocol_errors == 0u);  // the client sent nothing a listening client may not
  BOOST_TEST(o.script_done);
}

BOOST_AUTO_TEST_CASE(the_urls_path_names_the_namespace) {
  scenario s;
  s.server.speed = 0;
  s.server.protocol.namespace_name = "/feed";
  s.path_and_query = "/feed?frontend-version=1.0";
  s.script = numbered_events(3);
  s.done = [](const recording_handler& h, auto&) { return events(h) == 3; };
  const auto o = run(s);
  expect_clean_stop(o);
  BOOST_TEST(o.sequence == "CEEE");
  expect_events(o, s.script);
  BOOST_TEST(o.server_protocol_errors == 0u);
}

BOOST_AUTO_TEST_CASE(a_refused_namespace_ends_each_attempt_and_the_client_tries_again) {
  scenario s;
  s.server.speed = 0;
  s.server.protocol.namespace_name = "/feed";  // the client asks for "/"
  s.script = numbered_events(3);
  s.done = [](const recording_handler& h, auto&) { return disconnects(h) == 3; };
  const auto o = run(s);
  expect_clean_stop(o);
  // Each attempt: the upgrade, CONNECT_ERROR (refused, reported), the link ended, no event.
  BOOST_TEST(o.sequence == "CPDCPDCPD");
  for (const auto& p : o.of('P')) BOOST_TEST(p.payload == "connect_refused");
  for (const auto& d : o.of('D'))
    BOOST_TEST(d.text == "the server ended the session (the server refused the namespace)");
  BOOST_TEST(o.events_sent == 0u);
  BOOST_TEST(o.connections >= 3u);
  expect_backoff_delays(o, s);
}

BOOST_AUTO_TEST_CASE(ping_pong_keeps_the_link_up_across_many_ping_intervals) {
  // Events 120 ms apart, more than the client's liveness bound (pingInterval + pingTimeout =
  // 100 ms): only the server's pings (every 50 ms) keep the client's deadline from passing, and
  // only the client's pongs (due within 50 ms) keep the server from closing. 8 events: ~840 ms,
  // about 16 ping intervals on one link.
  scenario s;
  s.server.speed = 1;
  short_heartbeat(s.server);
  for (int i = 0; i < 8; ++i) {
    s.script.push_back({"gameStateUpdate", R"({"tick":)" + std::to_string(i) + "}", std::chrono::milliseconds(120 * i)});
  }
  // The run waits for the last event: the fake server skips the script's first one at speed > 0
  // (see speed_one_sends_the_first_event), so the events are the script from where it started.
  const std::string last = s.script.back().payload;
  s.done = [last](const recording_handler& h, auto&) { return !h.calls.empty() && h.calls.back().payload == last; };
  const auto o = run(s);
  expect_clean_stop(o);
  BOOST_TEST(o.sequence == "C" + std::string(8 - o.events_missed, 'E'));
  BOOST_TEST_REQUIRE(o.events_missed <= 1u);
  expect_events(o, s.script, o.events_missed);
  BOOST_TEST(o.connections == 1u);
  BOOST_TEST(o.server_protocol_errors == 0u);  // every pong answered a ping
  BOOST_TEST(o.elapsed >= 840ms);              // the script's own length: the link lived that long
}

BOOST_AUTO_TEST_CASE(speed_one_sends_the_first_event) {
  // A regression test: at speed > 0 the first event is due at the script's start exactly; the
  // catch-up of what fell due while no client was connected must not count it as missed.
  scenario s;
  s.server.speed = 1;
  s.script = numbered_events(3);
  for (std::size_t i = 0; i < s.script.size(); ++i) s.script[i].at = std::chrono::milliseconds(10 * i);
  const std::string last = s.script.back().payload;
  s.done = [last](const recording_handler& h, auto&) { return !h.calls.empty() && h.calls.back().payload == last; };
  const auto o = run(s);
  expect_clean_stop(o);
  BOOST_TEST(o.sequence == "CEEE");
  BOOST_TEST(o.events_missed == 0u);
  const auto got = o.of('E');
  BOOST_TEST((!got.empty() && got.front().payload == s.script.front().payload));
}

BOOST_AUTO_TEST_CASE(a_session_closed_by_the_server_reconnects_and_the_script_goes_on) {
  scenario s;
  s.server.speed = 0;
  s.server.restart_every = 3;
  s.script = numbered_events(10);
  s.done = [](const recording_handler& h, auto&) { return events(h) == 10; };
  const auto o = run(s);
  expect_clean_stop(o);
  // 3 events a session, the Engine.IO close after each third: 4 sessions, nothing lost or repeated.
  BOOST_TEST(o.sequence == "CEEEDCEEEDCEEEDCE");
  expect_events(o, s.script);
  for (const auto& d : o.of('D'))
    BOOST_TEST(d.text == "the server ended the session (the server closed the engine.io session)");
  for (const auto& c : o.of('C')) BOOST_TEST(c.text == "127.0.0.1:" + std::to_string(o.port));
  // Every connection did its own handshake and namespace connect (the server sends events only
  // after one), with a client machine of its own (a closed one refuses everything).
  BOOST_TEST(o.connections == 4u);
  BOOST_TEST(o.server_protocol_errors == 0u);
  BOOST_TEST(o.faults == 3u);
  expect_backoff_delays(o, s);
}

BOOST_AUTO_TEST_CASE(an_abrupt_tcp_close_reconnects_and_the_script_goes_on) {
  scenario s;
  s.server.speed = 0;
  s.server.drop_every = 4;
  s.script = numbered_events(10);
  s.done = [](const recording_handler& h, auto&) { return events(h) == 10; };
  const auto o = run(s);
  expect_clean_stop(o);
  BOOST_TEST(o.sequence == "CEEEEDCEEEEDCEE");
  expect_events(o, s.script);
  for (const auto& d : o.of('D')) {
    BOOST_TEST(d.text.starts_with("reading: "), d.text);
    BOOST_TEST_MESSAGE("drop: " << d.text);
  }
  BOOST_TEST(o.connections == 3u);
  BOOST_TEST(o.server_protocol_errors == 0u);
  expect_backoff_delays(o, s);
}

BOOST_AUTO_TEST_CASE(a_garbage_frame_is_reported_and_the_link_stays_up) {
  scenario s;
  s.server.speed = 0;
  s.server.garbage_every = 2;
  s.script = numbered_events(6);
  s.done = [](const recording_handler& h, auto&) { return h.count('P') == 3; };
  const auto o = run(s);
  expect_clean_stop(o);
  BOOST_TEST(o.sequence == "CEEPEEPEEP");
  expect_events(o, s.script);
  for (const auto& p : o.of('P')) {
    BOOST_TEST(p.payload == "malformed_frame");
    BOOST_TEST(p.text == "engine.io frame: packet type 'g' at byte 0 is not a digit");
  }
  BOOST_TEST(o.connections == 1u);
  BOOST_TEST(o.faults == 3u);
}

BOOST_AUTO_TEST_CASE(a_frame_over_max_frame_bytes_ends_the_link_and_the_client_reconnects) {
  // The client's limit is enforced by the WebSocket layer (read_message_max = max_frame_bytes):
  // the frame is never read into memory, Beast fails the connection (close code 1009), and
  // run_feed reconnects; it is a disconnect, not on_protocol_error. The server's stall after
  // each fault holds back its next event until it has seen the client go, so none is lost.
  scenario s;
  s.server.speed = 0;
  s.server.oversized_every = 3;
  s.server.oversized_bytes = 4096;
  s.server.stall_every = 3;
  s.server.stall_for = 3s;  // cut short when the client goes
  s.client.protocol.max_frame_bytes = 1024;
  s.script = numbered_events(9);
  s.done = [](const recording_handler& h, auto&) { return disconnects(h) == 3 && connects(h) == 4; };
  const auto o = run(s);
  expect_clean_stop(o);
  BOOST_TEST(o.sequence == "CEEEDCEEEDCEEEDC");
  expect_events(o, s.script);
  BOOST_TEST(o.of('P').empty());
  for (const auto& d : o.of('D')) {
    BOOST_TEST(d.text.starts_with("reading: "), d.text);
    BOOST_TEST_MESSAGE("oversized: " << d.text);
  }
  BOOST_TEST(o.connections == 4u);
  BOOST_TEST(o.elapsed < 3s);  // no stall ran its course: every link ended at the oversized frame
  expect_backoff_delays(o, s);
}

BOOST_AUTO_TEST_CASE(a_frame_under_max_frame_bytes_is_delivered) {
  // The bound is inclusive of the frame `42["gameStateUpdate",...]`: a 1024-byte frame passes.
  scenario s;
  s.server.speed = 0;
  s.client.protocol.max_frame_bytes = 1024;
  const std::string prefix = R"(42["gameStateUpdate",)";
  std::string payload = "\"" + std::string(1024 - prefix.size() - 3, 'p') + "\"";
  s.script.push_back({"gameStateUpdate", payload, {}});
  s.script.push_back({"gameStateUpdate", "1", {}});
  s.done = [](const recording_handler& h, auto&) { return events(h) == 2; };
  const auto o = run(s);
  expect_clean_stop(o);
  BOOST_TEST(o.sequence == "CEE");
  expect_events(o, s.script);
}

BOOST_AUTO_TEST_CASE(a_stall_shorter_than_the_liveness_bound_keeps_the_link_and_events_resume) {
  scenario s;
  s.server.speed = 0;
  s.server.stall_every = 2;
  s.server.stall_for = 60ms;  // the default heartbeat: the client's bound is 45 s
  s.script = numbered_events(6);
  s.done = [](const recording_handler& h, auto&) { return events(h) == 6; };
  const auto o = run(s);
  expect_clean_stop(o);
  BOOST_TEST(o.sequence == "CEEEEEE");
  expect_events(o, s.script);
  BOOST_TEST(o.connections == 1u);
  BOOST_TEST(o.faults >= 2u);  // the stalls after events 2 and 4 ran (the one after 6 may not have)
  BOOST_TEST(o.elapsed >= 120ms);
}

BOOST_AUTO_TEST_CASE(a_stall_longer_than_the_liveness_bound_ends_the_link_and_events_resume) {
  // The server stalls without pinging; the client's bound (50 + 50 ms) passes first.
  scenario s;
  s.server.speed = 0;
  short_heartbeat(s.server);
  s.server.stall_every = 2;
  s.server.stall_for = 3s;  // cut short when the client goes
  s.script = numbered_events(5);
  s.done = [](const recording_handler& h, auto&) { return events(h) == 5; };
  const auto o = run(s);
  expect_clean_stop(o);
  BOOST_TEST(o.sequence == "CEEDCEEDCE");
  expect_events(o, s.script);
  for (const auto& d : o.of('D')) BOOST_TEST(d.text == "no frame within pingInterval + pingTimeout");
  BOOST_TEST(o.connections == 3u);
  BOOST_TEST(o.elapsed < 3s);
  expect_backoff_delays(o, s);
}

BOOST_AUTO_TEST_CASE(a_silent_server_is_left_at_the_liveness_deadline_and_reconnected) {
  // After 3 events the server sends nothing at all (no events, no pings) with TCP open.
  scenario s;
  s.server.speed = 0;
  short_heartbeat(s.server);
  s.server.silent_after = 3;
  s.script = numbered_events(6);
  s.done = [](const recording_handler& h, auto&) { return disconnects(h) == 3; };
  const auto o = run(s);
  expect_clean_stop(o);
  // The later sessions open (handshake, namespace connect) and go silent at once.
  BOOST_TEST(o.sequence == "CEEEDCDCD");
  const std::vector<scripted_event> first3(s.script.begin(), s.script.begin() + 3);
  expect_events(o, first3);
  for (const auto& d : o.of('D')) BOOST_TEST(d.text == "no frame within pingInterval + pingTimeout");
  BOOST_TEST(o.connections == 3u);
  BOOST_TEST(o.events_sent == 3u);
  expect_backoff_delays(o, s);
}

BOOST_AUTO_TEST_CASE(nothing_listening_retries_with_the_backoffs_delays) {
  // A port just freed: every attempt is refused at connect, none opens, the delays grow to the cap.
  std::uint16_t port = 0;
  {
    asio::io_context probe;
    asio::ip::tcp::acceptor a(probe, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    port = a.local_endpoint().port();
  }
  scenario s;
  s.done = [](const recording_handler& h, auto&) { return disconnects(h) == 5; };
  const auto o = run(s, port);
  expect_clean_stop(o);
  BOOST_TEST(o.sequence == "DDDDD");
  for (const auto& d : o.of('D'))
    BOOST_TEST(d.text == "connecting to 127.0.0.1:" + std::to_string(port) + ": Connection refused");
  expect_backoff_delays(o, s);
}

BOOST_AUTO_TEST_CASE(faults_combined_over_a_long_script_lose_nothing) {
  // Restarts, drops and garbage at once over 58 events: every event exactly once, in order.
  scenario s;
  s.server.speed = 0;
  s.server.restart_every = 7;
  s.server.drop_every = 5;
  s.server.garbage_every = 3;
  s.script = numbered_events(58);
  s.done = [](const recording_handler& h, auto&) { return events(h) == 58 && h.count('P') == 12; };
  const auto o = run(s);
  expect_clean_stop(o);
  expect_events(o, s.script);
  // Each connection ends at its fifth event (the drop comes before a seventh): 12 connections,
  // the last with 3 events.
  BOOST_TEST(o.connections == 12u);
  BOOST_TEST(o.of('C').size() == 12u);
  BOOST_TEST(o.of('D').size() == 11u);
  BOOST_TEST(o.of('P').size() == 12u);  // one garbage frame after the third event of each
  expect_backoff_delays(o, s);
}

BOOST_AUTO_TEST_CASE(a_stop_during_a_flood_of_frames_returns_without_reporting_a_disconnect) {
  // The server writes as fast as the client reads, forever (loop): every read completes at once
  // from buffered data, so a stop never finds a socket read pending; run_feed must still see it
  // (it checks after every frame) and return.
  scenario s;
  s.deadline = 2s;
  s.server.speed = 0;
  s.server.loop = true;
  s.script = numbered_events(4);
  s.done = [](const recording_handler& h, auto&) { return events(h) >= 20; };
  const auto o = run(s);
  expect_clean_stop(o);
  BOOST_TEST(o.of('D').empty());
  BOOST_TEST(o.of('C').size() == 1u);
  const auto got = o.of('E');
  for (std::size_t i = 0; i < got.size(); ++i) BOOST_TEST(got[i].payload == s.script[i % 4].payload, "event " << i);
}

// A regression test: the read loop once looked at the cancellation state only after a read
// *failed*, so a total cancellation emitted while run_feed was not waiting on a socket
// operation (inside a handler call, or while Beast had the next frame buffered) was recorded
// and then ignored. The test stops once, from inside on_event: no event may come after it.
BOOST_AUTO_TEST_CASE(a_stop_emitted_inside_a_handler_call_ends_the_feed) {
  scenario s;
  s.server.speed = 0;
  s.script = numbered_events(5);
  s.stop = scenario::stop_style::emitted_in_the_call;
  s.deadline = 2s;
  s.done = [](const recording_handler& h, auto&) { return events(h) == 2; };
  const auto o = run(s);
  BOOST_TEST(!o.timed_out, "run_feed ignored the stop; calls: " << o.sequence);
  // The server may have written more into the socket already; none of it reaches the handler.
  BOOST_TEST(o.of('E').size() == 2u, "events delivered after the stop: " << o.sequence);
  BOOST_TEST(o.client_returned);
  BOOST_TEST(!o.client_failure, describe(o.client_failure));
}

BOOST_AUTO_TEST_CASE(cancelled_under_asios_default_throw_if_cancelled) {
  // run_feed called from a coroutine that keeps Asio's default (throw_if_cancelled true;
  // app/root.cpp sets it false) must still close the WebSocket and return, as
  // feed_client.hpp says, instead of throwing operation_aborted.
  scenario s;
  s.server.speed = 0;
  s.script = numbered_events(3);
  s.client_throws_if_cancelled = true;
  s.done = [](const recording_handler& h, auto&) { return events(h) == 3; };
  const auto o = run(s);
  expect_clean_stop(o);
}

BOOST_AUTO_TEST_SUITE_END()

