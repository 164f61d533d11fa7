#include "browser/page_controls.hpp"
#include "core/failed.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <cstdio>

namespace replayer::browser {
namespace {

namespace asio = boost::asio;
namespace json = boost::json;
using clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds wait_poll_interval{25};

std::string quoted(std::string_view text) { return json::serialize(json::string(text)); }

std::string string_member(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<double> number_member(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_number()) return std::nullopt;
  return v->to_number<double>();
}

boost::system::result<located_control, std::string> parse_control(const json::value& v, const cdp::locator_table& table) {
  if (!v.is_object()) return failed<located_control>("a control is not an object");
  const json::object& o = v.as_object();
  located_control c;
  c.name = string_member(o, "name");
  const json::value* found = o.if_contains("found");
  if (c.name.empty() || !found || !found->is_bool()) return failed<located_control>("a control without a name or found");
  c.found = found->as_bool();
  c.by = string_member(o, "by");
  c.rule = string_member(o, "rule");
  c.text = string_member(o, "text");
  c.problem = string_member(o, "problem");
  if (const json::value* value = o.if_contains("value"); value && value->is_string()) c.value = std::string(value->as_string());
  const auto x = number_member(o, "x"), y = number_member(o, "y");
  if (!x || !y) return failed<located_control>(c.name + ": no centre");
  c.centre = {*x, *y};
  if (const auto n = number_member(o, "rejected_count")) c.rejected_count = static_cast<std::size_t>(*n);
  if (const json::value* rejected = o.if_contains("rejected"); rejected && rejected->is_array()) {
    for (const json::value& r : rejected->as_array()) {
      if (!r.is_object()) continue;
      c.rejected.push_back({string_member(r.as_object(), "element"), string_member(r.as_object(), "text"),
                            string_member(r.as_object(), "reason")});
    }
  }
  if (c.found && c.by == "text") {
    const cdp::control_rule* rule = table.find(c.name);
    const std::string text = cdp::normalise_text(c.text);
    bool taken = false;
    for (const cdp::text_pattern& p : rule ? rule->texts : std::vector<cdp::text_pattern>{}) taken = taken || cdp::text_matches(p, text);
    if (!taken)
      return failed<located_control>(c.name + ": the page's locator chose " + quoted(c.text) +
                                     ", which the table's texts do not take (locator.js and core/cdp/locator_table disagree)");
  }
  return c;
}

std::string evaluation_error(const json::object& reply) {
  const json::value* details = reply.if_contains("exceptionDetails");
  if (!details || !details->is_object()) return {};
  std::string what = string_member(details->as_object(), "text");
  if (const json::value* ex = details->as_object().if_contains("exception"); ex && ex->is_object())
    if (const std::string d = string_member(ex->as_object(), "description"); !d.empty()) what += " " + d;
  return what.empty() ? std::string("an exception") : what;
}

// The remaining part of a deadline, never below 1 ms (a call with no time left fails as a timeout).
std::chrono::milliseconds left(clock::time_point deadline) {
  const auto rest = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
  return rest.count() < 1 ? std::chrono::milliseconds(1) : rest;
}

asio::awaitable<boost::system::result<void, std::string>> send(cdp_client& client, const page_session& page,
                                                               std::string_view method, json::object params,
                                                               clock::time_point deadline) {
  auto r = co_await client.call(method, std::move(params), page.session_id, left(deadline));
  if (!r) co_return r.error().what;  // it names the method
  co_return boost::system::result<void, std::string>{};
}

std::string number_text(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f", v);
  return buffer;
}

}  // namespace

std::string located_control::describe() const {
  std::string out = name + ": ";
  if (found) {
    out += "by " + by + " " + rule + ", " + quoted(text);
    if (value) out += " (value " + quoted(*value) + ")";
    return out + " at (" + number_text(centre.x) + ", " + number_text(centre.y) + ")";
  }
  out += problem.empty() ? std::string("not found") : problem;
  if (rejected.empty()) return out + "; no candidate on the page";
  out += "; set aside:";
  for (std::size_t i = 0; i < rejected.size(); ++i)
    out += (i ? ", " : " ") + rejected[i].element + " " + quoted(rejected[i].text) + " (" + rejected[i].reason + ")";
  if (rejected_count > rejected.size()) out += ", and " + std::to_string(rejected_count - rejected.size()) + " more";
  return out;
}

boost::system::result<panel_view, std::string> parse_panel_view(const json::value& v, const cdp::locator_table& table) {
  const auto bad = [](const std::string& what) { return "the page's locator answered something else: " + what; };
  if (!v.is_object()) return bad("not an object");
  const json::value* controls = v.as_object().if_contains("controls");
  const json::value* viewport = v.as_object().if_contains("viewport");
  if (!controls || !controls->is_array() || !viewport || !viewport->is_object()) return bad("no controls or viewport");
  panel_view view;
  view.viewport_width = number_member(viewport->as_object(), "width").value_or(0);
  view.viewport_height = number_member(viewport->as_object(), "height").value_or(0);
  for (const json::value& c : controls->as_array()) {
    auto parsed = parse_control(c, table);
    if (!parsed) return bad(parsed.error());
    view.controls.push_back(std::move(*parsed));
  }
  return view;
}

asio::awaitable<boost::system::result<panel_view, std::string>> locate(cdp_client& client, const page_session& page,
                                                                      const cdp::locator_table& table,
                                                                      std::span<const std::string> names,
                                                                      std::chrono::milliseconds timeout) {
  json::array wanted(names.begin(), names.end());
  std::string expression = "(";
  expression.append(locator_script());
  expression += "\n)(" + json::serialize(cdp::locator_table_json(table)) + ", " + json::serialize(wanted) + ")";
  json::object params;
  params["expression"] = expression;
  params["returnByValue"] = true;
  params["awaitPromise"] = false;
  auto reply = co_await client.call("Runtime.evaluate", std::move(params), page.session_id, timeout);
  if (!reply) co_return "locating the panel's controls: " + reply.error().what;
  if (!reply->is_object()) co_return std::string("locating the panel's controls: Runtime.evaluate answered no object");
  if (const std::string e = evaluation_error(reply->as_object()); !e.empty())
    co_return "locating the panel's controls: the locator script failed in the page: " + e;
  const json::value* result = reply->as_object().if_contains("result");
  const json::value* value = result && result->is_object() ? result->as_object().if_contains("value") : nullptr;
  if (!value) co_return std::string("locating the panel's controls: Runtime.evaluate returned no value");
  auto view = parse_panel_view(*value, table);
  if (!view) co_return "locating the panel's controls: " + view.error();
  co_return std::move(*view);
}

asio::awaitable<boost::system::result<located_control, std::string>> locate_control(
    cdp_client& client, const page_session& page, const cdp::locator_table& table, std::string_view name,
    std::chrono::milliseconds timeout) {
  const std::vector<std::string> names{std::string(name)};
  auto view = co_await locate(client, page, table, names, timeout);
  if (!view) co_return failed<located_control>(view.error());
  located_control& c = view->controls.front();
  if (!c.found) co_return failed<located_control>(c.describe());
  co_return std::move(c);
}

asio::awaitable<boost::system::result<located_control, std::string>> wait_for_control(
    cdp_client& client, const page_session& page, const cdp::locator_table& table, std::string_view name,
    std::chrono::milliseconds within, std::chrono::milliseconds timeout) {
  const auto deadline = clock::now() + within;
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (;;) {
    auto c = co_await locate_control(client, page, table, name, timeout);
    if (c || clock::now() >= deadline) co_return c;
    timer.expires_after(wait_poll_interval);
    if (auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable)); ec)
      co_return failed<located_control>(std::string(name) + ": cancelled while waiting for it to appear");
  }
}

asio::awaitable<boost::system::result<void, std::string>> click_point(cdp_client& client, const page_session& page,
                                                                      point at, std::chrono::milliseconds timeout) {
  const auto deadline = clock::now() + timeout;
  const std::string where = "clicking at (" + number_text(at.x) + ", " + number_text(at.y) + "): ";
  for (const char* type : std::array{"mouseMoved", "mousePressed", "mouseReleased"}) {
    json::object params;
    params["type"] = type;
    params["x"] = at.x;
    params["y"] = at.y;
    if (std::string_view(type) != "mouseMoved") {
      params["button"] = "left";
      params["buttons"] = std::string_view(type) == "mousePressed" ? 1 : 0;
      params["clickCount"] = 1;
    }
    if (auto sent = co_await send(client, page, "Input.dispatchMouseEvent", std::move(params), deadline); !sent)
      co_return where + sent.error();
  }
  co_return boost::system::result<void, std::string>{};
}

asio::awaitable<boost::system::result<void, std::string>> set_text(cdp_client& client, const page_session& page,
                                                                   const cdp::locator_table& table, std::string_view name,
                                                                   std::string_view text,
                                                                   std::chrono::milliseconds timeout) {
  const cdp::control_rule* rule = table.find(name);
  if (!rule || rule->use != cdp::control_use::type)
    co_return std::string(name) + ": the locator table does not allow typing into it (its \"use\" is not \"type\")";
  const auto deadline = clock::now() + timeout;
  auto input = co_await locate_control(client, page, table, name, left(deadline));
  if (!input) co_return input.error();
  if (auto clicked = co_await click_point(client, page, input->centre, left(deadline)); !clicked)
    co_return std::string(name) + ": " + clicked.error();
  for (const char* type : std::array{"keyDown", "keyUp"}) {
    json::object key;
    key["type"] = type;
    key["key"] = "a";
    key["code"] = "KeyA";
    key["windowsVirtualKeyCode"] = 65;
    key["modifiers"] = 2;  // Ctrl
    if (std::string_view(type) == "keyDown") key["commands"].emplace_array().emplace_back("selectAll");
    if (auto sent = co_await send(client, page, "Input.dispatchKeyEvent", std::move(key), deadline); !sent)
      co_return std::string(name) + ": selecting its text: " + sent.error();
  }
  json::object insert;
  insert["text"] = text;
  if (auto sent = co_await send(client, page, "Input.insertText", std::move(insert), deadline); !sent)
    co_return std::string(name) + ": typing: " + sent.error();
  auto after = co_await locate_control(client, page, table, name, left(deadline));
  if (!after) co_return after.error();
  if (after->value != std::string(text))
    co_return std::string(name) + ": typed " + quoted(text) + " but the input holds " + quoted(after->value.value_or("(no value)"));
  co_return boost::system::result<void, std::string>{};
}

asio::awaitable<boost::system::result<std::string, std::string>> read_display(cdp_client& client, const page_session& page,
                                                                             const cdp::locator_table& table,
                                                                             std::string_view name,
                                                                             std::chrono::milliseconds timeout) {
  auto c = co_await locate_control(client, page, table, name, timeout);
  if (!c) co_return failed<std::string>(c.error());
  co_return boost::system::result<std::string, std::string>(boost::system::in_place_value, std::move(c->text));
}

}  // namespace replayer::browser
