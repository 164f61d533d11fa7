#pragma once
// Exact decimal arithmetic for money and prices.
//
// A decimal is a signed 128-bit integer counting units of 1e-27. Every price the server sends
// (a double's shortest text, e.g. 0.020000000000000018 or 1e-05) and every SOL amount is exact at
// this scale; the range is about +-1.7e11. Products and quotients are computed exactly in 256
// bits (four 64-bit limbs; unit.decimal_wide holds them to Boost.Multiprecision) and rounded half
// to even to 27 places: the one rounding rule, written down in docs/trading-rules.md.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace replayer {

class decimal {
public:
  __extension__ typedef __int128 raw_type;
  static constexpr int scale = 27;

  constexpr decimal() = default;
  static constexpr decimal from_raw(raw_type raw) {
    decimal d;
    d.raw_ = raw;
    return d;
  }
  static decimal from_int(std::int64_t units);

  /// Parses JSON number syntax (`-1.25`, `1`, `1e-05`, `2.5E+3`). Digits beyond 27 decimal
  /// places are rounded half to even. Returns nullopt on a syntax error or out-of-range value.
  static std::optional<decimal> parse(std::string_view text);

  raw_type raw() const { return raw_; }
  /// The shortest exact text: "0.1", "-2", "0.020000000000000018".
  std::string str() const;
  /// For display and charts only; never used to decide anything.
  double to_double() const;

  bool is_zero() const { return raw_ == 0; }
  bool is_negative() const { return raw_ < 0; }

  decimal operator-() const { return from_raw(-raw_); }
  decimal& operator+=(decimal other);
  decimal& operator-=(decimal other);
  friend decimal operator+(decimal a, decimal b) { return a += b; }
  friend decimal operator-(decimal a, decimal b) { return a -= b; }
  /// Exact product rounded half to even to 27 places.
  friend decimal operator*(decimal a, decimal b);
  /// Quotient rounded half to even to 27 places; dividing by zero is a bug and throws.
  friend decimal operator/(decimal a, decimal b);

  friend bool operator==(decimal a, decimal b) { return a.raw_ == b.raw_; }
  friend std::strong_ordering operator<=>(decimal a, decimal b) {
    return a.raw_ < b.raw_ ? std::strong_ordering::less
           : a.raw_ > b.raw_ ? std::strong_ordering::greater
                             : std::strong_ordering::equal;
  }

private:
  raw_type raw_ = 0;
};

/// `decimal_literal("0.005")` for constants in code and tests; throws on a malformed literal.
decimal decimal_literal(std::string_view text);

}  // namespace replayer
