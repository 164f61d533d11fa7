// The CDP codec (core/cdp/message.hpp): calls encoded as Chrome reads them, every kind of
// incoming message decoded or refused with a message that says why; and the pending-call table
// (core/cdp/pending_calls.hpp): ids in order, replies matched out of order, and every reply that
// matches nothing counted as late, duplicate or unknown, within its bounds.
#include "core/cdp/message.hpp"
#include "core/cdp/pending_calls.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>
#include <variant>

using namespace replayer::cdp;

namespace {

reply decode_reply(std::string_view text) {
  auto d = decode(text);
  BOOST_TEST_REQUIRE(std::holds_alternative<reply>(d), text);
  return std::get<reply>(d);
}

event decode_event(std::string_view text) {
  auto d = decode(text);
  BOOST_TEST_REQUIRE(std::holds_alternative<event>(d), text);
  return std::get<event>(d);
}

protocol_error refused(std::string_view text, const decode_limits& limits = {}) {
  auto d = decode(text, limits);
  BOOST_TEST_REQUIRE(std::holds_alternative<protocol_error>(d), text);
  return std::get<protocol_error>(d);
}

bool has(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

}  // namespace

BOOST_AUTO_TEST_SUITE(cdp_message)

BOOST_AUTO_TEST_CASE(a_call_is_id_method_params_and_a_session_only_when_given) {
  const boost::json::object params{{"expression", "document.title = \"a \\\"b\\\"\""}, {"returnByValue", true}};
  const auto browser_level = boost::json::parse(encode_call(7, "Runtime.evaluate", params)).as_object();
  BOOST_TEST(browser_level.at("id").as_int64() == 7);
  BOOST_TEST(browser_level.at("method").as_string() == "Runtime.evaluate");
  BOOST_TEST(browser_level.at("params").as_object() == params);
  BOOST_TEST(!browser_level.contains("sessionId"));
  BOOST_TEST(browser_level.size() == 3u);

  const auto in_session = boost::json::parse(encode_call(8, "DOM.getDocument", {}, "E3F1A9")).as_object();
  BOOST_TEST(in_session.at("sessionId").as_string() == "E3F1A9");
  BOOST_TEST(in_session.at("params").as_object().empty());
  // What goes on the wire: the members in the order Chrome's own clients write them.
  BOOST_TEST(encode_call(9, "Page.enable", {}) == R"({"id":9,"method":"Page.enable","params":{}})");
}

BOOST_AUTO_TEST_CASE(replies_carry_their_result_or_chromes_error) {
  const auto ok = decode_reply(R"({"id":12,"result":{"result":{"type":"number","value":3}},"sessionId":"S1"})");
  BOOST_TEST(ok.id == 12u);
  BOOST_TEST(!ok.error);
  BOOST_TEST(ok.result.as_object().at("result").as_object().at("value").as_int64() == 3);
  BOOST_TEST(ok.session_id == "S1");

  const auto empty = decode_reply(R"({"id":1,"result":{}})");
  BOOST_TEST(empty.result.as_object().empty());
  BOOST_TEST(empty.session_id.empty());

  const auto failed = decode_reply(R"({"id":3,"error":{"code":-32601,"message":"'Nope.nope' wasn't found"}})");
  BOOST_TEST_REQUIRE(failed.error.has_value());
  BOOST_TEST(failed.error->code == -32601);
  BOOST_TEST(failed.error->message == "'Nope.nope' wasn't found");
  BOOST_TEST(failed.error->data.empty());
  BOOST_TEST(failed.result.is_null());

  const auto with_data = decode_reply(R"({"id":4,"error":{"code":-32602,"message":"Invalid parameters","data":"Failed to deserialize params.expression"}})");
  BOOST_TEST(with_data.error->data == "Failed to deserialize params.expression");
  const auto object_data = decode_reply(R"({"id":5,"error":{"code":-32000,"message":"x","data":{"a":1}}})");
  BOOST_TEST(object_data.error->data == R"({"a":1})");
  // Ids beyond int64 still decode (the table never issues them: they are unknown replies).
  BOOST_TEST(decode_reply(R"({"id":18446744073709551615,"result":{}})").id == 18446744073709551615u);
}

BOOST_AUTO_TEST_CASE(events_carry_method_params_and_session) {
  const auto e = decode_event(
      R"({"method":"Network.webSocketFrameReceived","params":{"requestId":"1.2","response":{"payloadData":"42[\"playerUpdate\",{}]"}},"sessionId":"AB"})");
  BOOST_TEST(e.method == "Network.webSocketFrameReceived");
  BOOST_TEST(e.params.at("response").as_object().at("payloadData").as_string() == R"(42["playerUpdate",{}])");
  BOOST_TEST(e.session_id == "AB");
  const auto bare = decode_event(R"({"method":"Inspector.detached"})");
  BOOST_TEST(bare.params.empty());
  BOOST_TEST(bare.session_id.empty());
}

BOOST_AUTO_TEST_CASE(messages_that_are_not_cdp_are_refused_with_a_reason) {
  struct bad {
    std::string_view text;
    error_kind kind;
    std::string_view says;
  };
  const bad cases[] = {
      {"", error_kind::not_json, "invalid JSON at byte 0 of 0"},
      {"{\"id\":1,", error_kind::not_json, "invalid JSON"},
      {"garbage", error_kind::not_json, "invalid JSON"},
      {"[1,2]", error_kind::not_an_object, "an array, not an object"},
      {"\"text\"", error_kind::not_an_object, "a string, not an object"},
      {R"({"id":0,"result":{}})", error_kind::bad_id, "'id' is 0, not a positive integer"},
      {R"({"id":-3,"result":{}})", error_kind::bad_id, "'id' is -3"},
      {R"({"id":1.5,"result":{}})", error_kind::bad_id, "'id' is 1.5"},
      {R"({"id":"7","result":{}})", error_kind::bad_id, "'id' is a string"},
      {R"({"id":null,"result":{}})", error_kind::bad_id, "'id' is null"},
      {R"({"id":2})", error_kind::bad_member, "the reply to call 2 has neither 'result' nor 'error'"},
      {R"({"id":2,"result":[]})", error_kind::bad_member, "'result' is an array, not an object"},
      {R"({"id":2,"error":"no"})", error_kind::bad_member, "'error' is a string, not an object"},
      {R"({"id":2,"error":{"message":"m"}})", error_kind::bad_member, "no integer 'code'"},
      {R"({"id":2,"error":{"code":1}})", error_kind::bad_member, "no string 'message'"},
      {R"({"id":2,"result":{},"sessionId":5})", error_kind::bad_member, "'sessionId' is an integer, not a string"},
      {R"({"method":7})", error_kind::bad_member, "'method' is an integer, not a string"},
      {R"({"method":""})", error_kind::bad_member, "'method' is empty"},
      {R"({"method":"A.b","params":[1]})", error_kind::bad_member, "'params' is an array, not an object"},
      {R"({"method":"A.b","sessionId":true})", error_kind::bad_member, "'sessionId' is a boolean"},
      {R"({"result":{}})", error_kind::neither, "neither 'id' (a reply) nor 'method' (an event)"},
      {"{}", error_kind::neither, "neither"},
  };
  for (const auto& c : cases) {
    const auto e = refused(c.text);
    BOOST_TEST(error_kind_name(e.kind) == error_kind_name(c.kind), c.text);
    BOOST_TEST(has(e.message, c.says), c.text << " -> " << e.message);
    BOOST_TEST(e.message.starts_with("CDP message: "), e.message);
  }
}

BOOST_AUTO_TEST_CASE(the_size_and_depth_bounds_hold) {
  const std::string message = R"({"method":"A.b","params":{"x":"0123456789"}})";
  const auto at_bound = decode(message, {message.size(), 8});
  BOOST_TEST(std::holds_alternative<event>(at_bound));
  const auto over = refused(message, {message.size() - 1, 8});
  BOOST_TEST(error_kind_name(over.kind) == "oversized_message");
  BOOST_TEST(has(over.message, std::to_string(message.size()) + " bytes, above the bound of " +
                                   std::to_string(message.size() - 1)));
  const std::string deep = R"({"method":"A.b","params":{"a":{"b":{"c":[[[1]]]}}}})";
  BOOST_TEST(std::holds_alternative<event>(decode(deep, {1000, 7})));
  BOOST_TEST(error_kind_name(refused(deep, {1000, 6}).kind) == "not_json");
}

BOOST_AUTO_TEST_CASE(the_table_matches_replies_out_of_order) {
  client_counters counters;
  pending_calls<int> table(counters);
  const auto a = table.add("Page.enable", 10);
  const auto b = table.add("Runtime.evaluate", 20);
  const auto c = table.add("DOM.getDocument", 30);
  BOOST_TEST_REQUIRE((a && b && c));
  BOOST_TEST(*a == 1u);
  BOOST_TEST(*b == 2u);
  BOOST_TEST(*c == 3u);
  BOOST_TEST(table.size() == 3u);
  for (const auto& [id, waiter, method] : {std::tuple{*c, 30, "DOM.getDocument"}, std::tuple{*a, 10, "Page.enable"},
                                           std::tuple{*b, 20, "Runtime.evaluate"}}) {
    auto m = table.take(id);
    BOOST_TEST(reply_match_name(m.kind) == "waiting");
    BOOST_TEST_REQUIRE(m.waiting.has_value());
    BOOST_TEST(m.waiting->waiter == waiter);
    BOOST_TEST(m.waiting->method == method);
    BOOST_TEST(m.waiting->id == id);
  }
  BOOST_TEST(table.size() == 0u);
  BOOST_TEST(counters.calls == 3u);
  BOOST_TEST(counters.replies == 3u);
}

BOOST_AUTO_TEST_CASE(replies_that_match_nothing_are_counted_by_why) {
  client_counters counters;
  pending_calls<int> table(counters);
  const auto answered = *table.add("A.a", 1);
  const auto given_up = *table.add("B.b", 2);
  BOOST_TEST(reply_match_name(table.take(answered).kind) == "waiting");
  BOOST_TEST(table.abandon(given_up));
  BOOST_TEST(!table.abandon(given_up));  // once only
  BOOST_TEST(!table.waiting(given_up));

  BOOST_TEST(reply_match_name(table.take(given_up).kind) == "late");
  BOOST_TEST(reply_match_name(table.take(given_up).kind) == "duplicate");  // a second late reply
  BOOST_TEST(reply_match_name(table.take(answered).kind) == "duplicate");
  BOOST_TEST(reply_match_name(table.take(3).kind) == "unknown");  // never issued
  BOOST_TEST(reply_match_name(table.take(0).kind) == "unknown");
  BOOST_TEST(counters.replies == 1u);
  BOOST_TEST(counters.late_replies == 1u);
  BOOST_TEST(counters.duplicate_replies == 2u);
  BOOST_TEST(counters.unknown_replies == 2u);
}

BOOST_AUTO_TEST_CASE(the_bounds_refuse_and_forget_and_are_counted) {
  client_counters counters;
  pending_calls<int> table(counters, 2, 2);
  const auto one = *table.add("A", 1);
  const auto two = *table.add("B", 2);
  BOOST_TEST(!table.add("C", 3).has_value());
  BOOST_TEST(counters.pending_full == 1u);
  BOOST_TEST(counters.calls == 2u);
  table.withdraw(two);  // never sent: room again, and nothing remembered
  BOOST_TEST(table.size() == 1u);
  const auto three = *table.add("C", 3);
  BOOST_TEST(three == 3u);

  table.abandon(one);
  table.abandon(three);
  const auto four = *table.add("D", 4);
  table.abandon(four);  // a third given-up id: the oldest (1) is forgotten
  BOOST_TEST(table.abandoned() == 2u);
  BOOST_TEST(counters.abandoned_forgotten == 1u);
  BOOST_TEST(reply_match_name(table.take(one).kind) == "duplicate");  // forgotten: no longer told from a duplicate
  BOOST_TEST(reply_match_name(table.take(three).kind) == "late");
  BOOST_TEST(reply_match_name(table.take(four).kind) == "late");
}

BOOST_AUTO_TEST_CASE(take_all_empties_the_table_in_id_order) {
  client_counters counters;
  pending_calls<int> table(counters);
  for (int i = 0; i < 5; ++i) table.add("M" + std::to_string(i), i);
  table.take(2);
  const auto all = table.take_all();
  BOOST_TEST_REQUIRE(all.size() == 4u);
  BOOST_TEST(all.front().id == 1u);
  BOOST_TEST(all.back().id == 5u);
  BOOST_TEST(all[1].method == "M2");
  BOOST_TEST(table.size() == 0u);
  BOOST_TEST(reply_match_name(table.take(1).kind) == "duplicate");  // gone with the connection, not late
}

BOOST_AUTO_TEST_SUITE_END()
