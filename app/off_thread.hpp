#pragma once
// Batch work (decoding, backtests, sweeps) runs off the io_context thread, so that the root
// coroutine stays free to take signals. The work checks `stop` between units (games, files,
// sweep points); cancelling the awaiting coroutine sets it and then waits for the work to end.
#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <functional>

namespace replayer::app {

/// Runs `work` on a thread of its own and resumes when it returns; rethrows what it threw.
/// Returns whether it was asked to stop.
boost::asio::awaitable<bool> run_off_thread(std::function<void(const std::atomic<bool>& stop)> work);

}  // namespace replayer::app
