#include "app/root.hpp"

#include "app/command.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <csignal>
#include <cstdlib>
#include <exception>

namespace replayer::app {

namespace asio = boost::asio;

int run_root(std::function<asio::awaitable<int>()> work, bool signal_stops_cleanly) {
  asio::io_context ioc(1);
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  asio::steady_timer grace(ioc);
  asio::cancellation_signal cancel;
  int signal_number = 0;
  int exit_code = exit_ok;
  std::exception_ptr failure;

  auto body = [&]() -> asio::awaitable<int> {
    co_await asio::this_coro::reset_cancellation_state(asio::enable_total_cancellation());
    co_await asio::this_coro::throw_if_cancelled(false);
    co_return co_await work();
  };
  asio::co_spawn(ioc, body(),
                 asio::bind_cancellation_slot(cancel.slot(), [&](std::exception_ptr e, int code) {
                   failure = e;
                   exit_code = code;
                   signals.cancel();
                   grace.cancel();
                 }));

  std::function<void(const boost::system::error_code&, int)> on_signal = [&](const boost::system::error_code& ec,
                                                                              int signo) {
    if (ec) return;
    if (signal_number != 0) std::_Exit(signo == SIGTERM ? exit_sigterm : exit_sigint);  // the second one: at once
    signal_number = signo;
    cancel.emit(asio::cancellation_type::total);
    grace.expires_after(std::chrono::seconds(2));
    grace.async_wait([&](const boost::system::error_code& timer_ec) {
      if (!timer_ec) cancel.emit(asio::cancellation_type::terminal);
    });
    signals.async_wait(on_signal);
  };
  signals.async_wait(on_signal);
  ioc.run();

  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const boost::system::system_error& e) {
      if (e.code() != asio::error::operation_aborted || signal_number == 0) throw;
    }
  }
  if (signal_stops_cleanly) return exit_code;
  if (signal_number == SIGINT) return exit_sigint;
  if (signal_number == SIGTERM) return exit_sigterm;
  return exit_code;
}

asio::awaitable<bool> stop_requested() {
  co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
  const auto state = co_await asio::this_coro::cancellation_state;
  co_return state.cancelled() != asio::cancellation_type::none;
}

}  // namespace replayer::app
