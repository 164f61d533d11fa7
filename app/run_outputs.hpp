#pragma once
// The files a trading run writes as it goes, the same for `backtest` and `live`: the trade log
// (--trades OUT.trades.jsonl: exactly the lines the digest is taken over; OUT.csv: the same
// events as CSV), the equity curve (--equity OUT.csv, one row per tick) and the HTML report.
// Each is written through app/output_file (a temporary file renamed when complete), created
// when the run opens its outputs, so an unwritable path is found before any work. A JSON-lines
// trade log must be named *.trades.jsonl: folder scans pass over those, so it is never read
// back as a recording.
#include "app/command.hpp"
#include "app/output_file.hpp"
#include "core/trading/trade_log.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace replayer::app {

/// A usage error when an output path (`flag`, `path` pairs; empty paths are not asked for) is one
/// of the inputs (after resolving symlinks and hard links) or another output.
std::optional<usage_error> outputs_overlap(const std::vector<std::pair<std::string, std::string>>& outputs,
                                           const std::vector<std::filesystem::path>& inputs);

class run_outputs {
public:
  /// Creates the files asked for (empty paths: none); false after printing why one cannot be.
  bool open(const std::string& trades_path, const std::string& equity_path, const command_io& io);
  /// The same for the HTML report, written at the end by write_report.
  bool open_report(const std::string& report_path, const command_io& io);
  /// The writer for backtest_run's trade log, or none without --trades.
  trade_log::writer trades_writer();
  bool wants_equity() const { return equity_.has_value(); }
  void equity_rows(const game_outcome& g);
  void write_report(const std::string& html);
  /// Completes the files; false after printing each one that could not be written and why.
  bool close(const command_io& io);

private:
  std::optional<output_file> trades_, equity_, report_;
  bool trades_csv_ = false;
  bool equity_header_ = false;
};

}  // namespace replayer::app
