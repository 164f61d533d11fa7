// record: the recording codec. Decoding each record type, every reason a line is refused (the
// exact words), extra tick members kept, and the round trip that matters most: every valid line
// of the shared corpus re-encodes to the very same bytes.
#include "core/line_source.hpp"
#include "core/record.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using replayer::record_decoder;
using replayer::record_type;
using rec = replayer::record;  // the suite is namespace `record`

namespace {

const std::string tick_line =
    R"({"type": "tick", "timestamp": "2025-10-29T18:57:06.222832", "game_id": "20251029-6a44b3cc7fe74323", )"
    R"("tick": 0, "price": 1.0, "phase": "UNKNOWN", "active": false, "rugged": false, "cooldown_timer": 14800, )"
    R"("trade_count": 0})";

// The ten standard members with one of them replaced ("" removes it).
std::string tick_with(std::string_view key, std::string_view value_json) {
  const std::vector<std::pair<std::string, std::string>> members = {
      {"type", "\"tick\""},
      {"timestamp", "\"2025-10-31T15:21:23.227870\""},
      {"game_id", "\"20251031-3e416afec69a49b1\""},
      {"tick", "1"},
      {"price", "0.9851206559794085"},
      {"phase", "\"ACTIVE_GAMEPLAY\""},
      {"active", "true"},
      {"rugged", "false"},
      {"cooldown_timer", "0"},
      {"trade_count", "56"},
  };
  std::string out = "{";
  for (const auto& [k, v] : members) {
    if (k == key && value_json.empty()) continue;
    if (out.size() > 1) out += ", ";
    out += "\"" + k + "\": " + (k == key ? std::string(value_json) : v);
  }
  return out + "}";
}

// "ok:<type>" or the reason the decoder gave.
std::string decode_text(std::string_view line) {
  record_decoder decoder;
  rec r;
  auto result = decoder.decode(line, r);
  if (!result) return result.error().reason;
  return "ok:" + std::string(replayer::record_type_name(*result));
}

// `"text"` (built by appending: GCC 12 warns falsely about "\"" + std::string).
std::string in_quotes(std::string_view text) {
  std::string out(1, '"');
  out.append(text);
  out += '"';
  return out;
}

std::string round_trip(std::string_view line) {
  record_decoder decoder;
  rec r;
  auto result = decoder.decode(line, r);
  BOOST_TEST_REQUIRE(result.has_value(), "refused: " << line);
  std::string out;
  replayer::encode(out, r);
  return out;
}

std::string line_of(const fs::path& file, std::size_t number) {
  std::ifstream in(file, std::ios::binary);
  std::string line;
  for (std::size_t i = 0; i < number && std::getline(in, line); ++i) {
  }
  return line;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(record)

BOOST_AUTO_TEST_CASE(decodes_a_tick) {
  record_decoder decoder;
  rec r;
  auto result = decoder.decode(tick_with("", ""), r);
  BOOST_TEST_REQUIRE(result.has_value());
  BOOST_TEST((*result == record_type::tick));
  BOOST_TEST((r.type == record_type::tick));
  const replayer::tick& t = r.tick;
  BOOST_TEST(t.game_id.view() == "20251031-3e416afec69a49b1");
  BOOST_TEST(r.game_id() == "20251031-3e416afec69a49b1");
  BOOST_TEST(t.timestamp_text.view() == "2025-10-31T15:21:23.227870");
  // 2025-10-31 is day 20392 since the epoch; 15:21:23.227870 is 55283.227870 s into it.
  BOOST_TEST(t.time.time_since_epoch().count() == 20392LL * 86'400'000'000LL + 55'283'227'870LL);
  BOOST_TEST(t.index == 1);
  BOOST_TEST(t.price.text() == "0.9851206559794085");
  BOOST_TEST(t.price.value().str() == "0.9851206559794085");
  BOOST_TEST((t.phase == replayer::phase::active_gameplay));
  BOOST_TEST(t.active);
  BOOST_TEST(!t.rugged);
  BOOST_TEST(t.cooldown_ms == 0);
  BOOST_TEST(t.trade_count == 56);
  BOOST_TEST((r.fields.kind == replayer::json_kind::null));  // no members beyond the ten
  std::string out;
  replayer::encode_tick(out, t);
  BOOST_TEST(out == tick_with("", ""));
}

BOOST_AUTO_TEST_CASE(decodes_every_record_type) {
  struct sample {
    std::string line;
    record_type type;
    std::string game_id;
  };
  const std::vector<sample> samples = {
      {tick_line, record_type::tick, "20251029-6a44b3cc7fe74323"},
      {R"({"type": "game_start", "timestamp": "2025-10-29T18:57:06.223109", "game_id": "20251029-6a44b3cc7fe74323"})",
       record_type::game_start, "20251029-6a44b3cc7fe74323"},
      {R"({"type": "game_end", "timestamp": "2025-10-29T18:39:08.592878", "game_id": "20251029-e0e72b644b944a13", )"
       R"("total_ticks": 719, "tick_range": [347, 1066], "price_range": [0.018679378317749025, 148.28868589350665], )"
       R"("peak_price": 148.28868589350665, "final_price": 0.018679378317749025})",
       record_type::game_end, "20251029-e0e72b644b944a13"},
      {R"({"type": "game_complete", "timestamp": "2025-10-29T17:47:28.405327", "game_id": "20251029-76904c57e7ab4e86", )"
       R"("game_number": 1, "final_tick": 262, "peak_multiplier": 9.240025123471618, "server_seed": "0169a2a1090cb0daca81"})",
       record_type::game_complete, "20251029-76904c57e7ab4e86"},
      {R"({"type": "session_start", "timestamp": "2025-10-29T17:46:40.404334", "session_id": "20251029_174640", )"
       R"("starting_balance": 0.05, "max_games": 2})",
       record_type::session_start, ""},
      {R"({"type": "session_end", "timestamp": "2025-10-29T17:49:48.340417", "total_games": 2, "total_ticks": 838, )"
       R"("ending_balance": null})",
       record_type::session_end, ""},
      {R"({"type": "heartbeat", "n": 1, "nested": {"a": [true, false, null, {}], "b": []}})", record_type::other, ""},
      {R"({"type": "other", "game_id": "x"})", record_type::other, "x"},
  };
  for (const auto& s : samples) {
    record_decoder decoder;
    rec r;
    auto result = decoder.decode(s.line, r);
    BOOST_TEST_REQUIRE(result.has_value(), s.line);
    BOOST_TEST((*result == s.type), s.line);
    BOOST_TEST((r.type == s.type), s.line);
    BOOST_TEST(r.game_id() == s.game_id, s.line);
    std::string out;
    replayer::encode(out, r);
    BOOST_TEST(out == s.line);
  }
}

BOOST_AUTO_TEST_CASE(game_end_fields_are_kept) {
  record_decoder decoder;
  rec r;
  BOOST_TEST_REQUIRE(decoder.decode(R"({"type": "game_end", "game_id": "g", "status": "complete", "tick_range": [3, 9]})", r)
                         .has_value());
  const replayer::json_value* status = r.fields.find("status");
  BOOST_TEST_REQUIRE(status != nullptr);
  BOOST_TEST(status->text == "complete");
  const replayer::json_value* range = r.fields.find("tick_range");
  BOOST_TEST_REQUIRE(range != nullptr);
  BOOST_TEST_REQUIRE(range->items.size() == 2u);
  BOOST_TEST(range->items[1].text == "9");
  BOOST_TEST(r.fields.find("missing") == nullptr);
}

BOOST_AUTO_TEST_CASE(extra_tick_members_are_kept_after_the_standard_ten) {
  const std::string line = tick_with("", "").substr(0, tick_with("", "").size() - 1) +
                           R"(, "extra": [1, 2.50, {"a": null, "b": "\u00e9"}], "z": -0.0, "e": 1E+2})";
  record_decoder decoder;
  rec r;
  BOOST_TEST_REQUIRE(decoder.decode(line, r).has_value());
  BOOST_TEST((r.fields.kind == replayer::json_kind::object));
  BOOST_TEST(r.fields.keys == (std::vector<std::string>{"extra", "z", "e"}), boost::test_tools::per_element());
  BOOST_TEST(r.fields.find("z")->text == "-0.0");  // number texts verbatim
  BOOST_TEST(r.fields.find("e")->text == "1E+2");
  std::string out;
  replayer::encode(out, r);
  BOOST_TEST(out == line);

  // The decoder is reused: a plain tick after it must not inherit the extras.
  BOOST_TEST_REQUIRE(decoder.decode(tick_line, r).has_value());
  BOOST_TEST((r.fields.kind == replayer::json_kind::null));
  out.clear();
  replayer::encode(out, r);
  BOOST_TEST(out == tick_line);
}

BOOST_AUTO_TEST_CASE(other_layouts_are_rewritten_in_the_recorders_layout) {
  // Compact separators and another member order: accepted, written back in the standard order
  // and Python's layout, and that text is then stable.
  const std::string compact =
      R"({"game_id":"g1","type":"tick","tick":7,"timestamp":"2025-10-29T18:57:06Z","price":2.5,"phase":"PRESALE",)"
      R"("active":false,"rugged":false,"cooldown_timer":100,"trade_count":3,"x":[1,{"k":"v"}]})";
  const std::string expected =
      R"({"type": "tick", "timestamp": "2025-10-29T18:57:06Z", "game_id": "g1", "tick": 7, "price": 2.5, )"
      R"("phase": "PRESALE", "active": false, "rugged": false, "cooldown_timer": 100, "trade_count": 3, )"
      R"("x": [1, {"k": "v"}]})";
  BOOST_TEST(round_trip(compact) == expected);
  BOOST_TEST(round_trip(expected) == expected);
  BOOST_TEST(round_trip(R"({ "type" : "session_end" ,"a":[ ] }   )") == R"({"type": "session_end", "a": []})");
}

BOOST_AUTO_TEST_CASE(strings_are_escaped_as_python_does) {
  // ensure_ascii: everything outside 0x20..0x7E as \uXXXX (DEL included), astral characters as
  // surrogate pairs, and the short escapes Python uses.
  const std::string line =
      R"({"type": "note", "text": "caf\u00e9 \ud83d\ude00 \u007f \u0001 \" \\ / \n\r\t\b\f", "k\u00e9y": 1})";
  BOOST_TEST(round_trip(line) == line);
  // Raw UTF-8 and a \/ escape on input come out as Python would have written them.
  BOOST_TEST(round_trip("{\"type\": \"note\", \"text\": \"caf\xc3\xa9 \\/\"}") ==
             R"({"type": "note", "text": "caf\u00e9 /"})");
}

BOOST_AUTO_TEST_CASE(refuses_what_is_not_a_json_object) {
  BOOST_TEST(decode_text("") == "invalid JSON at column 1: incomplete JSON");
  BOOST_TEST(decode_text("nope") == "invalid JSON at column 1: syntax error");
  BOOST_TEST(decode_text("{\"type\": \"tick\"") == "invalid JSON at column 16: incomplete JSON");
  BOOST_TEST(decode_text("{\"type\": \"tick\"} x") == "invalid JSON at column 18: extra data");
  BOOST_TEST(decode_text("{\"type\": \"tick\"}{}") == "invalid JSON at column 17: extra data");
  BOOST_TEST(decode_text("{\"type\": \"tick\",}") == "invalid JSON at column 17: syntax error");
  BOOST_TEST(decode_text("[1, 2]") == "expected a JSON object, found an array");
  BOOST_TEST(decode_text("\"tick\"") == "expected a JSON object, found a string");
  BOOST_TEST(decode_text("42") == "expected a JSON object, found a number");
  BOOST_TEST(decode_text("null") == "expected a JSON object, found null");
  BOOST_TEST(decode_text("true") == "expected a JSON object, found a boolean");
  BOOST_TEST(decode_text("{}") == "missing field \"type\"");
  BOOST_TEST(decode_text("{\"type\": 5}") == "field \"type\" is a number, expected a string");
  BOOST_TEST(decode_text("{\"Type\": \"tick\"}") == "missing field \"type\"");
}

BOOST_AUTO_TEST_CASE(refuses_a_tick_with_a_missing_field) {
  for (std::string_view key :
       {"timestamp", "game_id", "tick", "price", "phase", "active", "rugged", "cooldown_timer", "trade_count"})
    BOOST_TEST(decode_text(tick_with(key, "")) == "missing field \"" + std::string(key) + "\"");
  BOOST_TEST(decode_text(R"({"type": "tick"})") == "missing field \"timestamp\"");
}

BOOST_AUTO_TEST_CASE(refuses_a_tick_with_a_mistyped_field) {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"timestamp", "5", R"(field "timestamp" is a number, expected a string)"},
      {"game_id", "null", R"(field "game_id" is null, expected a string)"},
      {"tick", "\"3\"", R"(field "tick" is a string, expected an integer)"},
      {"price", "\"1.0\"", R"(field "price" is a string, expected a number)"},
      {"phase", "3", R"(field "phase" is a number, expected a string)"},
      {"active", "1", R"(field "active" is a number, expected a boolean)"},
      {"rugged", "null", R"(field "rugged" is null, expected a boolean)"},
      {"cooldown_timer", "{}", R"(field "cooldown_timer" is an object, expected an integer)"},
      {"trade_count", "[]", R"(field "trade_count" is an array, expected an integer)"},
      {"active", "\"true\"", R"(field "active" is a string, expected a boolean)"},
  };
  for (const auto& [key, value, reason] : cases) BOOST_TEST(decode_text(tick_with(key, value)) == reason);
}

BOOST_AUTO_TEST_CASE(refuses_a_tick_with_an_unusable_value) {
  const std::string long_time = "2025-10-31T15:21:23.22787000000000000000";  // 40 characters
  const std::string long_id(48, 'g');
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"timestamp", "\"yesterday\"", R"(field "timestamp" has an unreadable time "yesterday")"},
      {"timestamp", "\"2025-02-30T00:00:00\"", R"(field "timestamp" has an unreadable time "2025-02-30T00:00:00")"},
      {"timestamp", in_quotes(long_time), R"(field "timestamp" is longer than 39 characters)"},
      {"game_id", in_quotes(long_id), R"(field "game_id" is longer than 47 characters)"},
      {"tick", "1.5", R"(field "tick" has a non-integer value "1.5")"},
      {"tick", "1e3", R"(field "tick" has a non-integer value "1e3")"},
      {"tick", "18446744073709551615", R"(field "tick" has a non-integer value "18446744073709551615")"},
      {"cooldown_timer", "100.0", R"(field "cooldown_timer" has a non-integer value "100.0")"},
      {"trade_count", "-2.5", R"(field "trade_count" has a non-integer value "-2.5")"},
      {"price", "-1", R"(field "price" has an unusable price "-1")"},
      {"price", "1e12", R"(field "price" has an unusable price "1e12")"},
      {"phase", "\"LIVE\"", R"(field "phase" has an unknown phase "LIVE")"},
      {"phase", "\"active_gameplay\"", R"(field "phase" has an unknown phase "active_gameplay")"},
  };
  for (const auto& [key, value, reason] : cases) BOOST_TEST(decode_text(tick_with(key, value)) == reason);
  // The limits themselves are fine.
  BOOST_TEST(decode_text(tick_with("game_id", in_quotes(std::string(47, 'g')))) == "ok:tick");
  BOOST_TEST(decode_text(tick_with("timestamp", in_quotes(long_time.substr(0, 39)))) == "ok:tick");
}

// core/record_limits.hpp: values the trading math cannot carry are bad lines, with the range.
BOOST_AUTO_TEST_CASE(refuses_a_tick_with_a_value_out_of_range) {
  const std::string price_range = ", outside 1e-8 .. 1e9 (the range the exact trading math carries)";
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"price", "1e-14", "field \"price\" is 1e-14" + price_range},
      {"price", "0", "field \"price\" is 0" + price_range},
      {"price", "0.000000009", "field \"price\" is 0.000000009" + price_range},
      {"price", "1000000001", "field \"price\" is 1000000001" + price_range},
      {"tick", "-1", R"(field "tick" is -1, outside 0 .. 100000)"},
      {"tick", "100001", R"(field "tick" is 100001, outside 0 .. 100000)"},
      {"tick", "-9223372036854775808", R"(field "tick" is -9223372036854775808, outside 0 .. 100000)"},
      {"tick", "9223372036854775807", R"(field "tick" is 9223372036854775807, outside 0 .. 100000)"},
      {"cooldown_timer", "-1", R"(field "cooldown_timer" is -1, outside 0 .. 86400000)"},
      {"cooldown_timer", "86400001", R"(field "cooldown_timer" is 86400001, outside 0 .. 86400000)"},
      {"trade_count", "-3", R"(field "trade_count" is -3, outside 0 .. 1000000000000)"},
  };
  for (const auto& [key, value, reason] : cases) BOOST_TEST(decode_text(tick_with(key, value)) == reason);
  // The bounds themselves are in range, on the fast path and the general one alike.
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"price", "0.00000001"}, {"price", "1e-8"}, {"price", "1000000000"}, {"tick", "0"}, {"tick", "100000"},
           {"cooldown_timer", "86400000"}, {"trade_count", "1000000000000"}})
    BOOST_TEST(decode_text(tick_with(key, value)) == "ok:tick", key << "=" << value);
}

BOOST_AUTO_TEST_CASE(game_records_need_a_game_id) {
  BOOST_TEST(decode_text(R"({"type": "game_end", "timestamp": "x"})") == "missing field \"game_id\"");
  BOOST_TEST(decode_text(R"({"type": "game_start", "game_id": {}})") == "field \"game_id\" is an object, expected a string");
  BOOST_TEST(decode_text(R"({"type": "game_complete", "game_id": null})") == "field \"game_id\" is null, expected a string");
  // Session records and unknown types have none and need none.
  BOOST_TEST(decode_text(R"({"type": "session_start"})") == "ok:session_start");
  BOOST_TEST(decode_text(R"({"type": "whatever"})") == "ok:other");
}

BOOST_AUTO_TEST_CASE(the_corrupt_lines_of_the_test_data) {
  // Two records glued together by the recorder (tests/data copies of the shared corpus).
  const fs::path file = fs::path(REPLAYER_TEST_DATA) / "game_20251031_152108.jsonl";
  const std::string glued = line_of(file, 152);
  BOOST_TEST_REQUIRE(glued.size() > 222u);
  BOOST_TEST(glued.substr(221, 3) == "}{{");
  BOOST_TEST(decode_text(glued) == "invalid JSON at column 223: extra data");
  // The decoder recovers: the next line is fine.
  BOOST_TEST(decode_text(line_of(file, 153)) == "ok:tick");
}

BOOST_AUTO_TEST_CASE(round_trip_over_the_whole_corpus) {
  const auto corpus = test_support::shared_recording_files();
  if (!corpus) return;  // skipped, with a warning
  const std::vector<fs::path>& files = *corpus;
  BOOST_TEST(files.size() == 310u);

  record_decoder decoder;
  rec r;
  std::string out;
  std::size_t lines = 0, valid = 0, refused = 0, ticks = 0, mismatched = 0;
  std::map<std::string, std::size_t> refused_per_file;
  for (const auto& file : files) {
    auto source = replayer::file_lines::open(file);
    BOOST_TEST_REQUIRE(source.has_value(), file);
    while (auto line = source->next()) {
      ++lines;
      BOOST_TEST_REQUIRE(!line->overlong);
      if (!decoder.decode(line->text, r)) {
        ++refused;
        ++refused_per_file[file.filename().string()];
        continue;
      }
      ++valid;
      ticks += r.type == record_type::tick;
      out.clear();
      replayer::encode(out, r);
      if (out != line->text && ++mismatched <= 5)
        BOOST_ERROR(file.filename().string() << ":" << line->number << " re-encodes differently:\n  was " << line->text
                                              << "\n  now " << out);
    }
    BOOST_TEST(!source->read_error());
  }
  BOOST_TEST_MESSAGE("round trip: " << valid << " valid lines of " << lines << " (" << ticks << " ticks) in "
                                    << files.size() << " files re-encode to identical bytes; " << refused
                                    << " corrupt lines refused");
  BOOST_TEST(mismatched == 0u);
  BOOST_TEST(lines == 108646u);
  BOOST_TEST(valid == 108579u);
  BOOST_TEST(ticks == 107955u);
  BOOST_TEST(refused == 67u);
  const std::map<std::string, std::size_t>& expected = test_support::shared_corpus_bad_lines_per_file();
  BOOST_TEST((refused_per_file == expected));
}

BOOST_AUTO_TEST_SUITE_END()
