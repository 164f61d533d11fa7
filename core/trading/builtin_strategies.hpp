#pragma once
// The rule tables shipped in strategies/*.json, built into the binary.
#include <span>
#include <string_view>

namespace replayer {

struct builtin_strategy {
  std::string_view name;
  std::string_view json;
};

std::span<const builtin_strategy> builtin_strategies();

}  // namespace replayer
