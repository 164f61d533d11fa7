// libFuzzer target for the recording codec (record_decoder / encode).
// Invariants, for any bytes given as one line:
//   - decode never crashes and never throws (an escaping exception aborts the fuzzer);
//   - a refused line always comes with a reason;
//   - a decoded record re-encodes to a line that decodes again to the same record, and that
//     line re-encodes to itself (decode -> encode -> decode is stable);
//   - for a tick, every standard field survives the trip.
// Build: cmake --preset fuzz && cmake --build --preset fuzz; run: scripts/fuzz.sh
#include "core/record.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace replayer;

namespace {

[[noreturn]] void broken(const char* what, std::string_view line, std::string_view out) {
  std::fprintf(stderr, "record_fuzz: %s\n  line:    %.*s\n  encoded: %.*s\n", what, static_cast<int>(line.size()),
               line.data(), static_cast<int>(out.size()), out.data());
  std::abort();
}

bool same_tick(const tick& a, const tick& b) {
  return a.game_id == b.game_id && a.timestamp_text == b.timestamp_text && a.time == b.time && a.index == b.index &&
         a.price.text() == b.price.text() && a.price.value() == b.price.value() && a.phase == b.phase &&
         a.active == b.active && a.rugged == b.rugged && a.cooldown_ms == b.cooldown_ms &&
         a.trade_count == b.trade_count;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // One decoder for the whole run, as the reader uses it: state must not leak between lines.
  static record_decoder decoder;
  const std::string_view line(reinterpret_cast<const char*>(data), size);

  record first;
  const auto decoded = decoder.decode(line, first);
  if (!decoded) {
    if (decoded.error().reason.empty()) broken("refused without a reason", line, {});
    return 0;
  }
  if (*decoded != first.type) broken("result and record type disagree", line, {});

  std::string once;
  encode(once, first);
  record second;
  const auto again = decoder.decode(once, second);
  if (!again) broken(("re-encoded line refused: " + again.error().reason).c_str(), line, once);
  if (*again != *decoded) broken("record type changed", line, once);
  if (second.game_id() != first.game_id()) broken("game_id changed", line, once);
  if (first.type == record_type::tick && !same_tick(first.tick, second.tick)) broken("tick changed", line, once);

  std::string twice;
  encode(twice, second);
  if (twice != once) broken("encode is not stable", once, twice);
  return 0;
}
