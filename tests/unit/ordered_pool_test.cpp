// ordered_pool: the batch commands' worker pool (core/ordered_pool.hpp). Results come in index
// order whatever the threads, at most 2 x jobs wait, and an exception, thrown by a task or by
// the consumer (a session-wallet backtest plays its games there), ends the run on the caller
// instead of hanging it.
#include "core/ordered_pool.hpp"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace replayer;

namespace {

// Runs `body` on its own thread and waits at most 60 s (sanitizer builds on a loaded machine):
// what it threw, or a failure when it never came back (the thread is then left blocked).
std::string outcome_within_a_minute(std::function<void()> body) {
  std::promise<std::string> done;
  auto result = done.get_future();
  std::thread([body = std::move(body), done = std::move(done)]() mutable {
    try {
      body();
      done.set_value("returned");
    } catch (const std::exception& e) {
      done.set_value(std::string("threw: ") + e.what());
    }
  }).detach();
  if (result.wait_for(std::chrono::seconds(60)) != std::future_status::ready) return "hung";
  return result.get();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ordered_pool)

BOOST_AUTO_TEST_CASE(results_arrive_in_index_order_and_at_most_two_per_worker_wait) {
  const std::atomic<bool> stop{false};
  std::atomic<std::size_t> started{0}, consumed{0}, most_ahead{0};
  std::vector<std::size_t> order;
  replayer::ordered_pool<std::size_t>(
      200, 3, stop,
      [&](std::size_t i) {
        const std::size_t ahead = ++started - consumed.load();
        for (std::size_t m = most_ahead.load(); ahead > m && !most_ahead.compare_exchange_weak(m, ahead);) {
        }
        // Later tasks finish first now and then, so results do come back out of order.
        if (i % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(300));
        return i * i;
      },
      [&](std::size_t i, std::size_t&& r) {
        BOOST_TEST(r == i * i);
        order.push_back(i);
        ++consumed;
      });
  BOOST_TEST(order.size() == 200u);
  for (std::size_t i = 0; i < order.size(); ++i) BOOST_TEST(order[i] == i);
  // Started but not consumed: the 2 x jobs waiting, and the one being handed over.
  BOOST_TEST(most_ahead.load() <= 2u * 3u + 1u);
}

BOOST_AUTO_TEST_CASE(a_task_that_throws_ends_the_run_after_the_results_before_it) {
  const std::atomic<bool> stop{false};
  std::vector<std::size_t> consumed;
  const auto what = outcome_within_a_minute([&] {
    replayer::ordered_pool<int>(
        100, 2, stop,
        [](std::size_t i) {
          if (i == 5) throw std::runtime_error("task 5");
          return 0;
        },
        [&](std::size_t i, int&&) { consumed.push_back(i); });
  });
  BOOST_TEST(what == "threw: task 5");
  BOOST_TEST(consumed == (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

// The hang issue 13 suspected: the consumer threw, the workers kept waiting for room in the
// window and the pool's destructor joined them for ever.
BOOST_AUTO_TEST_CASE(a_consumer_that_throws_ends_the_run_instead_of_hanging_it) {
  for (std::size_t jobs : {2u, 4u}) {
    const std::atomic<bool> stop{false};
    std::atomic<std::size_t> started{0};
    const auto what = outcome_within_a_minute([&] {
      replayer::ordered_pool<int>(
          1000, jobs, stop,
          [&](std::size_t) {
            ++started;
            return 0;
          },
          [](std::size_t i, int&&) {
            if (i == 3) throw std::runtime_error("consumer at 3");
          });
    });
    BOOST_TEST(what == "threw: consumer at 3", "jobs " << jobs);
    BOOST_TEST(started.load() < 1000u, "no task starts once the consumer has failed");
  }
}

BOOST_AUTO_TEST_SUITE_END()
