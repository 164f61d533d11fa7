#include "app/input_file.hpp"

#include "core/concat.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace replayer::app {

namespace fs = std::filesystem;

std::optional<std::string> not_a_regular_file(const std::string& path) {
  std::error_code ec;
  const auto status = fs::status(fs::path(path), ec);
  if (ec || !fs::exists(status)) return std::string("no such file");
  if (!fs::is_regular_file(status)) return std::string("not a regular file (a FIFO, a device or a folder)");
  return std::nullopt;
}

boost::system::result<std::string, input_problem> read_input_file(const std::string& path, std::uintmax_t limit) {
  if (auto why = not_a_regular_file(path)) return input_problem{*why};
  std::ifstream in(path, std::ios::binary);
  if (!in) return input_problem{concat({"cannot read the file: ", std::strerror(errno)})};
  // Reads in chunks up to the limit and one byte more, whatever the size said (the file may be
  // growing), so memory never goes beyond the limit.
  std::error_code ec;
  const auto size = fs::file_size(fs::path(path), ec);
  std::string text;
  text.reserve(static_cast<std::size_t>(std::min<std::uintmax_t>(ec ? 0 : size, limit)) + 1);
  char chunk[1 << 16];
  while (text.size() <= limit && in.read(chunk, sizeof chunk).gcount() > 0)
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return input_problem{concat({"cannot read the file: ", std::strerror(errno)})};
  if (text.size() > limit)
    return input_problem{concat({"larger than ", std::to_string(limit >> 10), " KiB, the limit for this file"})};
  return {boost::system::in_place_value, std::move(text)};
}

}  // namespace replayer::app
