// record_fast: the decoder's fast path for the recorder's tick layout against the general
// decoder (Boost.JSON). Wherever the fast path accepts a line, the general decoder accepts it
// with the same fields; decode (fast path first) and decode_general agree on every line: the
// same record and encoded bytes, or the same reason. Over hand-made lines, every line of the
// shared corpus and mutations of them; and the fast path takes every tick line of the corpus.
#include "core/line_source.hpp"
#include "core/record.hpp"
#include "core/record_fast.hpp"
#include "core/record_limits.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using replayer::record_decoder;
using replayer::record_type;
using rec = replayer::record;

namespace {

const std::string recorder_tick =
    R"({"type": "tick", "timestamp": "2025-10-29T17:46:40.752769", "game_id": "20251029-76904c57e7ab4e86", )"
    R"("tick": 107, "price": 1.6790488950381144, "phase": "ACTIVE_GAMEPLAY", "active": true, "rugged": false, )"
    R"("cooldown_timer": 0, "trade_count": 0})";

std::string encoded(const rec& r) {
  std::string out;
  replayer::encode(out, r);
  return out;
}

// Compares the two paths on `line`; returns whether the fast path took it. Failures name the line.
struct comparer {
  record_decoder general_decoder, decoder;
  rec fast, general, both;
  std::size_t failures = 0;
  bool general_tick = false;  // whether the general decoder read the last line as a tick

  bool fail(std::string_view what, std::string_view line) {
    if (++failures <= 10) BOOST_ERROR(what << ": " << line);
    return false;
  }

  bool check(std::string_view line) {
    const auto reference = general_decoder.decode_general(line, general);
    general_tick = reference && *reference == record_type::tick;
    // The fast path as the decoder uses it: then the same value ranges as every line.
    const bool took = replayer::decode_recorder_tick(line, fast.tick) && !replayer::record_limits::tick_value_problem(fast.tick);
    if (took) {
      fast.type = record_type::tick;
      fast.fields = replayer::json_value{};
      if (!reference) return fail("fast path accepts what Boost.JSON refuses (" + reference.error().reason + ")", line);
      if (*reference != record_type::tick || general.fields.kind != replayer::json_kind::null)
        return fail("fast path accepts a line that is not a plain tick", line);
      if (encoded(fast) != encoded(general) || fast.tick.time != general.tick.time ||
          fast.tick.price.value() != general.tick.price.value() || fast.tick.backfilled != general.tick.backfilled)
        return fail("fast path decodes other fields", line);
    }
    const auto result = decoder.decode(line, both);
    if (result.has_value() != reference.has_value()) return fail("decode and decode_general disagree", line);
    if (!result) {
      if (result.error().reason != reference.error().reason) return fail("other reasons", line);
      return took;
    }
    if (*result != *reference || encoded(both) != encoded(general) ||
        (both.type == record_type::tick &&
         (both.tick.time != general.tick.time || both.tick.price.value() != general.tick.price.value())))
      return fail("decode and decode_general decode other records", line);
    return took;
  }
};

// Mutations of a line: each byte deleted, doubled or replaced by one of a few characters that
// matter to JSON and to the fields' checks.
template <class F>
void mutations(std::string_view line, std::size_t position, F&& each) {
  static constexpr std::string_view replacements = std::string_view("\"\\0 9-.eE+,}{:x\x7f\xc3\x01tnf", 21);
  std::string m(line);
  m.erase(position, 1);
  each(m);
  m = line;
  m.insert(position, 1, line[position]);
  each(m);
  for (const char c : replacements) {
    if (c == line[position]) continue;
    m = line;
    m[position] = c;
    each(m);
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(record_fast)

BOOST_AUTO_TEST_CASE(takes_the_recorders_layout) {
  comparer c;
  BOOST_TEST(c.check(recorder_tick));
  const std::string backfilled = recorder_tick.substr(0, recorder_tick.size() - 1) + R"(, "origin": "backfilled"})";
  BOOST_TEST(c.check(backfilled));
  BOOST_TEST(c.fast.tick.backfilled);
  BOOST_TEST(c.check(recorder_tick));
  BOOST_TEST(!c.fast.tick.backfilled);
  BOOST_TEST(c.fast.tick.price.text() == "1.6790488950381144");
  BOOST_TEST(c.fast.tick.game_id.view() == "20251029-76904c57e7ab4e86");
  BOOST_TEST(c.fast.tick.index == 107);
  BOOST_TEST(c.failures == 0u);
}

BOOST_AUTO_TEST_CASE(leaves_every_other_line_to_the_general_decoder) {
  auto with = [](std::string_view from, std::string_view to) {
    std::string line = recorder_tick;
    line.replace(line.find(from), from.size(), to);
    return line;
  };
  const std::vector<std::string> declined = {
      with(", ", ","),                                                        // another layout
      with(R"("game_id": "20251029-)", R"("game_id": "\u0032\u00300251029-)"),  // escapes
      with("20251029-76904c57e7ab4e86", "caf\xc3\xa9"),                       // raw UTF-8
      with("20251029-76904c57e7ab4e86", std::string(48, 'g')),                // too long: refused
      with("2025-10-29T17:46:40.752769", "2025-02-30T17:46:40"),              // no such day: refused
      with("\"tick\": 107", "\"tick\": 0107"),                                // not JSON: refused
      with("\"tick\": 107", "\"tick\": 1234567890123456789"),                 // 19 digits: general path
      with("\"tick\": 107", "\"tick\": 1.5"),                                 // not an integer: refused
      with("1.6790488950381144", "1e-2147483648"),                            // Boost.JSON refuses it
      with("1.6790488950381144", "-1"),                                       // negative: refused
      with("ACTIVE_GAMEPLAY", "LIVE"),                                        // unknown phase: refused
      with("\"trade_count\": 0}", "\"trade_count\": 0, \"origin\": \"live\"}"),  // unknown origin: refused
      with("\"trade_count\": 0}", "\"trade_count\": 0, \"x\": 1}"),            // an extra member: kept
      recorder_tick + " ",                                                    // trailing space
      recorder_tick + "{}",                                                   // extra data: refused
  };
  comparer c;
  for (const auto& line : declined) BOOST_TEST(!c.check(line), line);
  // Still the same ticks as the general decoder where one differs only in what the fast path reads.
  BOOST_TEST(c.check(with("\"tick\": 107", "\"tick\": -0")));
  BOOST_TEST(c.check(with("1.6790488950381144", "1e-05")));
  // Out of the recorded values' range: refused by both, for the same reason.
  BOOST_TEST(!c.check(with("\"tick\": 107", "\"tick\": 123456789012345678")));
  BOOST_TEST(c.failures == 0u);
}

BOOST_AUTO_TEST_CASE(agrees_with_the_general_decoder_over_the_corpus_and_its_mutations) {
  const auto corpus = test_support::shared_recording_files();
  if (!corpus) return;  // skipped, with a warning
  comparer c;
  std::size_t files = 0, lines = 0, fast = 0, ticks = 0, mutated = 0;
  std::uint64_t seed = 0x9e3779b97f4a7c15u;  // positions picked by a fixed xorshift: the same every run
  for (const auto& file : *corpus) {
    auto source = replayer::file_lines::open(file);
    BOOST_TEST_REQUIRE(source.has_value(), file);
    while (auto line = source->next()) {
      ++lines;
      fast += c.check(line->text);
      ticks += c.general_tick;
      if (line->text.empty()) continue;
      // Every position of the fifth line (a tick, mostly) of every fourth file, and one random
      // position of every eighth line: about 750,000 mutations, a few seconds.
      const std::size_t n = line->text.size();
      const bool every_position = line->number == 5 && files % 4 == 0;
      if (!every_position && lines % 8 != 0) continue;
      for (std::size_t k = 0; k < (every_position ? n : 1); ++k) {
        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
        mutations(line->text, every_position ? k : seed % n, [&](const std::string& m) {
          ++mutated;
          c.check(m);
        });
      }
    }
    ++files;
  }
  BOOST_TEST_MESSAGE("record_fast: " << lines << " corpus lines and " << mutated << " mutations decoded alike by both "
                                     << "paths; the fast path took " << fast << " of the " << ticks << " tick lines");
  BOOST_TEST(c.failures == 0u);
  BOOST_TEST(lines == 108646u);
  BOOST_TEST(fast == ticks);
  BOOST_TEST(ticks == 107955u);
}

BOOST_AUTO_TEST_SUITE_END()
