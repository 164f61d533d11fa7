#pragma once
// Text from recordings and file names made safe to print on a terminal: a game id decoded from
// "\u001b[2J" or a file named with an escape sequence must not clear the screen, move the
// cursor or retitle the window. Control characters (C0, DEL, and C1 as UTF-8) become \xNN;
// everything else, UTF-8 included, is kept. Applied to everything replay, check and verify print
// as text (JSON output escapes them itself).
#include <string>
#include <string_view>

namespace replayer::app {

/// `text` with every control character written as \xNN (a backslash is kept as it is).
std::string printable(std::string_view text);

}  // namespace replayer::app
