// libFuzzer target for the CDP codec and the pending-call table (core/cdp): arbitrary bytes, cut
// into messages at '\n', are decoded; between messages, the table gets calls added and given up
// as the input says, and every decoded reply is matched against it.
// Byte 0 picks the setup: bit 0 a small size bound (64 bytes), bit 1 a shallow depth bound (3),
// bits 2-3 the table's bound on pending calls (1, 4, 16, 1024), bit 4 a tiny abandoned-id memory.
// Invariants, for any input:
//   - nothing crashes, throws or leaks; every refusal has a message that starts "CDP message: ";
//   - a reply has a positive id and either an object result or an error, never both; an event
//     has a method; a decoded message re-encoded decodes to the same value;
//   - the table hands back the waiter it was given for that id, never exceeds its bounds, allocates
//     ids in order, and its counters add up (every reply is exactly one of waiting, late,
//     duplicate, unknown).
// Build: cmake --preset fuzz -B build/cdp-fuzz && cmake --build build/cdp-fuzz --target cdp_message_fuzz
#include "core/cdp/message.hpp"
#include "core/cdp/pending_calls.hpp"

#include <boost/json/serialize.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <string>
#include <string_view>
#include <variant>

using namespace replayer::cdp;

namespace {

[[noreturn]] void broken(const char* what, std::string_view message) {
  std::fprintf(stderr, "cdp_message_fuzz: %s\n  message: %.*s\n", what, static_cast<int>(message.size()), message.data());
  std::abort();
}

// The reply or event as JSON text again, the way Chrome would have sent it.
std::string reencode(const decoded& d) {
  boost::json::object o;
  if (const auto* r = std::get_if<reply>(&d)) {
    o["id"] = r->id;
    if (r->error) {
      o["error"] = boost::json::object{{"code", r->error->code}, {"message", r->error->message}};
    } else {
      o["result"] = r->result;
    }
    if (!r->session_id.empty()) o["sessionId"] = r->session_id;
  } else {
    const auto& e = std::get<event>(d);
    o["method"] = e.method;
    o["params"] = e.params;
    if (!e.session_id.empty()) o["sessionId"] = e.session_id;
  }
  return boost::json::serialize(o);
}

bool same(const decoded& a, const decoded& b) {
  if (a.index() != b.index()) return false;
  if (const auto* r = std::get_if<reply>(&a)) {
    const auto& s = std::get<reply>(b);
    return r->id == s.id && r->result == s.result && r->session_id == s.session_id &&
           r->error.has_value() == s.error.has_value() &&
           (!r->error || (r->error->code == s.error->code && r->error->message == s.error->message));
  }
  const auto& e = std::get<event>(a);
  const auto& f = std::get<event>(b);
  return e.method == f.method && e.params == f.params && e.session_id == f.session_id;
}

void check_counters(const client_counters& c, std::uint64_t takes, std::string_view message) {
  if (std::accumulate(c.errors_by_kind.begin(), c.errors_by_kind.end(), std::uint64_t{0}) != c.protocol_errors)
    broken("errors by kind do not add up", message);
  if (c.replies + c.late_replies + c.duplicate_replies + c.unknown_replies != takes)
    broken("reply matches do not add up to the replies taken", message);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t setup = data[0];
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  decode_limits limits;
  if (setup & 1) limits.max_message_bytes = 64;
  if (setup & 2) limits.max_depth = 3;
  constexpr std::size_t pending_bounds[] = {1, 4, 16, 1024};
  const std::size_t max_pending = pending_bounds[(setup >> 2) & 3];
  const std::size_t max_abandoned = (setup & 16) ? 2 : 64;

  client_counters counters;
  pending_calls<std::uint64_t> table(counters, max_pending, max_abandoned);
  std::uint64_t takes = 0, last_id = 0;
  while (!rest.empty()) {
    const std::size_t cut = rest.find('\n');
    const std::string_view message = rest.substr(0, cut);
    rest = cut == std::string_view::npos ? std::string_view{} : rest.substr(cut + 1);

    // The table's side: the message's last byte says what the caller does before it arrives.
    const unsigned char op = message.empty() ? 0 : static_cast<unsigned char>(message.back());
    if (op % 3 == 0) {
      if (auto id = table.add("M.m", std::uint64_t{op} * 7)) {
        if (*id != last_id + 1) broken("ids not allocated in order", message);
        last_id = *id;
      }
    } else if (op % 3 == 1 && last_id > 0) {
      table.abandon(last_id - op % last_id);
    }
    if (table.size() > max_pending || table.abandoned() > max_abandoned) broken("a bound passed", message);

    const decoded d = decode(message, limits);
    if (const auto* e = std::get_if<protocol_error>(&d)) {
      if (!e->message.starts_with("CDP message: ") || e->message.size() <= 13) broken("a refusal without a reason", message);
      counters.count(*e);
    } else if (const auto* r = std::get_if<reply>(&d)) {
      if (r->id == 0) broken("a reply with id 0", message);
      if (r->error ? !r->result.is_null() : !r->result.is_object()) broken("a reply with both or neither", message);
      const bool was_waiting = table.waiting(r->id);
      auto match = table.take(r->id);
      ++takes;
      if ((match.kind == reply_match::waiting) != was_waiting) broken("take disagrees with waiting()", message);
      if (match.waiting && (match.waiting->id != r->id || match.waiting->method != "M.m" || match.waiting->waiter % 7 != 0))
        broken("a waiter that is not the one given for this id", message);
      if (table.waiting(r->id)) broken("a taken call still waiting", message);
    } else if (std::get<event>(d).method.empty()) {
      broken("an event without a method", message);
    }
    if (!std::holds_alternative<protocol_error>(d)) {
      const std::string again = reencode(d);
      decode_limits unbounded;
      unbounded.max_message_bytes = again.size();
      unbounded.max_depth = limits.max_depth + 1;
      if (!same(d, decode(again, unbounded))) broken("re-encoded, it decodes differently", message);
    }
    check_counters(counters, takes, message);
  }
  const auto all = table.take_all();
  for (std::size_t i = 1; i < all.size(); ++i)
    if (all[i - 1].id >= all[i].id) broken("take_all out of id order", {});
  if (table.size() != 0) broken("take_all left calls behind", {});
  return 0;
}
