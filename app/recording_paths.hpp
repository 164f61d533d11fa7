#pragma once
// Turns the PATH arguments of a command into the list of recordings to read, and finds the
// revealed-seed files that sit next to them.
//
// Naming convention: a file named `*.seeds.jsonl` holds revealed games (one game object per line,
// as `replayer simulate` writes `revealed.seeds.jsonl`), not a recording.
#include "app/command.hpp"

#include <boost/system/result.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace replayer::app {

/// True for a file named `*.raw.jsonl`: Socket.IO events as `record --raw` keeps them (read
/// by `record --from-raw` and `fake-server`, given as files), not a recording.
bool is_raw_events_file(const std::filesystem::path& path);
/// True for a file named `*.seeds.jsonl`.
bool is_seeds_file(const std::filesystem::path& path);

/// Files are taken as given; folders are searched recursively for `*.jsonl`, leaving out
/// `*.seeds.jsonl`. The result is in a stable order (arguments in order, each folder's files
/// sorted by path). A missing path, an unreadable file or a folder without recordings is a usage
/// error naming the path.
boost::system::result<std::vector<std::filesystem::path>, usage_error> collect_recordings(
    const std::vector<std::string>& args);

/// The seed files of the same arguments: the `*.seeds.jsonl` files found in the folders
/// (recursively, sorted) and the files given by name that are `*.seeds.jsonl`. Possibly empty.
/// A missing path or an unlistable folder is a usage error naming the path.
boost::system::result<std::vector<std::filesystem::path>, usage_error> collect_seed_files(
    const std::vector<std::string>& args);

}  // namespace replayer::app
