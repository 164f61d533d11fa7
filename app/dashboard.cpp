#include "app/dashboard.hpp"

#include "app/logging.hpp"
#include "app/web/assets.hpp"
#include "core/concat.hpp"
#include "core/dashboard/access.hpp"
#include "net/asio_aliases.hpp"
#include "net/cancellation.hpp"

#include <CLI/CLI.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <charconv>
#include <fstream>
#include <unistd.h>

namespace replayer::app {
namespace {

namespace asio = boost::asio;

struct listen_at {
  std::string host;
  std::uint16_t port = 0;
};

// "8080" -> 127.0.0.1:8080; "HOST:PORT"; "[::1]:8080".
boost::system::result<listen_at, usage_error> parse_listen(std::string_view text) {
  const auto bad = [&](std::string_view why) {
    return usage_error{concat({"--http '", text, "': ", why, " (give PORT or HOST:PORT, e.g. 127.0.0.1:8080)"})};
  };
  listen_at out{"127.0.0.1", 0};
  std::string_view port_text = text;
  if (const auto colon = text.rfind(':'); colon != std::string_view::npos) {
    std::string_view host = text.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    if (host.empty()) return bad("no host before ':'");
    out.host = std::string(host);
    port_text = text.substr(colon + 1);
  }
  unsigned port = 0;
  const auto r = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || r.ec != std::errc() || r.ptr != port_text.data() + port_text.size() || port > 65535)
    return bad("the port is not a number from 0 to 65535");
  out.port = static_cast<std::uint16_t>(port);
  return out;
}

net::http_response asset(std::string_view type, std::string_view body) {
  return {200, std::string(type), std::string(body),
          {{"Content-Security-Policy", "default-src 'self'; connect-src 'self'; img-src 'self' data:"}}};
}

}  // namespace

void add_http_flags(CLI::App* sub, http_flags& f) {
  sub->add_option("--http", f.listen, "Serve the dashboard on [HOST:]PORT (127.0.0.1 unless HOST is given; 0 = any free port)");
  sub->add_flag("--http-allow-remote", f.allow_remote,
                "Allow --http on an address other than loopback (anyone who can reach it and has the token can trade)");
}

boost::system::result<std::unique_ptr<dashboard_server>, usage_error> dashboard_server::open(const http_flags& flags,
                                                                                asio::any_io_executor executor,
                                                                                dashboard_source& source) {
  auto at = parse_listen(flags.listen);
  if (!at) return at.error();
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(at->host, ec);
  if (ec) return usage_error{concat({"--http '", flags.listen, "': '", at->host, "' is not an IP address (use 127.0.0.1)"})};
  if (!address.is_loopback()) {
    if (!flags.allow_remote)
      return usage_error{concat({"--http '", flags.listen, "': ", at->host,
                                 " is not loopback; the dashboard can trade, so binding it elsewhere needs --http-allow-remote"})};
    log_warning(concat({"--http on ", at->host, ": the dashboard is reachable from other machines; keep its token secret"}));
  }
  std::unique_ptr<dashboard_server> d(new dashboard_server(source));
  net::http_server_options options;
  options.address = address;
  options.port = at->port;
  std::string token = dashboard::make_token();
  std::string error;
  // The origins are those of the port actually bound (0 picks one), so bind first, then fill them.
  dashboard::access_policy policy{token, {}};
  d->server_ = net::http_server::bind(executor, options, policy, *d, error);
  if (!d->server_) return usage_error{error};
  const std::string host = address.is_v6() ? concat({"[", at->host, "]"}) : at->host;
  d->server_->set_origins(dashboard::dashboard_origins(host, d->server_->port()));
  d->url_ = concat({"http://", host, ":", std::to_string(d->server_->port()), "/?token=", token});
  return d;
}

dashboard_server::~dashboard_server() = default;

net::http_response dashboard_server::on_request(const net::http_request& r) {
  const std::string_view path = dashboard::target_path(r.target);
  if (r.method == "POST" && path == "/api/command") {
    on_page_message(r.body);
    return net::text_response(last_error_.empty() ? 200 : 400, last_error_.empty() ? "ok" : last_error_);
  }
  if (r.method != "GET" && r.method != "HEAD") return net::text_response(405, "only GET, HEAD and POST /api/command");
  if (path == "/" || path == "/index.html") return asset("text/html; charset=utf-8", web::dashboard_page());
  if (path == "/dashboard.js") return asset("text/javascript; charset=utf-8", web::dashboard_script());
  if (path == "/charts.js") return asset("text/javascript; charset=utf-8", web::charts_script());
  if (path == "/dashboard.css") return asset("text/css; charset=utf-8", web::dashboard_style());
  if (path == "/healthz") {
    const auto v = source_.health();
    return net::text_response(static_cast<unsigned>(v.status), v.reason);
  }
  if (path == "/metrics") return {200, "text/plain; version=0.0.4; charset=utf-8", metrics_text(), {}};
  if (path == "/state") return {200, "application/json", boost::json::serialize(source_.state()), {}};
  if (path == "/report") {
    std::string html = source_.report_html();
    if (html.empty()) return net::text_response(404, "no report in this mode: `replayer view` serves the report of its games");
    return {200, "text/html; charset=utf-8", std::move(html), {}};
  }
  return net::text_response(404, concat({"no page ", path, ": try /, /healthz, /metrics, /report"}));
}

void dashboard_server::on_page_message(std::string_view text) {
  ++commands_;
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) {
    last_error_ = concat({"a command must be a JSON object like {\"cmd\":\"play\"}: ", ec ? ec.message() : "not an object"});
  } else {
    last_error_ = source_.command(v.as_object());
  }
  if (!last_error_.empty()) ++command_errors_;
  publish_now();
}

void dashboard_server::publish_now() {
  auto state = source_.state();
  state["seq"] = ++seq_;
  state["error"] = last_error_;
  published_version_ = source_.version();
  server_->publish(std::make_shared<const std::string>(boost::json::serialize(state)));
}

asio::awaitable<void> dashboard_server::publish_loop() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (;;) {
    if (source_.version() != published_version_) publish_now();
    timer.expires_after(push_interval);
    auto [ec] = co_await timer.async_wait(net::as_result);
    if (ec) co_return;  // stopped
  }
}

asio::awaitable<void> dashboard_server::run() {
  using namespace asio::experimental::awaitable_operators;
  co_await asio::this_coro::reset_cancellation_state(asio::enable_total_cancellation());
  co_await (net::branch(server_->run()) || net::branch(publish_loop()));
}

std::string dashboard_server::metrics_text() const {
  dashboard::metrics_text m;
  source_.metrics(m);
  const auto& s = server_->stats();
  m.counter("replayer_http_requests_total", "HTTP requests answered by the dashboard", static_cast<double>(s.requests));
  m.counter("replayer_http_forbidden_total", "Requests refused for a wrong Origin or token (403)", static_cast<double>(s.forbidden));
  m.counter("replayer_http_refused_connections_total", "Connections closed at once: the connection bound was reached",
            static_cast<double>(s.refused_connections));
  m.gauge("replayer_dashboard_pages", "Pages connected to /ws", static_cast<double>(s.open_pages));
  m.counter("replayer_dashboard_states_sent_total", "States sent to pages", static_cast<double>(s.states_sent));
  m.counter("replayer_dashboard_states_dropped_total", "States a slow page had not been sent when a newer one came",
            static_cast<double>(s.states_dropped));
  m.counter("replayer_dashboard_slow_pages_closed_total", "Pages closed for not reading a state in time",
            static_cast<double>(s.slow_pages_closed));
  m.counter("replayer_dashboard_commands_total", "Commands from pages", static_cast<double>(commands_));
  m.counter("replayer_dashboard_command_errors_total", "Commands refused", static_cast<double>(command_errors_));
  m.gauge("replayer_resident_bytes", "Resident set size of the process", static_cast<double>(resident_bytes()));
  return m.text();
}

std::uint64_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t size = 0, resident = 0;
  if (!(statm >> size >> resident)) return 0;
  return resident * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

}  // namespace replayer::app
