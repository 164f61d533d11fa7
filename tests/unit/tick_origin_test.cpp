// tick_origin: a tick's origin in the recording format. Backfilled ticks (filled in afterwards
// from the server's partialPrices) carry "origin": "backfilled" after the ten standard members;
// observed ticks carry nothing, so every recording written before the field existed still
// decodes and re-encodes byte for byte.
#include "core/record.hpp"

#include <boost/test/unit_test.hpp>

#include <string>

using replayer::record;
using replayer::record_decoder;
using replayer::record_type;

namespace {

const std::string observed =
    R"({"type": "tick", "timestamp": "2025-10-29T17:46:40.752769", "game_id": "20251029-76904c57e7ab4e86", "tick": 107, )"
    R"("price": 1.6790488950381144, "phase": "ACTIVE_GAMEPLAY", "active": true, "rugged": false, "cooldown_timer": 0, )"
    R"("trade_count": 0})";

std::string with(std::string_view members) {
  return observed.substr(0, observed.size() - 1) + std::string(members) + "}";
}

std::string reencoded(const record& r) {
  std::string out;
  replayer::encode(out, r);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tick_origin)

BOOST_AUTO_TEST_CASE(an_observed_tick_has_no_origin_member) {
  record_decoder decoder;
  record r;
  BOOST_TEST_REQUIRE(decoder.decode(observed, r).has_value());
  BOOST_TEST(!r.tick.backfilled);
  BOOST_TEST(reencoded(r) == observed);
}

BOOST_AUTO_TEST_CASE(a_backfilled_tick_round_trips) {
  const std::string line = with(R"(, "origin": "backfilled")");
  record_decoder decoder;
  record r;
  BOOST_TEST_REQUIRE(decoder.decode(line, r).has_value());
  BOOST_TEST(r.tick.backfilled);
  BOOST_TEST(reencoded(r) == line);
  // Members the recorder adds after it are kept after it.
  const std::string extra = with(R"(, "origin": "backfilled", "note": "x")");
  BOOST_TEST_REQUIRE(decoder.decode(extra, r).has_value());
  BOOST_TEST(reencoded(r) == extra);
  // The flag does not stick to the next tick decoded into the same record.
  BOOST_TEST_REQUIRE(decoder.decode(observed, r).has_value());
  BOOST_TEST(!r.tick.backfilled);
}

BOOST_AUTO_TEST_CASE(an_unknown_origin_is_a_bad_line) {
  record_decoder decoder;
  record r;
  for (const char* members : {R"(, "origin": "live")", R"(, "origin": 1)", R"(, "origin": null)"}) {
    const auto decoded = decoder.decode(with(members), r);
    BOOST_TEST_REQUIRE(!decoded.has_value(), members);
    BOOST_TEST(decoded.error().reason.find("origin") != std::string::npos, decoded.error().reason);
  }
}

BOOST_AUTO_TEST_SUITE_END()
