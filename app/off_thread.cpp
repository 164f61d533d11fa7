#include "app/off_thread.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <thread>

namespace replayer::app {

namespace asio = boost::asio;

asio::awaitable<bool> run_off_thread(std::function<void(const std::atomic<bool>& stop)> work) {
  auto executor = co_await asio::this_coro::executor;
  // The worker wakes the coroutine by cancelling this timer from the io_context's thread.
  asio::steady_timer finished_signal(executor, asio::steady_timer::time_point::max());
  std::atomic<bool> stop{false};
  bool finished = false;
  std::exception_ptr failure;
  std::jthread worker([&] {
    try {
      work(stop);
    } catch (...) {
      failure = std::current_exception();
    }
    asio::post(executor, [&] {
      finished = true;
      finished_signal.cancel();
    });
  });
  while (!finished) {
    boost::system::error_code ec;
    co_await finished_signal.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    if (!finished) {
      // Cancelled (a signal): ask the work to stop, and wait for it with cancellation cleared
      // so that the wait itself is not cancelled again.
      stop = true;
      co_await asio::this_coro::reset_cancellation_state();
    }
  }
  worker.join();
  if (failure) std::rethrow_exception(failure);
  co_return stop.load();
}

}  // namespace replayer::app
