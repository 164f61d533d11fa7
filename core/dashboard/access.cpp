#include "core/dashboard/access.hpp"

#include "core/concat.hpp"

#include <random>

namespace replayer::dashboard {
namespace {

// Compares without stopping at the first difference, so the time taken says nothing of the token.
bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

std::vector<std::string> dashboard_origins(std::string_view host, unsigned port) {
  const std::string p = std::to_string(port);
  std::vector<std::string> out{concat({"http://", host, ":", p})};
  if (host == "127.0.0.1" || host == "localhost" || host == "::1") {
    for (std::string_view loopback : {"127.0.0.1", "localhost", "[::1]"}) {
      std::string o = concat({"http://", loopback, ":", p});
      if (o != out.front()) out.push_back(std::move(o));
    }
  }
  return out;
}

std::string_view target_path(std::string_view target) { return target.substr(0, target.find('?')); }

std::string_view query_value(std::string_view target, std::string_view key) {
  const auto q = target.find('?');
  if (q == std::string_view::npos) return {};
  std::string_view rest = target.substr(q + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const auto eq = pair.find('=');
    if (pair.substr(0, eq) == key) return eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return {};
}

access_verdict check_access(const request_facts& r, const access_policy& p) {
  if (!r.origin.empty()) {
    bool known = false;
    for (const auto& o : p.origins) known = known || o == r.origin;
    if (!known) return access_verdict::bad_origin;
  }
  const std::string_view token = r.token_header.empty() ? query_value(r.target, "token") : r.token_header;
  if (token.empty()) return access_verdict::no_token;
  return same_secret(token, p.token) ? access_verdict::allowed : access_verdict::bad_token;
}

std::string access_message(access_verdict v, const request_facts& r) {
  switch (v) {
    case access_verdict::allowed: return "allowed";
    case access_verdict::bad_origin: return concat({"Origin ", r.origin, " is not this dashboard"});
    case access_verdict::no_token: return "no token: open the URL replayer printed at start-up (it carries ?token=...)";
    case access_verdict::bad_token: return "wrong token: open the URL this run of replayer printed at start-up";
  }
  return "refused";
}

std::string make_token() {
  std::random_device source;
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 4; ++i) {
    auto v = source();
    for (int j = 0; j < 8; ++j, v >>= 4) out += hex[v & 15u];
  }
  return out;
}

}  // namespace replayer::dashboard
