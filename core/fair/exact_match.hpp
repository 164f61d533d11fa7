#pragma once
// The comparisons verification needs: doubles bit for bit, hex digests without regard to case.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <string_view>

namespace replayer {

/// The same double, not merely an equal value (+0 and -0 differ).
inline bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

inline bool equal_ignoring_case(std::string_view a, std::string_view b) {
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

}  // namespace replayer
