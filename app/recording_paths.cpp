#include "app/recording_paths.hpp"

#include "app/printable_text.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>
#include <set>

namespace replayer::app {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view seeds_suffix = ".seeds.jsonl";
constexpr std::string_view raw_suffix = ".raw.jsonl";
constexpr std::string_view trade_log_suffix = ".trades.jsonl";

constexpr std::size_t skipped_shown = 20;

}  // namespace

boost::system::result<std::vector<fs::path>, usage_error> list_folder(
    const std::string& folder, const std::function<bool(const fs::path&)>& wanted, std::vector<std::string>* skipped) {
  auto skip = [&](const fs::path& p, const std::string& why) {
    if (skipped) skipped->push_back(p.string() + ": " + why);
  };
  std::vector<fs::path> found;
  std::vector<fs::path> pending{fs::path(folder)};
  while (!pending.empty()) {
    const fs::path dir = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      if (dir == fs::path(folder)) return usage_error{folder + ": cannot list folder: " + ec.message()};
      skip(dir, "folder skipped: " + ec.message());
      continue;
    }
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      std::error_code link_ec, status_ec;
      const bool link = it->is_symlink(link_ec);
      const auto status = it->status(status_ec);  // follows a symlink
      if (status_ec) {
        skip(p, "skipped: " + status_ec.message());
      } else if (fs::is_directory(status)) {
        if (link) skip(p, "a symlink to a folder, not followed (give the folder itself)");
        else pending.push_back(p);
      } else if (fs::is_regular_file(status) && wanted(p)) {
        found.push_back(p);
      }
    }
    if (ec) skip(dir, "folder listing stopped: " + ec.message());
  }
  std::sort(found.begin(), found.end());
  return found;
}

void drop_repeats(std::vector<fs::path>& files) {
  std::set<fs::path> seen;
  std::error_code ec;
  std::erase_if(files, [&](const fs::path& p) {
    const fs::path key = fs::absolute(p, ec).lexically_normal();
    return !seen.insert(ec ? p : key).second;
  });
}

namespace {

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

bool is_trade_log_file(const fs::path& path) {
  return path.filename().string().ends_with(trade_log_suffix);
}

bool is_recording_file(const fs::path& path) {
  return path.extension() == ".jsonl" && !is_seeds_file(path) && !is_raw_events_file(path) && !is_trade_log_file(path);
}

void warn_skipped(const command_io& io, const std::vector<std::string>& skipped) {
  for (std::size_t i = 0; i < skipped.size() && i < skipped_shown; ++i)
    io.err << "replayer: warning: " << printable(skipped[i]) << '\n';
  if (skipped.size() > skipped_shown)
    io.err << "replayer: warning: " << skipped.size() - skipped_shown << " more entries skipped (" << skipped.size()
           << " in all)\n";
}

boost::system::result<std::vector<fs::path>, usage_error> collect_recordings(const std::vector<std::string>& args,
                                                                           std::vector<std::string>* skipped) {
  std::vector<fs::path> out;
  for (const auto& arg : args) {
    const auto status = status_of(arg);
    if (!status) return status.error();
    const fs::path p(arg);
    if (fs::is_directory(*status)) {
      bool skipped_seeds = false;
      auto found = list_folder(
          arg,
          [&](const fs::path& f) {
            if (is_recording_file(f)) return true;
            skipped_seeds = skipped_seeds || f.extension() == ".jsonl";
            return false;
          },
          skipped);
      if (!found) return found.error();
      if (found->empty())
        return usage_error{arg + (skipped_seeds ? ": folder has no recordings (*.jsonl files; *.seeds.jsonl files hold "
                                               "revealed seeds, *.raw.jsonl files raw events, *.trades.jsonl files trade logs: not recordings)"
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
  drop_repeats(out);
  if (skipped) {  // a folder named twice is walked twice: each entry is said once
    std::set<std::string> seen;
    std::erase_if(*skipped, [&](const std::string& s) { return !seen.insert(s).second; });
  }
  return out;
}

boost::system::result<std::vector<fs::path>, usage_error> collect_seed_files(const std::vector<std::string>& args,
                                                                           std::vector<std::string>* skipped) {
  std::vector<fs::path> out;
  for (const auto& arg : args) {
    const auto status = status_of(arg);
    if (!status) return status.error();
    if (fs::is_directory(*status)) {
      auto found = list_folder(arg, [](const fs::path& f) { return is_seeds_file(f); }, skipped);
      if (!found) return found.error();
      out.insert(out.end(), found->begin(), found->end());
    } else if (is_seeds_file(arg)) {
      out.emplace_back(arg);
    }
  }
  drop_repeats(out);
  return out;
}

}  // namespace replayer::app
