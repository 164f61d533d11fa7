#pragma once
// The file `backtest --sweep ... --shard K/N --out FILE` writes and `replayer merge` reads: one
// JSON object holding which shard it is, the run's inputs (strategy, every parameter and setting,
// every --set and --sweep, --sort, --holdout, the recordings with their sizes and the digest of
// the games) and every point the shard played, with its full result and its printed line.
//
//   {"type": "replayer-sweep-shard", "format": 1, "shard": 2, "shards": 4, "points": 24,
//    "inputs": {...}, "results": [
//   {"point": 1, "label": "...", "sort_value": "0.0041", "line": "...", "result": {...},
//    "holdout_block": null, "out_of_sample": null},
//   ...]}
#include "app/sweep_rows.hpp"
#include "core/json_value.hpp"
#include "core/trading/sweep.hpp"

#include <boost/system/result.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace replayer::app {

struct shard_file {
  sweep_shard shard;
  std::size_t points = 0;  // the whole grid's
  json_value inputs;       // the same in every shard of one sweep
  std::vector<sweep_row> rows;
};

/// The file's text; `inputs` is a JSON object.
std::string shard_file_text(const sweep_shard& shard, std::size_t points, const std::string& inputs,
                            const std::vector<sweep_row>& rows);

/// Reads a shard file's text back, or says what makes it not one (without the file's name).
boost::system::result<shard_file, std::string> parse_shard_file(std::string_view text);

/// How a merge prints the shards' rows: the --sort and --holdout in their inputs.
sweep_view shard_view(const json_value& inputs, bool json);

}  // namespace replayer::app
