#pragma once
// Joins message pieces into one string. Also sidesteps GCC 12's false -Wrestrict warnings on
// `"literal" + std::string` chains.
#include <initializer_list>
#include <string>
#include <string_view>

namespace replayer {

inline std::string concat(std::initializer_list<std::string_view> parts) {
  std::size_t size = 0;
  for (auto p : parts) size += p.size();
  std::string out;
  out.reserve(size);
  for (auto p : parts) out += p;
  return out;
}

}  // namespace replayer
