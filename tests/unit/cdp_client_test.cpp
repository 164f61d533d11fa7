// The CDP client (browser/cdp_client.hpp) against the scripted fake endpoint
// (browser/fake_cdp_endpoint.hpp) on 127.0.0.1, one io_context: replies out of order, Chrome's
// errors, events between replies, deadlines (and the late reply dropped), cancellation, many
// concurrent calls, the bounds, a peer that dies mid-call, connecting to nothing or to what is
// not a WebSocket, and the page session (the game's page, never the decoy; detach, never close).
// Every run is bounded: a test that does not finish within its limit fails instead of hanging.
// Arguments bound to const references are named variables, never braced temporaries inside a
// co_await expression: GCC 12 destroys such temporaries wrongly (a double free).
#include "browser/cdp_client.hpp"
#include "browser/fake_cdp_endpoint.hpp"

// GCC 12 sees Asio's aligned_delete inlined into coroutine frames and reports the free() of
// memory it believes came from operator new (a false positive on coroutine frames).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include "with_fake_cdp.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace asio = boost::asio;
namespace cdp = replayer::cdp;
using namespace replayer::browser;
using namespace asio::experimental::awaitable_operators;
using namespace std::chrono_literals;
using steady = std::chrono::steady_clock;

namespace {

using test_support::with_fake_cdp;

constexpr auto as_result = asio::as_tuple(asio::use_awaitable);

bool has(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

std::chrono::milliseconds since(steady::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(steady::now() - t);
}

asio::awaitable<std::unique_ptr<replayer::browser::cdp_client>> connected(fake_cdp_endpoint& fake, cdp_client_options options = {}) {
  auto client = co_await replayer::browser::cdp_client::connect(fake.browser_ws_url(), 2s, options);
  BOOST_TEST_REQUIRE(client.has_value(), (client ? std::string() : client.error().what));
  co_return std::move(*client);
}

// The client's reader alongside `scenario`; the scenario ends by closing the client, or the
// peer goes away. Both must return.
asio::awaitable<void> alongside(cdp_client& client, asio::awaitable<void> scenario) {
  co_await (client.run() && std::move(scenario));
}

fake_cdp_script replying(boost::json::value result, std::chrono::milliseconds delay = 0ms) {
  fake_cdp_script s;
  s.result = std::move(result);
  s.delay = delay;
  return s;
}

fake_cdp_script hanging() {
  fake_cdp_script s;
  s.never_reply = true;
  return s;
}

struct finished {
  cdp_result result;
  int order = 0;  // the order in which the calls of one test completed
};

asio::awaitable<finished> ordered_call(cdp_client& client, std::string_view method, int& completed,
                                       std::chrono::milliseconds timeout = default_call_timeout) {
  auto r = co_await client.call(method, {}, {}, timeout);
  co_return finished{std::move(r), ++completed};
}

std::int64_t field(const cdp_result& r, std::string_view name) {
  BOOST_TEST_REQUIRE(r.has_value(), (r ? std::string() : r.error().what));
  return r->as_object().at(name).as_int64();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cdp_client)

BOOST_AUTO_TEST_CASE(replies_out_of_order_reach_their_own_calls) {
  fake_cdp_options o;
  o.methods.emplace("Slow.call", replying(boost::json::object{{"n", 1}}, 150ms));
  o.methods.emplace("Fast.call", replying(boost::json::object{{"n", 2}}));
  with_fake_cdp(o, [](fake_cdp_endpoint& fake) -> asio::awaitable<void> {
    auto client = co_await connected(fake);
    co_await alongside(*client, [&]() -> asio::awaitable<void> {
      int completed = 0;
      auto [slow, fast] = co_await (ordered_call(*client, "Slow.call", completed) &&
                                    ordered_call(*client, "Fast.call", completed));
      BOOST_TEST(field(slow.result, "n") == 1);
      BOOST_TEST(field(fast.result, "n") == 2);
      BOOST_TEST(fast.order == 1);  // answered first although asked second
      BOOST_TEST(slow.order == 2);
      co_await client->close();
    }());
    BOOST_TEST_REQUIRE(fake.calls().size() == 2u);
    BOOST_TEST(fake.calls()[0].method == "Slow.call");
    BOOST_TEST(fake.calls()[0].id == 1u);
    BOOST_TEST(fake.calls()[1].id == 2u);
    BOOST_TEST(client->counters().replies == 2u);
    BOOST_TEST(!client->open());
    BOOST_TEST(client->end_cause() == "closed by replayer");
  });
}

BOOST_AUTO_TEST_CASE(chromes_errors_are_failures_that_say_what_chrome_said) {
  fake_cdp_options o;
  fake_cdp_script refused;
  refused.error = cdp::remote_error{-32000, "Cannot find context with specified id", "contextId 7"};
  o.methods.emplace("Runtime.evaluate", refused);
  with_fake_cdp(o, [](fake_cdp_endpoint& fake) -> asio::awaitable<void> {
    auto client = co_await connected(fake);
    co_await alongside(*client, [&]() -> asio::awaitable<void> {
      auto unknown = co_await client->call("Nope.nope");
      BOOST_TEST_REQUIRE(!unknown.has_value());
      BOOST_TEST_REQUIRE(unknown.error().remote.has_value());
      BOOST_TEST(unknown.error().remote->code == -32601);
      BOOST_TEST(unknown.error().what == "Nope.nope: Chrome answered error -32601 ('Nope.nope' wasn't found)");
      BOOST_TEST(!unknown.error().timed_out);
      BOOST_TEST(!unknown.error().peer_gone);

      boost::json::object params{{"expression", "1+1"}, {"contextId", 7}};
      auto evaluated = co_await client->call("Runtime.evaluate", std::move(params), "SESSION-A");
      BOOST_TEST_REQUIRE(!evaluated.has_value());
      BOOST_TEST(evaluated.error().what ==
                 "Runtime.evaluate: Chrome answered error -32000 (Cannot find context with specified id: contextId 7)");
      BOOST_TEST(evaluated.error().remote->data == "contextId 7");
      BOOST_CHECK_THROW(evaluated.value(), std::runtime_error);
      co_await client->close();
    }());
    BOOST_TEST_REQUIRE(fake.calls().size() == 2u);
    BOOST_TEST(fake.calls()[1].session_id == "SESSION-A");
    BOOST_TEST(fake.calls()[1].params.at("contextId").as_int64() == 7);
    BOOST_TEST(client->counters().error_replies == 2u);
  });
}

BOOST_AUTO_TEST_CASE(events_between_replies_arrive_in_order_with_their_session) {
  fake_cdp_options o;
  fake_cdp_script navigate = replying(boost::json::object{{"frameId", "F1"}}, 20ms);
  navigate.events_before = {{"Page.frameStartedLoading", {{"frameId", "F1"}}, "S1"}};
  navigate.events_after = {{"Page.loadEventFired", {{"timestamp", 12.5}}, "S1"},
                           {"Page.frameStoppedLoading", {{"frameId", "F1"}}, "S1"}};
  o.methods.emplace("Page.navigate", navigate);
  fake_cdp_script ping = replying(boost::json::object{});
  ping.events_before = {{"Target.targetInfoChanged", {}, ""}};
  o.methods.emplace("Ping.ping", ping);
  with_fake_cdp(o, [](fake_cdp_endpoint& fake) -> asio::awaitable<void> {
    auto client = co_await connected(fake);
    std::vector<std::string> seen, seen_after_swap;
    std::size_t seen_when_replied = 0;
    client->on_event([&](const cdp::event& e) {
      seen.push_back(e.method + "@" + e.session_id);
      if (e.method == "Page.frameStoppedLoading") {
        // Replacing the handler from inside it: the new one takes the next event.
        client->on_event([&](const cdp::event& later) { seen_after_swap.push_back(later.method); });
      }
    });
    co_await alongside(*client, [&]() -> asio::awaitable<void> {
      auto navigated = co_await client->call("Page.navigate", {}, "S1");
      BOOST_TEST_REQUIRE(navigated.has_value());
      seen_when_replied = seen.size();
      auto pinged = co_await client->call("Ping.ping");  // after the events of the navigation
      BOOST_TEST(pinged.has_value());
      co_await client->close();
    }());
    const std::vector<std::string> expected{"Page.frameStartedLoading@S1", "Page.loadEventFired@S1",
                                            "Page.frameStoppedLoading@S1"};
    BOOST_TEST(seen == expected, boost::test_tools::per_element());
    BOOST_TEST(seen_when_replied >= 1u);  // the event sent before the reply came before it
    BOOST_TEST(seen_after_swap == std::vector<std::string>{"Target.targetInfoChanged"}, boost::test_tools::per_element());
    BOOST_TEST(client->counters().events == 4u);
  });
}

BOOST_AUTO_TEST_CASE(a_deadline_fails_the_call_and_its_late_reply_is_dropped) {
  fake_cdp_options o;
  o.methods.emplace("Slow.call", replying(boost::json::object{{"n", 1}}, 300ms));
  o.methods.emplace("Hang.call", hanging());
  o.methods.emplace("Wait.call", replying(boost::json::object{{"n", 3}}, 400ms));
  with_fake_cdp(o, [](fake_cdp_endpoint& fake) -> asio::awaitable<void> {
    auto client = co_await connected(fake);
    co_await alongside(*client, [&]() -> asio::awaitable<void> {
      const auto started = steady::now();
      auto slow = co_await client->call("Slow.call", {}, {}, 100ms);
      const auto waited = since(started);
      BOOST_TEST_REQUIRE(!slow.has_value());
      BOOST_TEST(slow.error().timed_out);
      BOOST_TEST(!slow.error().peer_gone);
      BOOST_TEST(slow.error().what == "Slow.call: no reply from Chrome within 100 ms");
      BOOST_TEST(waited >= 100ms);
      BOOST_TEST(waited < 290ms);
      auto hang = co_await client->call("Hang.call", {}, {}, 50ms);
      BOOST_TEST(hang.error().timed_out);
      // Slow.call's reply comes while this one waits: counted late, not taken for this one.
      auto wait = co_await client->call("Wait.call");
      BOOST_TEST(field(wait, "n") == 3);
      co_await client->close();
    }());
    const auto& c = client->counters();
    BOOST_TEST(c.timeouts == 2u);
    BOOST_TEST(c.late_replies == 1u);
    BOOST_TEST(c.replies == 1u);
    BOOST_TEST(c.unknown_replies == 0u);
    BOOST_TEST(c.duplicate_replies == 0u);
  });
}

BOOST_AUTO_TEST_CASE(a_call_cancelled_by_its_caller_gives_up_cleanly) {
  fake_cdp_options o;
  o.methods.emplace("Hang.call", hanging());
  o.methods.emplace("Ping.ping", replying(boost::json::object{{"n", 9}}));
  with_fake_cdp(o, [](fake_cdp_endpoint& fake) -> asio::awaitable<void> {
    auto client = co_await connected(fake);
    co_await alongside(*client, [&]() -> asio::awaitable<void> {
      asio::steady_timer soon(co_await asio::this_coro::executor, 50ms);
      const auto started = steady::now();
      // The timer wins: the call is cancelled (terminal, from the || operator) long before its 5 s.
      auto first = co_await (client->call("Hang.call") || soon.async_wait(asio::use_awaitable));
      BOOST_TEST(first.index() == 1u);
      BOOST_TEST(since(started) < 1s);
      // An explicit cancellation slot, total cancellation let through by the caller.
      asio::cancellation_signal cancel;
      bool done = false;
      cdp_result cancelled;
      auto ex = co_await asio::this_coro::executor;
      asio::co_spawn(ex,
                     [&]() -> asio::awaitable<cdp_result> {
                       co_await asio::this_coro::reset_cancellation_state(asio::enable_total_cancellation());
                       co_return co_await client->call("Hang.call");
                     },
                     asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr, cdp_result r) {
                       cancelled = std::move(r);
                       done = true;
                     }));
      soon.expires_after(20ms);
      co_await soon.async_wait(as_result);
      cancel.emit(asio::cancellation_type::total);
      soon.expires_after(20ms);
      co_await soon.async_wait(as_result);
      BOOST_TEST_REQUIRE(done);
      BOOST_TEST_REQUIRE(!cancelled.has_value());
      BOOST_TEST(cancelled.error().what == "Hang.call: cancelled while waiting for Chrome's reply");
      BOOST_TEST(field(co_await client->call("Ping.ping"), "n") == 9);  // the client goes on
      co_await client->close();
    }());
    BOOST_TEST(client->counters().cancelled == 2u);
    BOOST_TEST(client->counters().timeouts == 0u);
  });
}

constexpr int methods = 10, calls = 300;  // many_concurrent_calls_each_get_their_own_reply

BOOST_AUTO_TEST_CASE(many_concurrent_calls_each_get_their_own_reply) {
  fake_cdp_options o;
  for (int m = 0; m < methods; ++m)
    o.methods.emplace("M.m" + std::to_string(m),
                      replying(boost::json::object{{"m", m}}, std::chrono::milliseconds((m * 7) % 20)));
  with_fake_cdp(o, [](fake_cdp_endpoint& fake) -> asio::awaitable<void> {
    auto client = co_await connected(fake);
    std::vector<std::string> names;
    for (int i = 0; i < calls; ++i) names.push_back("M.m" + std::to_string(i % methods));
    co_await alongside(*client, [&]() -> asio::awaitable<void> {
      auto ex = co_await asio::this_coro::executor;
      using op = decltype(asio::co_spawn(ex, client->call(names[0]), asio::deferred));
      std::vector<op> ops;
      for (const auto& name : names) ops.push_back(asio::co_spawn(ex, client->call(name), asio::deferred));
      const auto started = steady::now();
      auto [order, failures, results] = co_await asio::experimental::make_parallel_group(std::move(ops))
                                            .async_wait(asio::experimental::wait_for_all(), asio::use_awaitable);
      BOOST_TEST_MESSAGE("cdp_client: " << calls << " concurrent calls answered in " << since(started).count() << " ms");
      BOOST_TEST_REQUIRE(results.size() == std::size_t{calls});
      for (int i = 0; i < calls; ++i) {
        BOOST_TEST(!failures[i]);
        BOOST_TEST(field(results[i], "m") == i % methods, "call " << i);
      }
      // One at a time, for the round trip's figure (loopback, the fake answering at once).
      std::vector<std::chrono::microseconds> trips;
      for (int i = 0; i < 200; ++i) {
        const auto sent = steady::now();
        auto r = co_await client->call(names[0]);
        trips.push_back(std::chrono::duration_cast<std::chrono::microseconds>(steady::now() - sent));
        BOOST_TEST(r.has_value());
      }
      std::sort(trips.begin(), trips.end());
      BOOST_TEST_MESSAGE("cdp_client: sequential round trip p50 " << trips[100].count() << " us, p99 "
                                                                  << trips[198].count() << " us");
      co_await client->close();
    }());
    BOOST_TEST(fake.calls().size() == std::size_t{calls} + 200);
    BOOST_TEST(client->counters().replies == std::uint64_t{calls} + 200);
    BOOST_TEST(client->counters().late_replies + client->counters().unknown_replies == 0u);
  });
}

BOOST_AUTO_TEST_CASE(the_peer_dying_mid_call_fails_every_pending_call_at_once) {
  fake_cdp_options o;
  o.methods.emplace("Hang.call", hanging());
  o.die_at_call = 3;
  with_fake_cdp(o, [](fake_cdp_endpoint& fake) -> asio::awaitable<void> {
    auto client = co_await connected(fake);
    steady::duration slowest{};
    co_await alongside(*client, [&]() -> asio::awaitable<void> {
      const auto started = steady::now();
      int completed = 0;
      auto [a, b, c] = co_await (ordered_call(*client, "Hang.call", completed) &&
                                 ordered_call(*client, "Hang.call", completed) &&
                                 ordered_call(*client, "Runtime.evaluate", completed));
      slowest = steady::now() - started;
      for (const auto* f : {&a, &b, &c}) {
        BOOST_TEST_REQUIRE(!f->result.has_value());
        BOOST_TEST(f->result.error().peer_gone);
        BOOST_TEST(!f->result.error().timed_out);
      }
      BOOST_TEST(a.result.error().what.starts_with("Chrome went away during Hang.call: "), a.result.error().what);
      BOOST_TEST(c.result.error().what.starts_with("Chrome went away during Runtime.evaluate: "), c.result.error().what);
      // After the end, a call fails at once and says why.
      auto later = co_await client->call("Page.enable");
      BOOST_TEST_REQUIRE(!later.has_value());
      BOOST_TEST(later.error().peer_gone);
      BOOST_TEST(later.error().what.starts_with("Page.enable: no connection to Chrome ("), later.error().what);
    }());
    BOOST_TEST(slowest < 1s);  // not the 5 s deadlines
    BOOST_TEST(!client->open());
    BOOST_TEST(!client->end_cause().empty());
    BOOST_TEST(client->counters().peer_gone == 4u);
    BOOST_TEST(fake.calls().size() == 3u);
  });
}

BOOST_AUTO_TEST_CASE(garbage_and_stray_replies_are_counted_and_the_link_goes_on) {
  fake_cdp_options o;
  fake_cdp_script noisy = replying(boost::json::object{{"n", 1}});
  noisy.raw_after = {"not json", "[1]", R"({"id":999,"result":{}})", R"({"id":1,"result":{"n":"again"}})",
                     R"({"id":-1,"result":{}})", R"({"id":2})"};
  o.methods.emplace("Noisy.call", noisy);
  o.methods.emplace("Ping.ping", replying(boost::json::object{{"n", 2}}, 30ms));
  with_fake_cdp(o, [](fake_cdp_endpoint& fake) -> asio::awaitable<void> {
    auto client = co_await connected(fake);
    co_await alongside(*client, [&]() -> asio::awaitable<void> {
      BOOST_TEST(field(co_await client->call("Noisy.call"), "n") == 1);
      // Call 2's id is also in the stray {"id":2} without a result: refused, not taken as its reply.
      BOOST_TEST(field(co_await client->call("Ping.ping"), "n") == 2);
      co_await client->close();
    }());
    const auto& c = client->counters();
    BOOST_TEST(c.protocol_errors == 4u);
    BOOST_TEST(c.errors_of(cdp::error_kind::not_json) == 1u);
    BOOST_TEST(c.errors_of(cdp::error_kind::not_an_object) == 1u);
    BOOST_TEST(c.errors_of(cdp::error_kind::bad_id) == 1u);
    BOOST_TEST(c.errors_of(cdp::error_kind::bad_member) == 1u);
    BOOST_TEST(c.unknown_replies == 1u);
    BOOST_TEST(c.duplicate_replies == 1u);
    BOOST_TEST(c.replies == 2u);
  });
}

BOOST_AUTO_TEST_CASE(the_pending_table_and_the_queue_are_bounded) {
  with_fake_cdp({}, [](fake_cdp_endpoint& fake) -> asio::awaitable<void> {
    cdp_client_options options;
    options.max_pending = 2;
    options.max_queued_bytes = 200;
    auto client = co_await connected(fake, options);
    // No run(): nothing is written, so the calls stay pending until their deadlines.
    int completed = 0;
    const auto started = steady::now();
    auto [a, b, c] = co_await (ordered_call(*client, "A.a", completed, 100ms) &&
                               ordered_call(*client, "B.b", completed, 100ms) &&
                               ordered_call(*client, "C.c", completed, 100ms));
    BOOST_TEST(c.order == 1);  // refused at once
    BOOST_TEST(has(c.result.error().what, "C.c: 2 calls are waiting for Chrome's replies already (the bound)"),
               c.result.error().what);
    BOOST_TEST(!c.result.error().timed_out);
    BOOST_TEST(a.result.error().timed_out);
    BOOST_TEST(b.result.error().timed_out);
    BOOST_TEST(since(started) < 1s);

    boost::json::object big{{"expression", std::string(300, 'x')}};
    auto too_big = co_await client->call("Runtime.evaluate", std::move(big));
    BOOST_TEST_REQUIRE(!too_big.has_value());
    BOOST_TEST(has(too_big.error().what, "Runtime.evaluate: the outgoing queue is full (0 of 200 bytes"),
               too_big.error().what);
    const auto& counts = client->counters();
    BOOST_TEST(counts.pending_full == 1u);
    BOOST_TEST(counts.queue_full == 1u);
    BOOST_TEST(counts.timeouts == 2u);
    co_await client->close();
    BOOST_TEST(!client->open());
  });
}

BOOST_AUTO_TEST_CASE(an_event_handler_that_throws_ends_run_after_failing_the_calls) {
  fake_cdp_options o;
  fake_cdp_script trigger = hanging();
  trigger.events_before = {{"Boom.boom", {}, ""}};
  o.methods.emplace("Trigger.call", trigger);
  with_fake_cdp(o, [](fake_cdp_endpoint& fake) -> asio::awaitable<void> {
    auto client = co_await connected(fake);
    client->on_event([](const cdp::event&) { throw std::runtime_error("handler bug"); });
    cdp_result outcome;
    std::string thrown;
    try {
      co_await (client->run() && [&]() -> asio::awaitable<void> { outcome = co_await client->call("Trigger.call"); }());
    } catch (const std::exception& e) {
      thrown = e.what();
    }
    BOOST_TEST(thrown == "handler bug");
    BOOST_TEST_REQUIRE(!outcome.has_value());
    BOOST_TEST(outcome.error().what == "Chrome went away during Trigger.call: the event handler threw");
    BOOST_TEST(!client->open());
  });
}

BOOST_AUTO_TEST_CASE(connecting_to_nothing_fails_fast_with_a_reason) {
  asio::io_context ioc(1);
  // A port that was free a moment ago: nothing listens there.
  asio::ip::tcp::acceptor probe(ioc, {asio::ip::make_address("127.0.0.1"), 0});
  const auto port = probe.local_endpoint().port();
  probe.close();
  bool done = false;
  asio::co_spawn(ioc, [&]() -> asio::awaitable<void> {
    const std::string ws = "ws://127.0.0.1:" + std::to_string(port) + "/devtools/browser/x";
    auto client = co_await replayer::browser::cdp_client::connect(ws, 2s);
    BOOST_TEST_REQUIRE(!client.has_value());
    BOOST_TEST(client.error().peer_gone);
    BOOST_TEST(has(client.error().what, "connecting to " + ws + ": Connection refused"), client.error().what);
    BOOST_TEST(has(client.error().what, "--remote-debugging-port=" + std::to_string(port)), client.error().what);

    const cdp::endpoint http{"127.0.0.1", port, {}};
    auto version = co_await http_get_json(http, "/json/version", 2s);
    BOOST_TEST_REQUIRE(!version.has_value());
    BOOST_TEST(has(version.error().what, "GET http://127.0.0.1:" + std::to_string(port) + "/json/version: "),
               version.error().what);
    auto discovered = co_await discover_browser(http, false, 2s);
    BOOST_TEST(!discovered.has_value());
    auto not_ws = co_await replayer::browser::cdp_client::connect("http://127.0.0.1:9222", 2s);
    BOOST_TEST(has(not_ws.error().what, "is not a ws:// URL"), not_ws.error().what);
    done = true;
  }, [](std::exception_ptr e) { if (e) std::rethrow_exception(e); });
  ioc.run_for(5s);
  BOOST_TEST(done);
}

BOOST_AUTO_TEST_CASE(a_port_that_never_answers_is_bounded_by_the_deadline) {
  asio::io_context ioc(1);
  // Listening, so the TCP connection is made, but nothing ever reads or answers.
  asio::ip::tcp::acceptor silent(ioc, {asio::ip::make_address("127.0.0.1"), 0});
  const auto port = silent.local_endpoint().port();
  bool done = false;
  asio::co_spawn(ioc, [&]() -> asio::awaitable<void> {
    auto started = steady::now();
    auto client = co_await replayer::browser::cdp_client::connect("ws://127.0.0.1:" + std::to_string(port) + "/devtools/browser/x", 200ms);
    BOOST_TEST_REQUIRE(!client.has_value());
    BOOST_TEST(client.error().timed_out);
    BOOST_TEST(has(client.error().what, "got no answer within 200 ms"), client.error().what);
    BOOST_TEST(since(started) < 1s);
    started = steady::now();
    const cdp::endpoint silent_http{"127.0.0.1", port, {}};
    auto version = co_await http_get_json(silent_http, "/json/version", 200ms);
    BOOST_TEST_REQUIRE(!version.has_value());
    BOOST_TEST(version.error().timed_out);
    BOOST_TEST(has(version.error().what, "no answer within the deadline"), version.error().what);
    BOOST_TEST(since(started) < 1s);
    done = true;
  }, [](std::exception_ptr e) { if (e) std::rethrow_exception(e); });
  ioc.run_for(5s);
  BOOST_TEST(done);
}

BOOST_AUTO_TEST_CASE(an_http_answer_instead_of_an_upgrade_is_refused) {
  with_fake_cdp({}, [](fake_cdp_endpoint& fake) -> asio::awaitable<void> {
    auto first = co_await connected(fake);
    // The fake serves one WebSocket at a time: a second upgrade gets an HTTP 404, not a 101.
    auto second = co_await replayer::browser::cdp_client::connect(fake.browser_ws_url(), 2s);
    BOOST_TEST_REQUIRE(!second.has_value());
    BOOST_TEST(!second.error().timed_out);
    BOOST_TEST(has(second.error().what, "the WebSocket upgrade failed"), second.error().what);
    BOOST_TEST(has(second.error().what, "is this Chrome's DevTools WebSocket?"), second.error().what);
    const cdp::endpoint http{"127.0.0.1", fake.port(), {}};
    auto missing = co_await http_get_json(http, "/json/nothing", 2s);
    BOOST_TEST_REQUIRE(!missing.has_value());
    BOOST_TEST(has(missing.error().what, "HTTP 404 Not Found: is this Chrome's DevTools endpoint?"), missing.error().what);
    co_await first->close();
    BOOST_TEST(fake.websocket_sessions() == 1u);
  });
}

BOOST_AUTO_TEST_CASE(attach_picks_the_game_page_not_the_decoy_and_detach_leaves_it_open) {
  with_fake_cdp({}, [](fake_cdp_endpoint& fake) -> asio::awaitable<void> {
    const auto where = cdp::parse_cdp_url(fake.http_url(), false);
    BOOST_TEST_REQUIRE(where.has_value());
    auto version = co_await discover_browser(*where, false, 2s);
    BOOST_TEST_REQUIRE(version.has_value(), (version ? std::string() : version.error().what));
    BOOST_TEST(version->browser == "HeadlessChrome/120.0.6099.224");
    BOOST_TEST(version->websocket_url == fake.browser_ws_url());
    auto connecting = co_await replayer::browser::cdp_client::connect(version->websocket_url, 2s);
    BOOST_TEST_REQUIRE(connecting.has_value());
    auto& client = **connecting;
    co_await alongside(client, [&]() -> asio::awaitable<void> {
      const cdp::page_rule game;
      auto session = co_await attach_page(client, *where, game);
      BOOST_TEST_REQUIRE(session.has_value(), (session ? std::string() : session.error().what));
      BOOST_TEST(session->target.id == fake.options().page_id);
      BOOST_TEST(session->target.title == "rugs.fun");
      BOOST_TEST(session->session_id == "SESSION-" + fake.options().page_id);
      auto on_page = co_await client.call("Runtime.enable", {}, session->session_id);
      BOOST_TEST(on_page.error().remote.has_value());  // the fake does not script it: Chrome's -32601
      const cdp::page_rule elsewhere{"example.org"};
      auto none = co_await attach_page(client, *where, elsewhere);
      BOOST_TEST_REQUIRE(!none.has_value());
      BOOST_TEST(has(none.error().what, "/json/list: none of the 3 targets is a page whose URL contains 'example.org'"),
                 none.error().what);
      BOOST_TEST(has(none.error().what, "page chrome://omnibox-popup.top-chrome/ (Omnibox Popup)"), none.error().what);
      auto detached = co_await detach_page(client, *session);
      BOOST_TEST(detached.has_value());
      co_await client.close();
    }());
    const auto& calls = fake.calls();
    BOOST_TEST_REQUIRE(calls.size() == 3u);
    BOOST_TEST(calls[0].method == "Target.attachToTarget");
    BOOST_TEST(calls[0].params.at("targetId").as_string() == fake.options().page_id);
    BOOST_TEST(calls[0].params.at("flatten").as_bool());
    BOOST_TEST(calls[0].session_id.empty());
    BOOST_TEST(calls[1].session_id == "SESSION-" + fake.options().page_id);
    BOOST_TEST(calls[2].method == "Target.detachFromTarget");
    BOOST_TEST(calls[2].params.at("sessionId").as_string() == "SESSION-" + fake.options().page_id);
    for (const auto& c : calls) BOOST_TEST(!c.method.ends_with("closeTarget"), c.method);
  });
}

BOOST_AUTO_TEST_CASE(a_remote_websocket_from_json_version_is_refused_without_allow_remote) {
  fake_cdp_options o;
  o.advertised_host = "203.0.113.9";  // a loopback endpoint that names a remote WebSocket
  with_fake_cdp(o, [](fake_cdp_endpoint& fake) -> asio::awaitable<void> {
    const auto where = cdp::parse_cdp_url(fake.http_url(), false);
    BOOST_TEST_REQUIRE(where.has_value());
    auto refused = co_await discover_browser(*where, false, 2s);
    BOOST_TEST_REQUIRE(!refused.has_value());
    BOOST_TEST(has(refused.error().what, "/json/version: webSocketDebuggerUrl 'ws://203.0.113.9:"), refused.error().what);
    BOOST_TEST(has(refused.error().what, "'203.0.113.9' is not a loopback host"), refused.error().what);
    auto allowed = co_await discover_browser(*where, true, 2s);
    BOOST_TEST_REQUIRE(allowed.has_value());
    BOOST_TEST(allowed->websocket_url.starts_with("ws://203.0.113.9:"));
    // A ws:// endpoint is used as given: it passed the rule when it was parsed.
    const auto direct = cdp::parse_cdp_url(fake.browser_ws_url(), false);
    BOOST_TEST_REQUIRE(direct.has_value());
    auto same = co_await discover_browser(*direct, false, 2s);
    BOOST_TEST(same->websocket_url == fake.browser_ws_url());
    BOOST_TEST(fake.http_requests() == 2u);
  });
}

BOOST_AUTO_TEST_SUITE_END()
