#pragma once
// Who may change anything through the dashboard. A web page the user happens to visit can make
// the browser open ws://127.0.0.1:PORT or POST to it; it cannot read the per-run token printed at
// start-up, and its requests carry its own Origin. So every WebSocket handshake and every
// state-changing request must carry the token and, when the browser sends one, an Origin of the
// dashboard itself. Pure.
#include <string>
#include <string_view>
#include <vector>

namespace replayer::dashboard {

struct request_facts {
  std::string_view target;  // "/ws?token=..."
  std::string_view origin;  // the Origin header, empty when absent (curl, Prometheus)
  std::string_view token_header;  // X-Replayer-Token, empty when absent
};

enum class access_verdict { allowed, bad_origin, no_token, bad_token };

struct access_policy {
  std::string token;
  std::vector<std::string> origins;  // "http://127.0.0.1:8080", "http://localhost:8080"
};

/// The origins a dashboard bound to host:port is reached by.
std::vector<std::string> dashboard_origins(std::string_view host, unsigned port);

access_verdict check_access(const request_facts& r, const access_policy& p);
/// "403: Origin https://evil.example is not this dashboard" and the like.
std::string access_message(access_verdict v, const request_facts& r);

/// The path of a request target, without the query.
std::string_view target_path(std::string_view target);
/// A query parameter's raw value ("" when absent).
std::string_view query_value(std::string_view target, std::string_view key);

/// 32 hex characters from the OS's random source.
std::string make_token();

}  // namespace replayer::dashboard
