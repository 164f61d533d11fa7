#pragma once
// Small input files a command reads whole (a --strategy rule table, a --config file, a --seeds
// or `verify` document): regular files only, so a FIFO or a device is refused at once rather
// than waited on or read forever, and a size limit, so a huge file is refused rather than
// grown into memory.
#include <boost/system/result.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace replayer::app {

/// Why `path` is not a readable regular file ("no such file", "not a regular file (a FIFO, a
/// device or a folder)"), or nullopt when it is one.
std::optional<std::string> not_a_regular_file(const std::string& path);

/// Why an input file cannot be used, without the path (the caller puts its flag and path first).
struct input_problem {
  std::string reason;
};

/// The whole of `path` when it is a regular file of at most `limit` bytes; else why not, naming
/// the limit or the OS reason.
boost::system::result<std::string, input_problem> read_input_file(const std::string& path, std::uintmax_t limit);

}  // namespace replayer::app
