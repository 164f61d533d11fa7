#include "app/recording_paths.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace replayer::app {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view seeds_suffix = ".seeds.jsonl";
constexpr std::string_view raw_suffix = ".raw.jsonl";

// The regular files under `folder` (recursively) that `wanted` accepts, sorted by path.
template <class Predicate>
boost::system::result<std::vector<fs::path>, usage_error> list_folder(const std::string& folder, Predicate wanted) {
  std::vector<fs::path> found;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(fs::path(folder), fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file() && wanted(it->path())) found.push_back(it->path());
  }
  if (ec) return usage_error{folder + ": cannot list folder: " + ec.message()};
  std::sort(found.begin(), found.end());
  return found;
}

// The status of an argument, or the usage error for a path that does not exist.
boost::system::result<fs::file_status, usage_error> status_of(const std::string& arg) {
  std::error_code ec;
  const auto status = fs::status(fs::path(arg), ec);
  if (ec || !fs::exists(status))
    return usage_error{arg + ": no such file or folder (give recording files or folders that contain *.jsonl)"};
  return status;
}

}  // namespace

bool is_seeds_file(const fs::path& path) {
  return path.filename().string().ends_with(seeds_suffix);
}

bool is_raw_events_file(const fs::path& path) {
  return path.filename().string().ends_with(raw_suffix);
}

boost::system::result<std::vector<fs::path>, usage_error> collect_recordings(const std::vector<std::string>& args) {
  std::vector<fs::path> out;
  for (const auto& arg : args) {
    const auto status = status_of(arg);
    if (!status) return status.error();
    const fs::path p(arg);
    if (fs::is_directory(*status)) {
      bool skipped_seeds = false;
      auto found = list_folder(arg, [&](const fs::path& f) {
        if (f.extension() != ".jsonl") return false;
        if (is_seeds_file(f) || is_raw_events_file(f)) {
          skipped_seeds = true;
          return false;
        }
        return true;
      });
      if (!found) return found.error();
      if (found->empty())
        return usage_error{arg + (skipped_seeds ? ": folder has no recordings (*.jsonl files; *.seeds.jsonl files hold "
                                               "revealed seeds and *.raw.jsonl files raw events, not recordings)"
                                             : ": folder has no recordings (*.jsonl files)")};
      out.insert(out.end(), found->begin(), found->end());
      continue;
    }
    // Only regular files: opening a FIFO or a device to probe it could block forever.
    if (!fs::is_regular_file(*status))
      return usage_error{arg + ": not a regular file (give recording files or folders that contain *.jsonl)"};
    std::ifstream probe(p, std::ios::binary);
    if (!probe) return usage_error{arg + ": cannot read file: " + std::strerror(errno)};
    out.push_back(p);
  }
  if (out.empty()) return usage_error{"no recordings given (pass files or folders)"};
  return out;
}

boost::system::result<std::vector<fs::path>, usage_error> collect_seed_files(const std::vector<std::string>& args) {
  std::vector<fs::path> out;
  for (const auto& arg : args) {
    const auto status = status_of(arg);
    if (!status) return status.error();
    if (fs::is_directory(*status)) {
      auto found = list_folder(arg, [](const fs::path& f) { return is_seeds_file(f); });
      if (!found) return found.error();
      out.insert(out.end(), found->begin(), found->end());
    } else if (is_seeds_file(arg)) {
      out.emplace_back(arg);
    }
  }
  return out;
}

}  // namespace replayer::app
