#pragma once
// Reads one recording, line by line in bounded memory, and hands out its games one at a time
// (grouped by core/game_splitter: a game is one game id within the file).
// A bad line (invalid JSON, a missing or mistyped field, longer than the limit) is reported as
// FILE:LINE: reason, counted, and skipped: the rest of the file is still read.
#include "core/game.hpp"
#include "core/game_splitter.hpp"
#include "core/line_source.hpp"
#include "core/record.hpp"

#include <deque>
#include <functional>
#include <optional>
#include <string>

namespace replayer {

struct bad_line {
  std::string_view file;
  std::size_t line = 0;
  std::string reason;

  /// "FILE:LINE: reason"
  std::string describe() const;
};

class recording_reader {
public:
  /// A game longer than this many tick lines is cut there (the rest reported as bad lines);
  /// a real game has at most 5,000 ticks plus ~150 cooldown and presale lines.
  static constexpr std::size_t max_ticks_per_game = 100'000;

  using bad_line_handler = std::function<void(const bad_line&)>;

  /// `file` labels games and messages; `lines` must outlive the reader.
  recording_reader(std::string file, line_source& lines, bad_line_handler on_bad_line = {});

  /// The next game of the file, or nullopt when the file is exhausted.
  std::optional<game> next_game();

  std::size_t lines_read() const { return lines_read_; }
  std::size_t bad_lines() const { return bad_lines_; }
  /// Records skipped: sessions, unknown types, ends of games not in the file, and late lines of
  /// games that had already ended.
  std::size_t skipped_records() const {
    return skipped_records_ + splitter_.late_lines() + splitter_.orphan_ends();
  }

private:
  // Builds the games the splitter marks out.
  class game_builder final : public game_splitter::sink {
  public:
    explicit game_builder(recording_reader& reader) : reader_(reader) {}
    void begin_game(std::string_view id, std::size_t line) override;
    void on_record(const record& r, std::size_t line) override;
    void end_game() override;

  private:
    recording_reader& reader_;
  };

  void report(std::size_t line, std::string reason);

  std::string file_;
  line_source& lines_;
  bad_line_handler on_bad_line_;
  record_decoder decoder_;
  record record_;
  game_builder builder_{*this};
  game_splitter splitter_{builder_};
  std::optional<game> current_;
  std::deque<game> ready_;
  bool exhausted_ = false;
  std::size_t pending_bad_ = 0;  // bad lines before the first game of the file
  std::size_t lines_read_ = 0;
  std::size_t bad_lines_ = 0;
  std::size_t skipped_records_ = 0;
};

}  // namespace replayer
