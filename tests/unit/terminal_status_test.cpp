// terminal_status: the status line (app/terminal_status): nothing at all when the stream is not
// a terminal, a progress bar with an ETA worked out from the elapsed time, and lines printed
// while it shows: the bar cleared first, then drawn again below them.
#include "app/terminal_status.hpp"

#include <boost/test/unit_test.hpp>

#include <sstream>

using namespace std::chrono_literals;
using replayer::app::eta_text;
// The suite is named terminal_status, so the type is named status_line here.
using status_line = replayer::app::terminal_status;

BOOST_AUTO_TEST_SUITE(terminal_status)

BOOST_AUTO_TEST_CASE(the_eta_from_the_rate_so_far) {
  BOOST_TEST(eta_text(10s, 1, 3) == "ETA 20s");        // 10 s per unit, 2 left
  BOOST_TEST(eta_text(10s, 2, 3) == "ETA 5s");
  BOOST_TEST(eta_text(1001ms, 1000, 1001) == "ETA 1s");  // rounded up, never 0s while work is left
  BOOST_TEST(eta_text(65s, 1, 2) == "ETA 1m05s");
  BOOST_TEST(eta_text(1h, 1, 3) == "ETA 2h00m");
  BOOST_TEST(eta_text(10s, 0, 3).empty());  // nothing done: no rate yet
  BOOST_TEST(eta_text(10s, 3, 3).empty());  // all done
  BOOST_TEST(eta_text(999ms, 1, 3).empty());  // too early to say
}

BOOST_AUTO_TEST_CASE(the_bar_and_what_is_printed_while_it_shows) {
  std::ostringstream err, out;
  {
    status_line status(err, true);
    status.progress(1, 4, "files", 3s);
    BOOST_TEST(err.str() == "\r\x1b[2K[#######.......................] 1/4 files  ETA 9s");
    err.str("");
    // A warning: the bar is cleared on its stream, the line written, the bar drawn again.
    status.print(out, "game.jsonl: game G: no rug (incomplete)");
    BOOST_TEST(out.str() == "game.jsonl: game G: no rug (incomplete)\n");
    BOOST_TEST(err.str() == "\r\x1b[2K\r\x1b[2K[#######.......................] 1/4 files  ETA 9s");
    err.str("");
    // On the same stream: the line starts where the bar was, on a clean line.
    status.print(err, "replayer: warning: x");
    BOOST_TEST(err.str() == "\r\x1b[2Kreplayer: warning: x\n\r\x1b[2K[#######.......................] 1/4 files  ETA 9s");
    err.str("");
    status.progress(4, 4, "files", 12s);
    BOOST_TEST(err.str() == "\r\x1b[2K[##############################] 4/4 files");
    err.str("");
  }
  BOOST_TEST(err.str() == "\r\x1b[2K");  // cleared when it goes
}

BOOST_AUTO_TEST_CASE(nothing_but_the_lines_when_not_a_terminal) {
  std::ostringstream err, out;
  {
    status_line status(err, false);
    status.progress(1, 4, "files", 3s);
    status.print(out, "a warning");
    status.show("tick 5");
  }
  BOOST_TEST(err.str().empty());
  BOOST_TEST(out.str() == "a warning\n");
  // With nothing shown, a printed line is just the line.
  std::ostringstream quiet;
  status_line idle(quiet, true);
  idle.print(quiet, "only this");
  BOOST_TEST(quiet.str() == "only this\n");
}

BOOST_AUTO_TEST_SUITE_END()
