#pragma once
// The dashboard of `live`, `record` and `view` (--http): the pages (embedded, app/web/), the
// page's WebSocket, /healthz, /metrics and /report, on the command's own io_context. A source
// (the live run, or the replay viewer) says what there is to show; a publisher hands its state
// to the pages at most every push_interval, and only when it changed.
#include "app/command.hpp"
#include "core/dashboard/health.hpp"
#include "core/dashboard/metrics_text.hpp"
#include "net/http_server.hpp"

#include <boost/json/object.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace replayer::app {

struct http_flags {
  std::string listen;  // "" = off; "PORT" or "HOST:PORT"
  bool allow_remote = false;
};
void add_http_flags(CLI::App* sub, http_flags& f);

/// What a dashboard shows.
class dashboard_source {
public:
  virtual ~dashboard_source() = default;
  /// Moves whenever the state would be different.
  virtual std::uint64_t version() const = 0;
  /// The page's state: "mode" ("live" or "view") and what that mode shows.
  virtual boost::json::object state() const = 0;
  virtual dashboard::health_verdict health() const = 0;
  virtual void metrics(dashboard::metrics_text& out) const = 0;
  /// A command from a page ({"cmd": ...}); the error to show, or empty.
  virtual std::string command(const boost::json::object& c) = 0;
  /// The HTML report of what was traded, or empty when the mode has none.
  virtual std::string report_html() const { return {}; }
};

class dashboard_server final : public net::http_handler {
public:
  /// Binds the --http address; nullopt when the flag is off. The error names the flag.
  static boost::system::result<std::unique_ptr<dashboard_server>, usage_error> open(
      const http_flags& flags, boost::asio::any_io_executor executor, dashboard_source& source);
  ~dashboard_server() override;

  /// "http://127.0.0.1:PORT/?token=..." (what start-up prints).
  const std::string& url() const { return url_; }
  const net::http_server_stats& server_stats() const { return server_->stats(); }
  /// Serves and publishes until cancelled.
  boost::asio::awaitable<void> run();

  net::http_response on_request(const net::http_request& r) override;
  void on_page_message(std::string_view text) override;

  std::chrono::milliseconds push_interval{100};

private:
  explicit dashboard_server(dashboard_source& source) : source_(source) {}
  boost::asio::awaitable<void> publish_loop();
  void publish_now();
  std::string metrics_text() const;

  dashboard_source& source_;
  std::unique_ptr<net::http_server> server_;
  std::string url_;
  std::uint64_t published_version_ = ~std::uint64_t{0};
  std::uint64_t commands_ = 0, command_errors_ = 0, seq_ = 0;
  std::string last_error_;
};

/// Resident set size of this process in bytes (Linux /proc/self/statm), 0 when unknown.
std::uint64_t resident_bytes();

}  // namespace replayer::app
