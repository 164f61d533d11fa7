#pragma once
#include <iosfwd>

namespace replayer::app {

/// The whole command line: parses, configures logging, runs the chosen subcommand.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace replayer::app
