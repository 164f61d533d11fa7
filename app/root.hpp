#pragma once
// The design card's shape: one io_context, one thread, one root coroutine that owns everything
// else. SIGINT / SIGTERM ask the root to stop (total cancellation); a grace period of 2 s
// escalates to terminal cancellation, and a second signal ends the process at once.
#include <boost/asio/awaitable.hpp>

#include <functional>

namespace replayer::app {

/// Runs `work` as the root coroutine until it finishes. Returns its exit code, or 130 / 143
/// when it was stopped by SIGINT / SIGTERM (the coroutine still gets to print its summary).
/// An exception escaping `work` is a bug and is rethrown.
/// With `signal_stops_cleanly` (record, live, fake-server: they run until stopped), a signal
/// is the normal way to end and the coroutine's own exit code is returned.
int run_root(std::function<boost::asio::awaitable<int>()> work, bool signal_stops_cleanly = false);

/// For use inside the root: lets pending handlers (signals) run, then says whether the root
/// has been asked to stop. Call it between units of work in long synchronous loops.
boost::asio::awaitable<bool> stop_requested();

}  // namespace replayer::app
