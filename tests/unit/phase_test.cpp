// phase: the wire names, the transition table, and phase_tracker's anomalies.
#include "core/phase.hpp"
#include "core/phase_tracker.hpp"

#include <boost/test/unit_test.hpp>

#include <initializer_list>
#include <set>
#include <string>
#include <string_view>

using replayer::phase_tracker;
using ph = replayer::phase;  // the suite is namespace `phase`

namespace {

replayer::tick make_tick(std::int64_t index, ph p) {
  replayer::tick t;
  t.index = index;
  t.phase = p;
  return t;
}

std::string step_text(phase_tracker& tracker, std::int64_t index, ph p) {
  const auto anomaly = tracker.step(make_tick(index, p));
  return anomaly ? anomaly->describe() : std::string("ok");
}

// One step of a game: the tick fed to the tracker and the report expected ("ok": no anomaly).
struct step {
  std::int64_t index;
  ph p;
  std::string_view expected;
};

// Feeds the steps, in order, to a fresh tracker and checks every report.
void check_steps(std::initializer_list<step> steps) {
  phase_tracker tracker;
  for (const auto& s : steps) {
    const std::string report = step_text(tracker, s.index, s.p);
    BOOST_TEST(report == s.expected, "step to tick " << s.index << ", " << replayer::phase_name(s.p));
  }
}

const ph all_phases[] = {ph::unknown,     ph::presale,     ph::game_activation, ph::active_gameplay,
                         ph::rug_event_1, ph::rug_event_2, ph::cooldown};

}  // namespace

BOOST_AUTO_TEST_SUITE(phase)

BOOST_AUTO_TEST_CASE(wire_names_round_trip) {
  const std::string_view names[] = {"UNKNOWN",     "PRESALE",     "GAME_ACTIVATION", "ACTIVE_GAMEPLAY",
                                    "RUG_EVENT_1", "RUG_EVENT_2", "COOLDOWN"};
  BOOST_TEST_REQUIRE(std::size(names) == replayer::phase_count);
  for (std::size_t i = 0; i < replayer::phase_count; ++i) {
    BOOST_TEST(replayer::phase_name(all_phases[i]) == names[i]);
    const auto parsed = replayer::parse_phase(names[i]);
    BOOST_TEST_REQUIRE(parsed.has_value());
    BOOST_TEST(static_cast<int>(*parsed) == static_cast<int>(all_phases[i]));
  }
  for (std::string_view bad : {"", "presale", "Presale", "RUG_EVENT", "RUG_EVENT_3", "ACTIVE", " COOLDOWN"})
    BOOST_TEST(!replayer::parse_phase(bad).has_value(), "accepted '" << bad << "'");
}

BOOST_AUTO_TEST_CASE(transition_table) {
  // Every allowed edge, written out; every other of the 49 pairs must be refused.
  const std::set<std::string> allowed = {
      "UNKNOWN>UNKNOWN",          "UNKNOWN>PRESALE",          "UNKNOWN>COOLDOWN",
      "PRESALE>PRESALE",          "PRESALE>GAME_ACTIVATION",  "PRESALE>ACTIVE_GAMEPLAY",
      "GAME_ACTIVATION>GAME_ACTIVATION", "GAME_ACTIVATION>ACTIVE_GAMEPLAY", "GAME_ACTIVATION>RUG_EVENT_1",
      "ACTIVE_GAMEPLAY>ACTIVE_GAMEPLAY", "ACTIVE_GAMEPLAY>RUG_EVENT_1",
      "RUG_EVENT_1>RUG_EVENT_1",  "RUG_EVENT_1>RUG_EVENT_2",  "RUG_EVENT_1>COOLDOWN",
      "RUG_EVENT_2>RUG_EVENT_2",  "RUG_EVENT_2>COOLDOWN",
      "COOLDOWN>COOLDOWN",        "COOLDOWN>PRESALE",
  };
  std::size_t seen = 0;
  for (ph from : all_phases)
    for (ph to : all_phases) {
      const std::string edge = std::string(replayer::phase_name(from)) + ">" + std::string(replayer::phase_name(to));
      const bool expected = allowed.count(edge) == 1;
      seen += expected;
      BOOST_TEST(replayer::transition_allowed(from, to) == expected, edge);
    }
  BOOST_TEST(seen == allowed.size());
}

BOOST_AUTO_TEST_CASE(in_play_phases) {
  for (ph p : all_phases)
    BOOST_TEST(replayer::is_in_play(p) == (p == ph::game_activation || p == ph::active_gameplay),
               replayer::phase_name(p));
}

BOOST_AUTO_TEST_CASE(tracker_accepts_a_whole_game) {
  phase_tracker tracker;
  BOOST_TEST(static_cast<int>(tracker.current()) == static_cast<int>(ph::unknown));
  const std::pair<std::int64_t, ph> game[] = {
      {0, ph::cooldown},        {0, ph::cooldown},        {0, ph::presale},         {0, ph::presale},
      {0, ph::game_activation}, {1, ph::active_gameplay}, {2, ph::active_gameplay}, {5, ph::active_gameplay},
      {5, ph::rug_event_1},     {5, ph::rug_event_2},     {5, ph::cooldown},        {5, ph::cooldown},
  };
  for (const auto& [index, p] : game) BOOST_TEST(step_text(tracker, index, p) == "ok");
  BOOST_TEST(static_cast<int>(tracker.current()) == static_cast<int>(ph::cooldown));
}

BOOST_AUTO_TEST_CASE(first_tick_may_be_any_phase) {
  for (ph p : all_phases) {
    phase_tracker tracker;
    BOOST_TEST(step_text(tracker, 300, p) == "ok");
    BOOST_TEST(static_cast<int>(tracker.current()) == static_cast<int>(p));
  }
}

BOOST_AUTO_TEST_CASE(tracker_reports_transition_not_allowed) {
  phase_tracker tracker;
  BOOST_TEST(step_text(tracker, 11, ph::active_gameplay) == "ok");
  BOOST_TEST(step_text(tracker, 12, ph::presale) == "tick 12: ACTIVE_GAMEPLAY -> PRESALE (transition not allowed)");
  // The server's phase is adopted anyway: the next step is judged from PRESALE.
  BOOST_TEST(static_cast<int>(tracker.current()) == static_cast<int>(ph::presale));
  BOOST_TEST(step_text(tracker, 12, ph::game_activation) == "ok");
  BOOST_TEST(step_text(tracker, 13, ph::cooldown) ==
             "tick 13: GAME_ACTIVATION -> COOLDOWN (transition not allowed)");
  // A bad transition that also goes back reports the transition.
  BOOST_TEST(step_text(tracker, 2, ph::rug_event_2) == "tick 2: COOLDOWN -> RUG_EVENT_2 (transition not allowed)");
}

BOOST_AUTO_TEST_CASE(tracker_reports_tick_index_going_back) {
  check_steps({{40, ph::active_gameplay, "ok"},
               {39, ph::active_gameplay, "tick 39: ACTIVE_GAMEPLAY -> ACTIVE_GAMEPLAY (tick index went back)"},
               {38, ph::rug_event_1, "tick 38: ACTIVE_GAMEPLAY -> RUG_EVENT_1 (tick index went back)"},
               {38, ph::cooldown, "ok"},
               {0, ph::presale, "tick 0: COOLDOWN -> PRESALE (tick index went back)"}});
}

BOOST_AUTO_TEST_CASE(tracker_reports_repeats_only_in_active_play) {
  check_steps({{0, ph::presale, "ok"},
               {0, ph::presale, "ok"},
               {0, ph::game_activation, "ok"},
               {0, ph::game_activation, "ok"},
               {0, ph::active_gameplay, "ok"},  // activation -> play at the same index
               {0, ph::active_gameplay, "tick 0: ACTIVE_GAMEPLAY -> ACTIVE_GAMEPLAY (tick index repeated in active play)"},
               {1, ph::active_gameplay, "ok"},
               {1, ph::rug_event_1, "ok"},
               {1, ph::rug_event_1, "ok"}});
}

BOOST_AUTO_TEST_CASE(reset_forgets_the_game) {
  phase_tracker tracker;
  BOOST_TEST(step_text(tracker, 500, ph::active_gameplay) == "ok");
  tracker.reset();
  BOOST_TEST(step_text(tracker, 0, ph::presale) == "ok");
}

BOOST_AUTO_TEST_SUITE_END()
