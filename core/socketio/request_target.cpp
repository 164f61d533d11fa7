#include "core/socketio/request_target.hpp"

#include "core/concat.hpp"
#include "core/socketio/protocol_error.hpp"
#include "core/socketio/socket_packet.hpp"

namespace replayer::socketio {
namespace {

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// RFC 3986 query characters: unreserved, sub-delims, ':', '@', '/', '?', and %HH.
std::optional<std::string> query_problem(std::string_view query) {
  constexpr std::string_view allowed = "-._~!$&'()*+,;=:@/?";
  for (std::size_t i = 0; i < query.size(); ++i) {
    const char c = query[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || allowed.find(c) != std::string_view::npos) continue;
    if (c == '%' && i + 2 < query.size() && is_hex(query[i + 1]) && is_hex(query[i + 2])) {
      i += 2;
      continue;
    }
    if (c == '%') return concat({"'%' at byte ", std::to_string(i), " of the query is not followed by two hex digits"});
    return concat({"the query holds ", describe_byte(c), " at byte ", std::to_string(i), " (percent-encode it)"});
  }
  return std::nullopt;
}

// Calls `f(key, value, whole)` for every '&'-separated parameter; stops when f returns false.
template <class F>
void for_each_parameter(std::string_view query, F&& f) {
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view whole = query.substr(0, amp);
    const std::size_t eq = whole.find('=');
    const std::string_view key = whole.substr(0, eq);
    const std::string_view value = eq == std::string_view::npos ? std::string_view{} : whole.substr(eq + 1);
    if (!f(key, value, whole)) return;
    if (amp == std::string_view::npos) return;
    query.remove_prefix(amp + 1);
  }
}

bool set_by_client(std::string_view key) { return key == "EIO" || key == "transport" || key == "sid"; }

}  // namespace

boost::system::result<socketio_target, url_problem> socketio_request_target(std::string_view path_and_query) {
  path_and_query = path_and_query.substr(0, path_and_query.find('#'));
  const std::size_t question = path_and_query.find('?');
  const std::string_view path = path_and_query.substr(0, question);
  const std::string_view query =
      question == std::string_view::npos ? std::string_view{} : path_and_query.substr(question + 1);

  socketio_target out;
  out.namespace_name = path.empty() ? std::string(default_namespace) : std::string(path);
  if (auto problem = namespace_problem(out.namespace_name))
    return url_problem{concat({"url path \"", path, "\" cannot name a namespace: ", *problem})};
  if (auto problem = query_problem(query)) return url_problem{concat({"url query: ", *problem})};
  std::string clash;
  for_each_parameter(query, [&](std::string_view key, std::string_view, std::string_view) {
    if (set_by_client(key)) clash = key;
    return clash.empty();
  });
  if (!clash.empty())
    return url_problem{concat({"url query: parameter ", clash, " is set by the Socket.IO client itself"})};

  out.request_target = concat({engine_path, "?EIO=4&transport=websocket"});
  if (!query.empty()) out.request_target += concat({"&", query});
  if (out.request_target.size() > max_request_target_bytes)
    return url_problem{concat({"request target of ", std::to_string(out.request_target.size()),
                               " bytes is over the limit of ", std::to_string(max_request_target_bytes)})};
  return out;
}

boost::system::result<std::string, url_problem> parse_request_target(std::string_view target) {
  if (target.size() > max_request_target_bytes)
    return url_problem{concat({"request target of ", std::to_string(target.size()), " bytes is over the limit of ",
                               std::to_string(max_request_target_bytes)})};
  const std::size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  if (path != engine_path && path != engine_path.substr(0, engine_path.size() - 1))
    return url_problem{concat({"request target path \"", path, "\" is not ", engine_path})};
  const std::string_view query = question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
  if (auto problem = query_problem(query)) return url_problem{concat({"request target query: ", *problem})};

  std::string user;
  std::string problem;
  bool eio = false, transport = false;
  for_each_parameter(query, [&](std::string_view key, std::string_view value, std::string_view whole) {
    if (key == "EIO") {
      if (value != "4") problem = concat({"EIO=", value, ": only Engine.IO version 4 is served"});
      eio = true;
    } else if (key == "transport") {
      if (value != "websocket") problem = concat({"transport=", value, ": only websocket is served"});
      transport = true;
    } else if (!whole.empty()) {
      if (!user.empty()) user += '&';
      user += whole;
    }
    return problem.empty();
  });
  if (!problem.empty()) return url_problem{concat({"request target query: ", problem})};
  if (!eio) return url_problem{"request target query: EIO is missing (the Engine.IO version, 4)"};
  if (!transport) return url_problem{"request target query: transport is missing (websocket)"};
  return {boost::system::in_place_value, std::move(user)};
}

std::optional<std::string_view> query_parameter(std::string_view query, std::string_view key) {
  std::optional<std::string_view> found;
  for_each_parameter(query, [&](std::string_view k, std::string_view value, std::string_view) {
    if (k == key) found = value;
    return !found;
  });
  return found;
}

}  // namespace replayer::socketio
