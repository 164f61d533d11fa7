// off_thread: batch work handed from the io_context to a thread of its own (app/off_thread.hpp).
// The coroutine resumes once the work has returned, on the io_context's thread; a cancellation
// (a signal, in the commands) sets the work's stop flag and still waits for the work to end; what
// the work throws comes back in the coroutine. Under TSan (threaded_tests) this is the hand-off
// every batch command makes.
#include "app/off_thread.hpp"

// GCC 12 sees Asio's aligned_delete inlined into coroutine frames and reports the free() of
// memory it believes came from operator new (a false positive on coroutine frames).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

namespace asio = boost::asio;
using replayer::app::run_off_thread;
using namespace std::chrono_literals;

namespace {

// Runs `body` on one io_context, bound to a minute (sanitizers, a loaded machine); fails the test
// if it has not returned by then. `cancel_after`, when given, emits a terminal cancellation then.
void run_bounded(const std::function<asio::awaitable<void>()>& body,
                 std::optional<std::chrono::milliseconds> cancel_after = std::nullopt) {
  asio::io_context ioc(1);
  asio::cancellation_signal cancel;
  bool returned = false;
  std::exception_ptr failure;
  asio::co_spawn(ioc, body(), asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e) {
                   failure = e;
                   returned = true;
                 }));
  asio::steady_timer canceller(ioc);
  if (cancel_after) {
    canceller.expires_after(*cancel_after);
    canceller.async_wait([&](boost::system::error_code) { cancel.emit(asio::cancellation_type::terminal); });
  }
  ioc.run_for(60s);
  BOOST_TEST_REQUIRE(returned, "the coroutine did not return within a minute");
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(off_thread)

BOOST_AUTO_TEST_CASE(the_work_runs_on_its_own_thread_and_the_coroutine_resumes_after_it) {
  std::thread::id loop_thread, work_thread, resumed_on;
  std::string written;
  bool stopped = true;
  run_bounded([&]() -> asio::awaitable<void> {
    loop_thread = std::this_thread::get_id();
    stopped = co_await run_off_thread([&](const std::atomic<bool>&) {
      work_thread = std::this_thread::get_id();
      std::this_thread::sleep_for(20ms);
      written = "results";
    });
    resumed_on = std::this_thread::get_id();
  });
  BOOST_TEST(!stopped);
  BOOST_TEST((work_thread != loop_thread));
  BOOST_TEST((resumed_on == loop_thread));
  BOOST_TEST(written == "results");
}

BOOST_AUTO_TEST_CASE(a_cancellation_sets_stop_and_the_coroutine_waits_for_the_work_to_end) {
  std::atomic<int> units{0};
  bool stopped = false, work_ended_first = false;
  std::atomic<bool> work_ended{false};
  run_bounded(
      [&]() -> asio::awaitable<void> {
        stopped = co_await run_off_thread([&](const std::atomic<bool>& stop) {
          while (!stop) {
            std::this_thread::sleep_for(1ms);
            ++units;
          }
          std::this_thread::sleep_for(30ms);  // the unit in hand is finished
          work_ended = true;
        });
        work_ended_first = work_ended.load();
      },
      50ms);
  BOOST_TEST(stopped);
  BOOST_TEST(work_ended_first, "the coroutine resumed before the work had ended");
  BOOST_TEST(units.load() > 0);
}

BOOST_AUTO_TEST_CASE(what_the_work_throws_comes_back_in_the_coroutine) {
  std::string caught;
  run_bounded([&]() -> asio::awaitable<void> {
    try {
      co_await run_off_thread([](const std::atomic<bool>&) { throw std::runtime_error("decimal overflow"); });
    } catch (const std::runtime_error& e) {
      caught = e.what();
    }
  });
  BOOST_TEST(caught == "decimal overflow");
}

BOOST_AUTO_TEST_SUITE_END()
