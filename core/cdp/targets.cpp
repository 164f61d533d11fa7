#include "core/cdp/targets.hpp"

#include "core/concat.hpp"
#include "core/feed/feed_url.hpp"
#include "core/socketio/json_text.hpp"

#include <boost/json/parse.hpp>

namespace replayer::cdp {
namespace {

template <class T>
using result = boost::system::result<T, std::string>;

std::string_view text_of(const boost::json::string& s) { return {s.data(), s.size()}; }

// The string member `name` of `o`: "" when absent; false when present but not a string.
bool string_member(const boost::json::object& o, std::string_view name, std::string& out) {
  const auto* v = o.if_contains(name);
  if (!v) return true;
  if (!v->is_string()) return false;
  out = text_of(v->get_string());
  return true;
}

result<boost::json::value> parse_json(std::string_view json, std::string_view where) {
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 16;  // both documents are flat
  auto value = boost::json::parse(boost::json::string_view(json.data(), json.size()), ec, {}, options);
  if (ec) return result<boost::json::value>(boost::system::in_place_error, concat({where, ": not JSON (", ec.message(), ")"}));
  return value;
}

constexpr std::size_t max_targets_listed = 20;

}  // namespace

std::string endpoint::url() const {
  return websocket_path.empty() ? concat({"http://", authority()}) : concat({"ws://", authority(), websocket_path});
}

result<endpoint> parse_cdp_url(std::string_view url, bool allow_remote, std::string_view flag) {
  auto fail = [&](std::string_view why) {
    return result<endpoint>(boost::system::in_place_error, concat({flag, " '", url, "': ", why}));
  };
  auto parsed = parse_feed_url(url, flag);
  if (!parsed) return result<endpoint>(boost::system::in_place_error, parsed.error());
  if (parsed->tls) return fail("Chrome's DevTools endpoint speaks plain http:// or ws://, e.g. http://127.0.0.1:9222");
  if (!allow_remote && !parsed->loopback())
    return fail(concat({"'", parsed->host,
                        "' is not a loopback host (127.0.0.1, ::1, localhost): the DevTools endpoint has no "
                        "authentication and whoever reaches it controls the browser; allow a remote endpoint "
                        "explicitly to connect anyway"}));
  endpoint out{parsed->host, parsed->port, {}};
  if (url.starts_with("ws://")) {
    if (!parsed->path_and_query.starts_with("/devtools/"))
      return fail("a ws:// endpoint is Chrome's WebSocket, ws://HOST:PORT/devtools/browser/<id> (see /json/version)");
    out.websocket_path = parsed->path_and_query;
  } else if (!parsed->path_and_query.empty() && parsed->path_and_query != "/") {
    return fail("give http://HOST:PORT only: the endpoint is found through /json/version");
  }
  return out;
}

result<browser_version> parse_version(std::string_view json, std::string_view where) {
  auto value = parse_json(json, where);
  if (!value) return result<browser_version>(boost::system::in_place_error, value.error());
  auto fail = [&](std::string_view why) {
    return result<browser_version>(boost::system::in_place_error, concat({where, ": ", why}));
  };
  if (!value->is_object()) return fail(concat({socketio::json_kind_words(value->kind()), ", not an object"}));
  const auto& o = value->get_object();
  browser_version out;
  if (!string_member(o, "Browser", out.browser) || !string_member(o, "Protocol-Version", out.protocol_version))
    return fail("'Browser' or 'Protocol-Version' is not a string");
  if (!string_member(o, "webSocketDebuggerUrl", out.websocket_url) || out.websocket_url.empty())
    return fail("no 'webSocketDebuggerUrl': is this Chrome's DevTools endpoint (--remote-debugging-port)?");
  return out;
}

result<std::vector<target_info>> parse_target_list(std::string_view json, std::string_view where) {
  using list = result<std::vector<target_info>>;
  auto value = parse_json(json, where);
  if (!value) return list(boost::system::in_place_error, value.error());
  auto fail = [&](std::string_view why) { return list(boost::system::in_place_error, concat({where, ": ", why})); };
  if (!value->is_array()) return fail(concat({socketio::json_kind_words(value->kind()), ", not an array of targets"}));
  std::vector<target_info> out;
  for (const auto& entry : value->get_array()) {
    const std::string at = concat({"target ", std::to_string(out.size())});
    if (!entry.is_object()) return fail(concat({at, " is ", socketio::json_kind_words(entry.kind()), ", not an object"}));
    const auto& o = entry.get_object();
    target_info t;
    if (!string_member(o, "id", t.id) || !string_member(o, "type", t.type) || !string_member(o, "url", t.url) ||
        !string_member(o, "title", t.title) || !string_member(o, "webSocketDebuggerUrl", t.websocket_url))
      return fail(concat({at, ": id, type, url, title and webSocketDebuggerUrl must be strings"}));
    if (t.id.empty() || t.type.empty() || !o.contains("url")) return fail(concat({at, " has no id, type or url"}));
    out.push_back(std::move(t));
  }
  return out;
}

std::string page_rule::describe() const {
  return concat({"a page whose URL ", prefix ? "starts with '" : "contains '", text, "'"});
}

bool page_rule::matches(const target_info& t) const {
  return t.type == "page" && (prefix ? t.url.starts_with(text) : t.url.find(text) != std::string::npos);
}

result<target_info> pick_page(const std::vector<target_info>& targets, const page_rule& rule) {
  for (const auto& t : targets)
    if (rule.matches(t)) return t;
  std::string listed;
  for (std::size_t i = 0; i < targets.size() && i < max_targets_listed; ++i)
    listed += concat({"\n  ", targets[i].type, " ", targets[i].url, " (", targets[i].title, ")"});
  if (targets.size() > max_targets_listed)
    listed += concat({"\n  and ", std::to_string(targets.size() - max_targets_listed), " more"});
  return result<target_info>(boost::system::in_place_error,
                             concat({"none of the ", std::to_string(targets.size()), " targets is ", rule.describe(),
                                     targets.empty() ? "" : ":", listed,
                                     "\nopen the game in a tab of that Chrome, then try again"}));
}

}  // namespace replayer::cdp
