#pragma once
// Splits a recording into lines, in bounded memory: a line longer than the limit is reported
// (not kept) and reading goes on with the next one. Works over a file or over bytes in memory.
#include <boost/system/result.hpp>

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace replayer {

inline constexpr std::size_t max_line_bytes = std::size_t{1} << 20;

struct text_line {
  std::size_t number = 0;  // 1-based
  std::string_view text;   // without the line ending; empty when overlong
  bool overlong = false;
};

/// Anything that yields lines, one after the other.
class line_source {
public:
  virtual ~line_source() = default;
  /// The next line, or nullopt at the end.
  virtual std::optional<text_line> next() = 0;
  /// The longest line kept; longer ones come back as `overlong`.
  virtual std::size_t max_line() const = 0;
};

/// Lines of a text held in memory; `content` must outlive the reader.
class memory_lines final : public line_source {
public:
  explicit memory_lines(std::string_view content, std::size_t max_line = max_line_bytes)
      : rest_(content), max_line_(max_line) {}
  std::optional<text_line> next() override;
  std::size_t max_line() const override { return max_line_; }

private:
  std::string_view rest_;
  std::size_t max_line_;
  std::size_t number_ = 0;
};

/// Lines of a file, read in chunks through a buffer of at most `max_line` plus one chunk.
class file_lines final : public line_source {
public:
  static boost::system::result<file_lines> open(const std::filesystem::path& path,
                                                 std::size_t max_line = max_line_bytes);
  std::optional<text_line> next() override;
  std::size_t max_line() const override { return max_line_; }
  /// Set when reading stopped on an I/O error (not at end of file).
  std::error_code read_error() const { return read_error_; }

private:
  struct file_closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  file_lines(std::FILE* f, std::size_t max_line);
  bool fill();  // reads more; false at end of file or on error

  std::unique_ptr<std::FILE, file_closer> file_;
  // Not zero-filled: only the bytes read are ever looked at, and clearing 1 MiB per file
  // cost more than reading a typical recording.
  std::unique_ptr<char[]> buffer_;
  std::size_t capacity_ = 0;
  std::size_t begin_ = 0, end_ = 0;
  std::size_t max_line_;
  std::size_t number_ = 0;
  bool eof_ = false;
  std::error_code read_error_;
};

}  // namespace replayer
