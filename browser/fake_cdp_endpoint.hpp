#pragma once
// A scripted CDP peer on 127.0.0.1 for the Boost.Test suites (as net/fake_server is for the
// feed). It answers GET /json/version and /json/list over HTTP (a decoy "Omnibox Popup" page and
// a service worker of the game's origin listed before the game's page, so that a client taking
// the first target, or any type, gets the wrong one) and upgrades /devtools/... to a WebSocket,
// one at a time. Each method has a script: reply with a result or an error, after a delay or
// never, with events before and after the reply, and raw text messages after it (garbage,
// stray replies); the connection can die at the Nth call (closed without a reply nor a close
// frame). Every call received is recorded. Unscripted methods get Chrome's own answers for
// Target.attachToTarget / Target.detachFromTarget, and otherwise -32601 "'X' wasn't found".
#include "core/cdp/message.hpp"
#include "core/cdp/targets.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace replayer::browser {

struct fake_cdp_event {
  std::string method;
  boost::json::object params;
  std::string session_id;
};

struct fake_cdp_script {
  boost::json::value result = boost::json::object{};  // the reply's result, unless `error`
  std::optional<cdp::remote_error> error;
  std::chrono::milliseconds delay{0};  // the reply (and the events after it) this much later
  bool never_reply = false;
  std::vector<fake_cdp_event> events_before;  // sent at once, before the reply
  std::vector<fake_cdp_event> events_after;   // sent right after the reply
  std::vector<std::string> raw_after;         // text messages sent after the reply, as they are
};

struct fake_cdp_options {
  std::map<std::string, fake_cdp_script, std::less<>> methods;
  std::size_t die_at_call = 0;  // the Nth call (1-based, in all) closes the TCP connection; 0: never
  std::string browser = "HeadlessChrome/120.0.6099.224";
  /// The host /json/version names in webSocketDebuggerUrl (Chrome echoes the Host it was asked with).
  std::string advertised_host = "127.0.0.1";
  /// /json/list; empty: the decoy popup, a service worker of rugs.fun, then page_url's page.
  std::vector<cdp::target_info> targets;
  std::string page_url = "https://rugs.fun/";
  std::string page_id = "8C5F1E2A0B6D4C3E9F7A1B2C3D4E5F60";
};

struct fake_cdp_call {
  std::uint64_t id = 0;
  std::string method;
  boost::json::object params;
  std::string session_id;
};

class fake_cdp_endpoint {
public:
  /// Binds 127.0.0.1:0 now (port() is known before run()); throws on a bind error.
  fake_cdp_endpoint(boost::asio::any_io_executor executor, fake_cdp_options options);
  ~fake_cdp_endpoint();

  std::uint16_t port() const;
  /// "http://127.0.0.1:PORT", for parse_cdp_url.
  std::string http_url() const;
  /// "ws://127.0.0.1:PORT/devtools/browser/<id>", as /json/version says.
  std::string browser_ws_url() const;
  /// Serves HTTP requests and WebSocket sessions until cancelled.
  boost::asio::awaitable<void> run();

  fake_cdp_options& options();
  const std::vector<fake_cdp_call>& calls() const;
  std::size_t http_requests() const;
  std::size_t websocket_sessions() const;
  /// Text messages received that were not calls.
  std::size_t refused_messages() const;

private:
  struct state;
  std::unique_ptr<state> state_;
};

}  // namespace replayer::browser
