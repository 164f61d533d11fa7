#pragma once
// The Chrome DevTools Protocol client: one Beast WebSocket (plain ws: Chrome's endpoint is
// loopback) on the io_context's one thread, the codec of core/cdp (message.hpp, the pending
// table of pending_calls.hpp) and two coroutines owned by run(): the reader and the writer.
//
// Rules (docs/cdp.md has the whole story):
//   - Every call has a deadline (default 5 s). A call whose deadline passes fails with
//     timed_out; its late reply is counted and dropped. A call whose awaiting coroutine is
//     cancelled (any cancellation type) gives up the same way, with "cancelled" in `what`.
//   - Calls may come from several coroutines at once: they are queued and written one at a time
//     by run()'s writer. The queue (bytes) and the pending table (calls) are bounded; a call
//     beyond a bound fails at once (counted), it never waits for room.
//   - run() must be going for calls to be written and answered. When it ends (the peer went
//     away, or it was cancelled) every pending call fails at once with peer_gone and a message
//     naming the method ("Chrome went away during Runtime.evaluate: ..."); later calls fail at
//     once the same way.
//   - Events are delivered to the handler by the reader, on the io thread, in arrival order,
//     between two reads. The handler must return quickly and must not throw (an exception ends
//     run(), after failing every pending call, and reaches run()'s owner). It cannot wait for
//     anything: to call Chrome in answer to an event it hands the work to a coroutine it owns
//     (e.g. pushes to a channel its own loop reads). It may call on_event() (the new handler
//     takes over from the next event) and call() only from a coroutine, never synchronously.
//   - Destroying the client is allowed only after run() has returned (or was never started).
#include "core/cdp/message.hpp"
#include "core/cdp/pending_calls.hpp"
#include "core/cdp/targets.hpp"
#include "core/dashboard/metrics_text.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/assert/source_location.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace replayer::browser {

/// Why a call (or a connection) failed; `what` is a sentence for the user.
struct cdp_failure {
  std::string what;
  bool timed_out = false;  // a deadline passed
  bool peer_gone = false;  // the connection is gone (or never was)
  std::optional<cdp::remote_error> remote;  // Chrome answered with an error (code, message)
};

/// So that result<T, cdp_failure>::value() throws a std::runtime_error carrying `what`.
[[noreturn]] void throw_exception_from_error(const cdp_failure& e, const boost::source_location& where);

/// The "result" member of a reply, or why there is none.
using cdp_result = boost::system::result<boost::json::value, cdp_failure>;

inline constexpr std::chrono::milliseconds default_call_timeout{5000};

struct cdp_client_options {
  cdp::decode_limits limits{};                          // incoming messages
  std::size_t max_pending = cdp::default_max_pending;   // calls awaiting their reply
  std::size_t max_queued_bytes = std::size_t{4} << 20;  // encoded calls not yet written
  std::chrono::milliseconds close_timeout{2000};        // close(): the WebSocket close handshake
};

/// GET http://host:port<target> (e.g. "/json/version") within `timeout`: the body of a 200
/// answer, at most 4 MiB, or why not (peer_gone when nothing answered, timed_out).
boost::asio::awaitable<boost::system::result<std::string, cdp_failure>> http_get_json(
    const cdp::endpoint& where, std::string_view target, std::chrono::milliseconds timeout);

class cdp_client {
public:
  /// Resolves, connects and upgrades to ws_url (ws://host:port/devtools/...) within `timeout`.
  static boost::asio::awaitable<boost::system::result<std::unique_ptr<cdp_client>, cdp_failure>> connect(
      std::string ws_url, std::chrono::milliseconds timeout, cdp_client_options options = {});

  ~cdp_client();
  cdp_client(const cdp_client&) = delete;
  cdp_client& operator=(const cdp_client&) = delete;

  /// The reader and the writer, owned by whoever connects: runs until the peer goes away, close()
  /// completes or the awaiting coroutine is cancelled; then every pending call fails at once.
  boost::asio::awaitable<void> run();

  /// One call: its reply's "result", Chrome's error (remote set), or a failure. The views must
  /// stay valid until the call completes (co_await it in the same expression). Build `params`
  /// before the co_await expression: GCC 12 cannot keep a braced list's array alive across one
  /// (and destroys braced temporaries bound to const references there wrongly: name them).
  /// Cancellation: the call gives up on whatever its caller's coroutine lets through (Asio's
  /// default filter: terminal; reset_cancellation_state(enable_total_cancellation()): total too).
  boost::asio::awaitable<cdp_result> call(std::string_view method, boost::json::object params = {},
                                          std::string_view session_id = {},
                                          std::chrono::milliseconds timeout = default_call_timeout);

  /// Events, delivered on the io thread in arrival order (params valid during the call).
  void on_event(std::function<void(const cdp::event&)> handler);

  /// A polite close (the WebSocket close handshake), bounded by close_timeout; run() then returns.
  boost::asio::awaitable<void> close();

  bool open() const;
  const cdp::client_counters& counters() const;
  /// Every call answered from now on adds its round trip (sent to reply) to `h` (null: none).
  void observe_calls(dashboard::latency_histogram* h);
  /// Why the connection ended ("" while open).
  const std::string& end_cause() const;

private:
  struct state;
  explicit cdp_client(std::unique_ptr<state> s);
  std::unique_ptr<state> state_;
};

// ---- the page session: discovery, attach, detach ------------------------------------------------

/// The browser's WebSocket: from GET /json/version for an http:// endpoint (its URL checked by
/// the same loopback rule), or the ws:// endpoint itself.
boost::asio::awaitable<boost::system::result<cdp::browser_version, cdp_failure>> discover_browser(
    const cdp::endpoint& where, bool allow_remote, std::chrono::milliseconds timeout);

struct page_session {
  cdp::target_info target;
  std::string session_id;  // for client.call(method, params, session_id)
};

/// GET /json/list, pick_page(rule), then Target.attachToTarget {targetId, flatten: true} on the
/// browser connection: the page's session id. The client's run() must be going.
boost::asio::awaitable<boost::system::result<page_session, cdp_failure>> attach_page(
    cdp_client& client, const cdp::endpoint& where, const cdp::page_rule& rule,
    std::chrono::milliseconds timeout = default_call_timeout);

/// Target.detachFromTarget {sessionId}: the tab and the browser stay as they are.
boost::asio::awaitable<cdp_result> detach_page(cdp_client& client, const page_session& session,
                                               std::chrono::milliseconds timeout = default_call_timeout);

}  // namespace replayer::browser
