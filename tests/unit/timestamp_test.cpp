// timestamp: the recorder's ISO-8601 text (read as UTC unless it carries an offset), its
// formatting, and replay_delay, the only use replay makes of the differences between them.
#include "core/replay_clock.hpp"
#include "core/timestamp.hpp"

#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <string>

using namespace std::chrono_literals;
using replayer::format_timestamp;
using replayer::parse_timestamp;
using replayer::replay_delay;
using ts = replayer::timestamp;  // the suite is namespace `timestamp`

namespace {

long long micros(std::string_view text) {
  const auto t = parse_timestamp(text);
  BOOST_TEST_REQUIRE(t.has_value(), "could not parse '" << text << "'");
  return t->time_since_epoch().count();
}

ts at(std::string_view text) {
  const auto t = parse_timestamp(text);
  BOOST_TEST_REQUIRE(t.has_value(), "could not parse '" << text << "'");
  return *t;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(timestamp)

BOOST_AUTO_TEST_CASE(reads_the_recorder_layout) {
  BOOST_TEST(micros("1970-01-01T00:00:00") == 0);
  BOOST_TEST(micros("1970-01-01T00:00:00.000001") == 1);
  BOOST_TEST(micros("1970-01-02T00:00:01.5") == 86'401'500'000LL);
  // 2025-10-29 is day 20390 since the epoch; 18:36:08.376110 is 66968.376110 s into it.
  BOOST_TEST(micros("2025-10-29T18:36:08.376110") == 20390LL * 86'400'000'000LL + 66'968'376'110LL);
  BOOST_TEST(format_timestamp(at("2025-10-29T18:36:08.376110")) == "2025-10-29T18:36:08.376110");
}

BOOST_AUTO_TEST_CASE(fraction_digits_past_the_sixth_are_ignored) {
  BOOST_TEST(micros("2025-10-29T18:36:08.1234567") == micros("2025-10-29T18:36:08.123456"));
  BOOST_TEST(micros("2025-10-29T18:36:08.9") - micros("2025-10-29T18:36:08") == 900'000);
}

BOOST_AUTO_TEST_CASE(honours_zone_suffixes) {
  const long long plain = micros("2025-10-29T18:36:08");
  BOOST_TEST(micros("2025-10-29T18:36:08Z") == plain);
  BOOST_TEST(micros("2025-10-29T19:36:08+01:00") == plain);
  BOOST_TEST(micros("2025-10-29T17:06:08-01:30") == plain);
  BOOST_TEST(micros("2025-10-29 18:36:08") == plain);  // space instead of T
  BOOST_TEST(micros("2025-10-29T18:36:08.5Z") == plain + 500'000);
}

BOOST_AUTO_TEST_CASE(calendar_edges) {
  BOOST_TEST(micros("2024-02-29T00:00:00") - micros("2024-02-28T00:00:00") == 86'400'000'000LL);
  BOOST_TEST(!parse_timestamp("2025-02-29T00:00:00").has_value());
  BOOST_TEST(micros("2025-10-30T00:00:00.000001") - micros("2025-10-29T23:59:59.999999") == 2);
  // A leap second reads as the first second of the next minute.
  BOOST_TEST(micros("2016-12-31T23:59:60") == micros("2017-01-01T00:00:00"));
}

BOOST_AUTO_TEST_CASE(rejects_malformed_text) {
  for (std::string_view bad :
       {"", "2025-10-29", "2025-10-29T18:36", "2025-10-29T24:00:00", "2025-10-29T18:60:00", "2025-10-29T18:36:61",
        "2025-13-01T00:00:00", "2025-00-10T00:00:00", "2025-10-00T00:00:00", "2025-10-32T00:00:00",
        "2025-10-29T18:36:08.", "2025-10-29T18:36:08+0100", "2025-10-29T18:36:08+01", "2025-10-29T18:36:08 ",
        "2025/10/29T18:36:08", "x025-10-29T18:36:08", "2025-10-29t18:36:08", "2025-10-29T18:36:08.376110Zjunk",
        "2025-10-29T18:36:08.37a", "2025-1-29T18:36:08", "+2025-10-29T18:36:08"})
    BOOST_TEST(!parse_timestamp(bad).has_value(), "accepted '" << bad << "'");
}

BOOST_AUTO_TEST_CASE(every_calendar_date_as_std_chrono_reads_it) {
  // parse_timestamp does its own calendar arithmetic (it runs for every tick line); std::chrono's
  // year_month_day is the reference, for every year of four digits, month 0..13 and day 0..32.
  using namespace std::chrono;
  std::size_t wrong = 0, valid = 0;
  char text[] = "0000-00-00T01:02:03.5";
  for (int y = 0; y <= 9999; ++y)
    for (unsigned m = 0; m <= 13; ++m)
      for (unsigned d = 0; d <= 32; ++d) {
        std::snprintf(text, sizeof text, "%04d-%02u-%02uT01:02:03.5", y, m, d);
        const year_month_day ymd{year{y}, month{m}, day{d}};
        const auto got = parse_timestamp(text);
        const bool ok = ymd.ok() && got && *got == ts{sys_days{ymd}} + 1h + 2min + 3s + 500ms;
        if (ok != ymd.ok() || (!ymd.ok() && got)) {
          if (++wrong <= 5) BOOST_ERROR("differs from std::chrono: " << text);
        }
        valid += ymd.ok();
      }
  BOOST_TEST(wrong == 0u);
  BOOST_TEST(valid == 3'652'425u);  // 10,000 Gregorian years
}

BOOST_AUTO_TEST_CASE(formats_with_microseconds) {
  BOOST_TEST(format_timestamp(ts{}) == "1970-01-01T00:00:00.000000");
  BOOST_TEST(format_timestamp(ts{} - 1us) == "1969-12-31T23:59:59.999999");
  BOOST_TEST(format_timestamp(at("2025-10-29T19:36:08.5+01:00")) == "2025-10-29T18:36:08.500000");
  BOOST_TEST(format_timestamp(at("2025-01-02T03:04:05")) == "2025-01-02T03:04:05.000000");
}

BOOST_AUTO_TEST_CASE(replay_delay_scales_and_clamps) {
  const ts t0 = at("2025-10-29T18:57:06.222832");
  const ts t1 = at("2025-10-29T18:57:06.223109");  // 277 us later
  BOOST_TEST(replay_delay(t0, t1, 1.0).count() == 277'000);
  BOOST_TEST(replay_delay(t0, t1, 2.0).count() == 138'500);
  BOOST_TEST(replay_delay(t0, t0 + 1s, 0.5).count() == 2'000'000'000);
  BOOST_TEST(replay_delay(t1, t0, 1.0).count() == 0);                  // backwards: no wait
  BOOST_TEST(replay_delay(t0, t0 + 60s, 1.0).count() == 5'000'000'000);  // pauses cut to 5 s
  BOOST_TEST(replay_delay(t0, t0 + 60s, 10.0).count() == 500'000'000);
  BOOST_TEST(replay_delay(t0, t0 + 3s, 1.0, 2s).count() == 2'000'000'000);
}

BOOST_AUTO_TEST_SUITE_END()
