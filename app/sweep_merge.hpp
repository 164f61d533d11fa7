#pragma once
// The rules of `replayer merge`: shard results combine only when they are shards 1..N of one
// sweep, each given once, with the same inputs (strategy, parameters, settings, --set, --sweep,
// --sort, --holdout, recordings and the games' digest), each holding exactly its own points.
#include "app/sweep_shard_file.hpp"

#include <boost/system/result.hpp>

#include <string>
#include <vector>

namespace replayer::app {

struct named_shard {
  std::string name;  // the file, for messages
  shard_file file;
};

/// Every row of the grid, or one line saying which file is refused and why: which input differs
/// (with both values), which shard is missing or given twice, which point is out of place.
boost::system::result<std::vector<sweep_row>, std::string> merge_shards(const std::vector<named_shard>& shards);

}  // namespace replayer::app
