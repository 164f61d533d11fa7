// decimal_wide: the 256-bit products and quotients of core/decimal.cpp (64-bit limbs, Knuth's
// division) against Boost.Multiprecision's int256 doing the same exact arithmetic with the same
// rounding (half to even, on the magnitude) and the same overflow limit: edge values pairwise and
// two million random operands of every size and sign.
#include "core/decimal.hpp"

#include <boost/multiprecision/cpp_int.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

using replayer::decimal;
using raw_t = decimal::raw_type;
__extension__ typedef unsigned __int128 uraw_t;
using wide = boost::multiprecision::int256_t;

namespace {

constexpr uraw_t max_raw = ~uraw_t(0) >> 1;

wide to_wide(raw_t r) {
  const bool negative = r < 0;
  const uraw_t mag = negative ? uraw_t(0) - uraw_t(r) : uraw_t(r);
  wide w = wide(static_cast<std::uint64_t>(mag >> 64));
  w <<= 64;
  w += static_cast<std::uint64_t>(mag);
  return negative ? wide(-w) : w;
}

wide unit() {
  wide u = 1;
  for (int i = 0; i < decimal::scale; ++i) u *= 10;
  return u;
}

// n / d, half to even on the magnitudes; nullopt beyond the range (+-max_raw).
std::optional<wide> reference_quotient(const wide& n, const wide& d) {
  const bool negative = (n < 0) != (d < 0);
  const wide an = n < 0 ? wide(-n) : n, ad = d < 0 ? wide(-d) : d;
  wide q = an / ad;
  const wide twice = (an % ad) * 2;
  if (twice > ad || (twice == ad && (q & 1) != 0)) ++q;
  if (q > to_wide(static_cast<raw_t>(max_raw))) return std::nullopt;
  return negative ? wide(-q) : q;
}

// The result's text, or "overflow".
std::string text(const std::optional<wide>& w) { return w ? w->str() : "overflow"; }

template <class F>
std::string ours(F op) {
  try {
    return to_wide(op().raw()).str();
  } catch (const std::overflow_error&) {
    return "overflow";
  }
}

struct checker {
  std::size_t cases = 0, wrong = 0;

  void check(raw_t a, raw_t b) {
    const decimal x = decimal::from_raw(a), y = decimal::from_raw(b);
    const wide wa = to_wide(a), wb = to_wide(b);
    ++cases;
    if (ours([&] { return x * y; }) != text(reference_quotient(wa * wb, unit())) && ++wrong <= 5)
      BOOST_ERROR("product of raw " << wa << " and " << wb);
    if (b == 0) return;
    ++cases;
    if (ours([&] { return x / y; }) != text(reference_quotient(wa * unit(), wb)) && ++wrong <= 5)
      BOOST_ERROR("quotient of raw " << wa << " by " << wb);
  }
};

// xorshift64*: the same operands every run.
struct random_bits {
  std::uint64_t state = 0x2545f4914f6cdd1du;
  std::uint64_t next() {
    state ^= state >> 12, state ^= state << 25, state ^= state >> 27;
    return state * 0x2545f4914f6cdd1du;
  }
  // A raw value of a random bit length (0 to 127) and sign.
  raw_t operand() {
    const unsigned bits = static_cast<unsigned>(next() % 128);
    uraw_t v = (uraw_t(next()) << 64) | next();
    v = bits == 0 ? 0 : v >> (128 - bits);
    return next() & 1 ? -static_cast<raw_t>(v) : static_cast<raw_t>(v);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(decimal_wide)

BOOST_AUTO_TEST_CASE(edge_values_pairwise) {
  const raw_t one = static_cast<raw_t>(replayer::decimal_literal("1").raw());
  std::vector<raw_t> edges = {0, 1, 2, 3, 5, 10, one / 2, one - 1, one, one + 1, 3 * one / 2, 7 * one,
                              static_cast<raw_t>(max_raw), static_cast<raw_t>(max_raw - 1), static_cast<raw_t>(max_raw / 2),
                              -static_cast<raw_t>(max_raw) - 1,  // -2^127, beyond the range but representable
                              static_cast<raw_t>(~std::uint64_t(0)), static_cast<raw_t>(uraw_t(1) << 64),
                              static_cast<raw_t>((uraw_t(1) << 64) + 1), static_cast<raw_t>(uraw_t(1) << 100)};
  for (raw_t p = 10; p < static_cast<raw_t>(max_raw / 10); p *= 10) edges.insert(edges.end(), {p, p + p / 2, p - 1});
  const std::size_t n = edges.size();
  const raw_t lowest = -static_cast<raw_t>(max_raw) - 1;  // its negation is not representable
  for (std::size_t i = 0; i < n; ++i)
    if (edges[i] != lowest) edges.push_back(-edges[i]);
  checker c;
  for (raw_t a : edges)
    for (raw_t b : edges) c.check(a, b);
  BOOST_TEST_MESSAGE("decimal_wide: " << c.cases << " edge cases as Boost.Multiprecision computes them");
  BOOST_TEST(c.wrong == 0u);
}

BOOST_AUTO_TEST_CASE(two_million_random_operations) {
  random_bits r;
  checker c;
  while (c.cases < 2'000'000) c.check(r.operand(), r.operand());
  // Halfway cases are rare at random: products of a random value with one unit in 2^k are
  // exactly halfway at some k, and quotients by 2 of odd raw values are too.
  for (int i = 0; i < 20'000; ++i) {
    const raw_t a = r.operand();
    c.check(a, static_cast<raw_t>(uraw_t(5) << (i % 100)));
    c.check(a | 1, 2 * static_cast<raw_t>(replayer::decimal_literal("1").raw()));
  }
  BOOST_TEST_MESSAGE("decimal_wide: " << c.cases << " random products and quotients as Boost.Multiprecision computes them");
  BOOST_TEST(c.wrong == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
