#pragma once
// Turns the PATH arguments of a command into the list of recordings to read, and finds the
// revealed-seed files that sit next to them.
//
// Naming convention: a file named `*.seeds.jsonl` holds revealed games (one game object per line,
// as `replayer simulate` writes `revealed.seeds.jsonl`), not a recording.
#include "app/command.hpp"

#include <boost/system/result.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace replayer::app {

/// True for a file named `*.raw.jsonl`: Socket.IO events as `record --raw` keeps them (read
/// by `record --from-raw` and `fake-server`, given as files), not a recording.
bool is_raw_events_file(const std::filesystem::path& path);
/// True for a file named `*.seeds.jsonl`.
bool is_seeds_file(const std::filesystem::path& path);
/// True for a file named `*.trades.jsonl`: a trade log (`backtest --trades`), not a recording.
bool is_trade_log_file(const std::filesystem::path& path);
/// True for a `*.jsonl` file that none of the above names: what folder scans read.
bool is_recording_file(const std::filesystem::path& path);

/// Files are taken as given; folders are searched recursively for `*.jsonl`, leaving out
/// `*.seeds.jsonl`, `*.raw.jsonl` and `*.trades.jsonl`. The result is in a stable order
/// (arguments in order, each folder's files sorted by path), each file once however often it is
/// named. A missing path, an unreadable file or a folder without recordings is a usage error
/// naming the path. The walk never throws: an entry it cannot use inside a folder (a symlink
/// loop, an unreadable subfolder, a file gone while listing, a symlink to a folder, which is not
/// followed) is added to `skipped` as "PATH: why" when given, and left out.
boost::system::result<std::vector<std::filesystem::path>, usage_error> collect_recordings(
    const std::vector<std::string>& args, std::vector<std::string>* skipped = nullptr);

/// The regular files under `folder` (recursively, sorted by path) that `wanted` accepts. Never
/// throws: an entry that cannot be used is added to `skipped` (when given) as "PATH: why";
/// symlinks to folders are not followed, so a loop cannot be walked into. Only `folder` itself
/// failing to open is an error.
boost::system::result<std::vector<std::filesystem::path>, usage_error> list_folder(
    const std::string& folder, const std::function<bool(const std::filesystem::path&)>& wanted,
    std::vector<std::string>* skipped);

/// Leaves each path once (where it is first named), comparing absolute, normalised paths.
void drop_repeats(std::vector<std::filesystem::path>& files);

/// Prints each skipped entry as `replayer: warning: PATH: why` (at most 20, then how many more).
void warn_skipped(const command_io& io, const std::vector<std::string>& skipped);

/// The seed files of the same arguments: the `*.seeds.jsonl` files found in the folders
/// (recursively, sorted) and the files given by name that are `*.seeds.jsonl`. Possibly empty.
/// A missing path or an unlistable folder is a usage error naming the path.
boost::system::result<std::vector<std::filesystem::path>, usage_error> collect_seed_files(
    const std::vector<std::string>& args, std::vector<std::string>* skipped = nullptr);

}  // namespace replayer::app
