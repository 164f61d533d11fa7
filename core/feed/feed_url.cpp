#include "core/feed/feed_url.hpp"

#include "core/concat.hpp"

#include <cctype>
#include <charconv>

namespace replayer {

boost::system::result<feed_url, std::string> parse_feed_url(std::string_view url, std::string_view flag) {
  using result = boost::system::result<feed_url, std::string>;
  auto fail = [&](std::string_view why) {
    return result(boost::system::in_place_error, concat({flag, " '", url, "': ", why}));
  };
  feed_url out;
  std::string_view rest = url;
  if (rest.starts_with("wss://") || rest.starts_with("https://")) out.tls = true;
  else if (!rest.starts_with("ws://") && !rest.starts_with("http://"))
    return fail("expected ws://, wss://, http:// or https://");
  rest.remove_prefix(rest.find("://") + 3);
  const std::size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  out.path_and_query = std::string(end == std::string_view::npos ? std::string_view{} : rest.substr(end));
  if (authority.find('@') != std::string_view::npos) return fail("user names and passwords are not supported");
  std::string_view port_text;
  if (authority.starts_with('[')) {  // [::1]:8080
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return fail("unclosed '[' in the host");
    out.host = std::string(authority.substr(0, close + 1));
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return fail("expected ':' and a port after the host");
      port_text = authority.substr(close + 2);
    }
  } else {
    const std::size_t colon = authority.rfind(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (out.host.empty()) return fail("no host");
  for (char c : out.host)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']'))
      return fail("the host has a character a host name cannot have");
  if (port_text.empty()) {
    out.port = out.tls ? 443 : 80;
  } else {
    unsigned port = 0;
    auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || ptr != port_text.data() + port_text.size() || port == 0 || port > 65535)
      return fail("the port must be a number from 1 to 65535");
    out.port = static_cast<std::uint16_t>(port);
  }
  return out;
}

}  // namespace replayer
