#include "core/feed/fake_feed.hpp"

#include "core/append_int.hpp"
#include "core/json_flat.hpp"
#include "core/json_value.hpp"

#include <deque>

namespace replayer {
namespace {

const char* boolean(bool b) { return b ? "true" : "false"; }

std::chrono::microseconds since(timestamp origin, timestamp t) {
  return t > origin ? std::chrono::duration_cast<std::chrono::microseconds>(t - origin) : std::chrono::microseconds{0};
}

}  // namespace

void append_game_events(const game& g, timestamp origin, std::vector<scripted_event>& out) {
  // The last in-play ticks, for partialPrices.
  std::deque<const tick*> window;
  for (const tick& t : g.ticks) {
    if (is_in_play(t.phase) || t.phase == phase::rug_event_1) {
      // One value per tick, as the server's map has: a repeated line replaces the one before.
      if (!window.empty() && window.back()->index == t.index) window.pop_back();
      window.push_back(&t);
      if (static_cast<std::int64_t>(window.size()) > partial_prices_window) window.pop_front();
    }
    std::string p = "{\"gameId\": ";
    write_python_json_string(p, t.game_id);
    p += ", \"active\": ";
    p += boolean(t.active);
    p += ", \"price\": ";
    p += t.price.text();
    p += ", \"rugged\": ";
    p += boolean(t.rugged);
    p += ", \"tickCount\": ";
    append_int(p, t.index);
    p += ", \"cooldownTimer\": ";
    append_int(p, t.cooldown_ms);
    p += ", \"allowPreRoundBuys\": ";
    p += boolean(t.phase == phase::presale);
    p += ", \"tradeCount\": ";
    append_int(p, t.trade_count);
    if (!window.empty() && window.back() == &t) {
      p += ", \"partialPrices\": {\"startTick\": ";
      append_int(p, window.front()->index);
      p += ", \"endTick\": ";
      append_int(p, t.index);
      p += ", \"values\": {";
      for (std::size_t i = 0; i < window.size(); ++i) {
        if (i) p += ", ";
        p += '"';
        append_int(p, window[i]->index);
        p += "\": ";
        p += window[i]->price.text();
      }
      p += "}}";
    }
    // The seed reveal: the server's history then holds the game (no seed here: a recording does
    // not have it), which is what marks a rug event.
    if (t.phase == phase::rug_event_1 || t.phase == phase::rug_event_2) {
      p += ", \"gameHistory\": [{\"id\": ";
      write_python_json_string(p, t.game_id);
      p += "}]";
    }
    p += '}';
    out.push_back({"gameStateUpdate", std::move(p), since(origin, t.time)});
  }
}

std::optional<timestamp> capture_line_time(std::string_view line) {
  json_flat_parser parser;
  if (parser.parse(line)) return std::nullopt;
  const json_node* ts = parser.member("timestamp");
  if (!ts || ts->kind != json_kind::string) return std::nullopt;
  return parse_timestamp(ts->text);
}

boost::system::result<scripted_event, std::string> parse_capture_line(std::string_view line, timestamp origin) {
  using result = boost::system::result<scripted_event, std::string>;
  auto fail = [](std::string why) { return result(boost::system::in_place_error, std::move(why)); };
  json_flat_parser parser;
  if (parser.parse(line)) return fail("not a JSON object");
  const json_node* name = parser.member("event_type");
  const json_node* ts = parser.member("timestamp");
  if (!name || name->kind != json_kind::string || name->text.empty()) return fail("no \"event_type\" string");
  const auto when = ts && ts->kind == json_kind::string ? parse_timestamp(ts->text) : std::nullopt;
  if (!when) return fail("no readable \"timestamp\"");
  // The payload is passed through as captured: the text after `"data": ` up to the closing brace
  // of the line, which the capture format writes last.
  constexpr std::string_view key = "\"data\": ";
  const std::size_t at = line.rfind(key);
  const std::size_t close = line.find_last_not_of(" \t\r");
  if (!parser.member("data") || at == std::string_view::npos || close == std::string_view::npos || line[close] != '}')
    return fail("no \"data\" member last on the line");
  std::string_view data = line.substr(at + key.size(), close - at - key.size());
  json_flat_parser check;
  if (check.parse(data)) return fail("\"data\" is not one JSON value at the end of the line");
  return scripted_event{std::string(name->text), std::string(data), since(origin, *when)};
}

}  // namespace replayer
