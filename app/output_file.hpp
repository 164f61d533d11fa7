#pragma once
// A file a command writes (a trade log, an equity curve, a report): written to a temporary file
// in the same folder and renamed over the path only when complete, so an existing good file is
// never truncated and no partial file is left behind (an interrupted or failed run removes its
// temporary file). Creating it first checks the folder is writable, before any work is done.
#include <boost/system/result.hpp>

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace replayer::app {

class output_file {
public:
  /// Creates the temporary file next to `path`; the error says which path and why (the OS reason).
  static boost::system::result<output_file, std::string> create(const std::string& path);

  output_file(output_file&& other) noexcept;
  output_file& operator=(output_file&& other) noexcept;
  output_file(const output_file&) = delete;
  output_file& operator=(const output_file&) = delete;
  /// Removes the temporary file unless committed.
  ~output_file();

  const std::string& path() const { return path_; }
  /// Appends; the first failure is kept and reported by commit.
  void write(std::string_view text);
  /// Flushes, closes and renames the temporary file over the path. The error: "cannot write PATH:
  /// REASON" with the first OS error met (e.g. "No space left on device").
  std::optional<std::string> commit();

private:
  output_file(std::string path, std::string temp, std::FILE* file) : path_(std::move(path)), temp_(std::move(temp)), file_(file) {}
  void discard();

  std::string path_, temp_;
  std::FILE* file_ = nullptr;
  int error_ = 0;  // errno of the first failed write
};

}  // namespace replayer::app
