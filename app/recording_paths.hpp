#pragma once
// Turns the PATH arguments of a command into the list of recordings to read.
#include "app/command.hpp"

#include <boost/system/result.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace replayer::app {

/// Files are taken as given; folders are searched recursively for `*.jsonl`. The result is in a
/// stable order (arguments in order, each folder's files sorted by path). A missing path, an
/// unreadable file or a folder without recordings is a usage error naming the path.
boost::system::result<std::vector<std::filesystem::path>, usage_error> collect_recordings(
    const std::vector<std::string>& args);

}  // namespace replayer::app
