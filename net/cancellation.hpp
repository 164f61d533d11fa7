#pragma once
// How a stop reaches the network layer. The root coroutine stops its work with total
// cancellation (finish what you are doing, cleanly); Beast's operations honour terminal
// cancellation only, so the network coroutines pass a stop on to them as terminal.
#include <boost/asio/cancellation_type.hpp>

namespace replayer::net {

inline boost::asio::cancellation_type stop_as_terminal(boost::asio::cancellation_type requested) {
  return requested == boost::asio::cancellation_type::none ? requested : boost::asio::cancellation_type::terminal;
}

}  // namespace replayer::net
