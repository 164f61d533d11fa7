#pragma once
// What identifies the games a sweep played, so that shards run on different machines can be
// proved to have played the same data before their results are merged.
#include "core/game.hpp"

#include <string>
#include <vector>

namespace replayer {

/// SHA-256 (hex) over the games as decoded, in order: every game's id, start and end, and every
/// field of every tick line. The same games give the same digest whatever the files are called.
std::string games_digest(const std::vector<game>& games);

}  // namespace replayer
