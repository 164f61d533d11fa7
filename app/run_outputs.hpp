#pragma once
// The files a trading run writes as it goes, the same for `backtest` and `live`: the trade log
// (--trades OUT.jsonl: exactly the lines the digest is taken over; OUT.csv: the same events as
// CSV) and the equity curve (--equity OUT.csv, one row per tick). Each write error names the path.
#include "app/command.hpp"
#include "core/trading/trade_log.hpp"

#include <fstream>
#include <string>

namespace replayer::app {

class run_outputs {
public:
  /// Opens the files asked for (empty paths: none); false after printing why one cannot be.
  bool open(const std::string& trades_path, const std::string& equity_path, const command_io& io);
  /// The writer for backtest_run's trade log, or none without --trades.
  trade_log::writer trades_writer();
  bool wants_equity() const { return equity_.is_open(); }
  void equity_rows(const game_outcome& g);
  /// Closes the files; false after printing which one could not be written.
  bool close(const command_io& io);

private:
  std::string trades_path_, equity_path_;
  std::ofstream trades_, equity_;
  bool equity_header_ = false;
};

/// Writes `text` to `path` at once (the HTML report); false after printing why it could not.
bool write_file(const std::string& path, const std::string& text, const command_io& io);

}  // namespace replayer::app
