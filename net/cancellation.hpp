#pragma once
// How a stop reaches the network layer. The root coroutine stops its work with total
// cancellation (finish what you are doing, cleanly); Beast's operations honour terminal
// cancellation only, so the network coroutines pass a stop on to them as terminal.
//
// The operands of `a || b` and `a && b` are coroutine threads of their own, and such a thread
// hears only terminal cancellation unless it says otherwise; Boost 1.81's parallel group also
// passes a cancellation on to its operands once only (a later one, or the cancellation that
// should follow when one operand ends, does not reach an operand that ignored the first). So
// every operand of ours is wrapped in `branch(...)`: it hears a stop of any type.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/this_coro.hpp>

namespace replayer::net {

inline boost::asio::cancellation_type stop_as_terminal(boost::asio::cancellation_type requested) {
  return requested == boost::asio::cancellation_type::none ? requested : boost::asio::cancellation_type::terminal;
}

/// `work` as an operand of `||` / `&&` that hears total cancellation (a stop) too.
template <typename T>
boost::asio::awaitable<T> branch(boost::asio::awaitable<T> work) {
  co_await boost::asio::this_coro::reset_cancellation_state(boost::asio::enable_total_cancellation());
  co_return co_await std::move(work);
}

}  // namespace replayer::net
