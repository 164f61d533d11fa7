// Differential libFuzzer target for record_decoder's fast path (core/record_fast.hpp).
// Invariants, for any bytes given as one line:
//   - when the fast path reads a line and its values are in range (core/record_limits.hpp), the
//     general decoder (Boost.JSON) accepts it too, as a tick without extra members, with the same
//     fields: the same encoded line, time and exact price; when a value is out of range, the
//     general decoder refuses the line for that very reason (the fast path reads syntax only);
//   - decode (fast path first) and decode_general give the same result: the same record type
//     and encoded line, or the same reason for refusing the line.
// Build: cmake --preset fuzz && cmake --build --preset fuzz; run: scripts/fuzz.sh
#include "core/record.hpp"
#include "core/record_fast.hpp"
#include "core/record_limits.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace replayer;

namespace {

[[noreturn]] void broken(const char* what, std::string_view line) {
  std::fprintf(stderr, "record_diff_fuzz: %s\n  line: %.*s\n", what, static_cast<int>(line.size()), line.data());
  std::abort();
}

std::string encoded(const record& r) {
  std::string out;
  encode(out, r);
  return out;
}

// A line the fast path read, against the general decoder's verdict on it.
void check_fast_path(const record& fast, const record& general, const decode_result& reference, std::string_view line) {
  if (const auto out_of_range = record_limits::tick_value_problem(fast.tick)) {
    if (reference) broken("the general decoder accepts a value out of range", line);
    if (reference.error().reason != out_of_range->reason)
      broken(("the general decoder refuses a line out of range for another reason: " + reference.error().reason).c_str(),
             line);
    return;
  }
  if (!reference) broken(("fast path accepts what Boost.JSON refuses: " + reference.error().reason).c_str(), line);
  if (*reference != record_type::tick || general.fields.kind != json_kind::null)
    broken("fast path accepts a line that is not a plain tick", line);
  if (encoded(fast) != encoded(general)) broken("fast path decodes other fields", line);
  if (fast.tick.time != general.tick.time) broken("fast path decodes another time", line);
  if (fast.tick.price.value() != general.tick.price.value()) broken("fast path decodes another price", line);
  if (fast.tick.backfilled != general.tick.backfilled) broken("fast path decodes another origin", line);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Reused, as the reader reuses them: what one line leaves behind must not change the next.
  static record_decoder general_decoder, decoder;
  static record fast, general, both;
  const std::string_view line(reinterpret_cast<const char*>(data), size);

  const auto reference = general_decoder.decode_general(line, general);
  if (decode_recorder_tick(line, fast.tick)) {
    fast.type = record_type::tick;
    fast.fields = json_value{};
    check_fast_path(fast, general, reference, line);
  }

  const auto result = decoder.decode(line, both);
  if (result.has_value() != reference.has_value()) broken("decode and decode_general disagree on the line", line);
  if (!result) {
    if (result.error().reason != reference.error().reason) broken("decode and decode_general give other reasons", line);
    return 0;
  }
  if (*result != *reference || both.type != general.type) broken("decode and decode_general give other types", line);
  if (encoded(both) != encoded(general)) broken("decode and decode_general decode other records", line);
  if (both.type == record_type::tick && (both.tick.time != general.tick.time ||
                                         both.tick.price.value() != general.tick.price.value()))
    broken("decode and decode_general decode other ticks", line);
  return 0;
}
