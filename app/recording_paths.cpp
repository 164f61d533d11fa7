#include "app/recording_paths.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace replayer::app {

namespace fs = std::filesystem;

boost::system::result<std::vector<fs::path>, usage_error> collect_recordings(const std::vector<std::string>& args) {
  std::vector<fs::path> out;
  for (const auto& arg : args) {
    const fs::path p(arg);
    std::error_code ec;
    const auto status = fs::status(p, ec);
    if (ec || !fs::exists(status))
      return usage_error{arg + ": no such file or folder (give recording files or folders that contain *.jsonl)"};
    if (fs::is_directory(status)) {
      std::vector<fs::path> found;
      for (fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
           !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".jsonl") found.push_back(it->path());
      }
      if (ec) return usage_error{arg + ": cannot list folder: " + ec.message()};
      if (found.empty()) return usage_error{arg + ": folder has no recordings (*.jsonl files)"};
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
      continue;
    }
    std::ifstream probe(p, std::ios::binary);
    if (!probe) return usage_error{arg + ": cannot read file: " + std::strerror(errno)};
    out.push_back(p);
  }
  if (out.empty()) return usage_error{"no recordings given (pass files or folders)"};
  return out;
}

}  // namespace replayer::app
