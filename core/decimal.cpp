#include "core/decimal.hpp"

#include <boost/multiprecision/cpp_int.hpp>

#include <array>
#include <stdexcept>

namespace replayer {
namespace {

__extension__ typedef unsigned __int128 uraw;
using wide = boost::multiprecision::int256_t;

constexpr std::array<uraw, 39> make_powers() {
  std::array<uraw, 39> p{};
  p[0] = 1;
  for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}
constexpr auto pow10 = make_powers();
constexpr uraw max_raw = ~uraw(0) >> 1;

// Divides n by d (both non-negative), rounding half to even.
uraw div_half_even(uraw n, uraw d) {
  uraw q = n / d, r = n % d;
  uraw twice = r * 2;  // r < d <= 1e38 so 2r fits
  if (twice > d || (twice == d && (q & 1))) ++q;
  return q;
}

wide div_half_even(const wide& n, const wide& d) {
  const bool negative = (n < 0) != (d < 0);
  wide an = n < 0 ? wide(-n) : n, ad = d < 0 ? wide(-d) : d;
  wide q = an / ad, r = an % ad;
  wide twice = r * 2;
  if (twice > ad || (twice == ad && (q & 1) != 0)) ++q;
  return negative ? wide(-q) : q;
}

decimal from_wide(const wide& w) {
  static const wide hi = wide(decimal::raw_type(max_raw));
  if (w > hi || w < -hi) throw std::overflow_error("decimal overflow");
  // cpp_int converts to 128-bit integers through its limbs; do it explicitly for clarity.
  const bool negative = w < 0;
  wide mag = negative ? wide(-w) : w;
  uraw lo = static_cast<std::uint64_t>(mag & wide(~std::uint64_t(0)));
  uraw up = static_cast<std::uint64_t>(mag >> 64);
  auto raw = static_cast<decimal::raw_type>((up << 64) | lo);
  return decimal::from_raw(negative ? -raw : raw);
}

wide to_wide(decimal::raw_type r) {
  const bool negative = r < 0;
  uraw mag = negative ? uraw(-r) : uraw(r);
  wide w = wide(static_cast<std::uint64_t>(mag >> 64));
  w <<= 64;
  w += static_cast<std::uint64_t>(mag);
  return negative ? wide(-w) : w;
}

const wide& unit_wide() {
  static const wide unit = to_wide(static_cast<decimal::raw_type>(pow10[decimal::scale]));
  return unit;
}

}  // namespace

decimal decimal::from_int(std::int64_t units) {
  return from_raw(static_cast<raw_type>(units) * static_cast<raw_type>(pow10[scale]));
}

std::optional<decimal> decimal::parse(std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  bool negative = false;
  if (i < n && text[i] == '-') {
    negative = true;
    ++i;
  }
  std::uint64_t head = 0;  // the first 19 significant digits, in 64-bit arithmetic (the usual case)
  uraw mantissa = 0;       // all of them, kept from the 20th on
  int significant = 0;  // digits accumulated into mantissa (leading zeros excluded)
  int exponent = 0;     // power of ten applied to mantissa
  bool any_digit = false;
  auto take_digit = [&](char c, bool fractional) {
    any_digit = true;
    if (significant == 0 && c == '0') {
      if (fractional) --exponent;
      return true;
    }
    // 39 digits cover every in-range value at 27 places (what str() prints); more is more
    // precision than any double prints. Below 38 digits the mantissa cannot overflow.
    if (significant < 19) {
      head = head * 10 + static_cast<unsigned>(c - '0');
    } else if (significant < 38) {
      if (significant == 19) mantissa = head;
      mantissa = mantissa * 10 + uraw(c - '0');
    } else if (significant >= 39 || __builtin_mul_overflow(mantissa, uraw(10), &mantissa) ||
               __builtin_add_overflow(mantissa, uraw(c - '0'), &mantissa)) {
      return false;
    }
    ++significant;
    if (fractional) --exponent;
    return true;
  };
  if (i < n && text[i] == '0') {
    take_digit('0', false);
    ++i;
  } else {
    while (i < n && text[i] >= '0' && text[i] <= '9')
      if (!take_digit(text[i++], false)) return std::nullopt;
  }
  if (!any_digit) return std::nullopt;
  if (i < n && text[i] == '.') {
    ++i;
    const std::size_t start = i;
    while (i < n && text[i] >= '0' && text[i] <= '9')
      if (!take_digit(text[i++], true)) return std::nullopt;
    if (i == start) return std::nullopt;
  }
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
    const std::size_t start = i;
    int e = 0;
    while (i < n && text[i] >= '0' && text[i] <= '9') {
      if (e < 10000) e = e * 10 + (text[i] - '0');
      ++i;
    }
    if (i == start) return std::nullopt;
    exponent += exp_negative ? -e : e;
  }
  if (i != n) return std::nullopt;
  if (significant <= 19) mantissa = head;

  uraw magnitude = 0;
  const int shift = exponent + scale;
  if (mantissa == 0) {
    magnitude = 0;
  } else if (significant <= 19 && shift >= 0 && shift <= 19) {
    // Both factors below 2^64: the product fits in 128 bits.
    magnitude = uraw(head) * uraw(static_cast<std::uint64_t>(pow10[shift]));
    if (magnitude > max_raw) return std::nullopt;
  } else if (shift >= 0) {
    if (shift >= static_cast<int>(pow10.size())) return std::nullopt;
    if (__builtin_mul_overflow(mantissa, pow10[shift], &magnitude) || magnitude > max_raw)
      return std::nullopt;
  } else {
    magnitude = -shift >= static_cast<int>(pow10.size()) ? 0 : div_half_even(mantissa, pow10[-shift]);
  }
  const auto raw = static_cast<raw_type>(magnitude);
  return from_raw(negative ? -raw : raw);
}

std::string decimal::str() const {
  // Written right to left into a buffer: at most a sign, 12 integer digits, a point and 27
  // fraction digits. The fraction is taken as 9 + 18 digits, in 64-bit arithmetic.
  const uraw mag = raw_ < 0 ? uraw(-raw_) : uraw(raw_);
  std::uint64_t integer = static_cast<std::uint64_t>(mag / pow10[scale]);
  const uraw fraction = mag % pow10[scale];
  char buf[48];
  char* const end = buf + sizeof buf;
  char* p = end;
  if (fraction != 0) {
    std::uint64_t low = static_cast<std::uint64_t>(fraction % pow10[18]);
    std::uint64_t high = static_cast<std::uint64_t>(fraction / pow10[18]);
    bool trailing = true;  // still in the trailing zeros, which are not written
    auto put = [&](std::uint64_t& v, int count) {
      for (int k = 0; k < count; ++k, v /= 10) {
        const char c = char('0' + v % 10);
        if (trailing && c == '0') continue;
        trailing = false;
        *--p = c;
      }
    };
    put(low, 18);
    put(high, 9);
    *--p = '.';
  }
  do {
    *--p = char('0' + integer % 10);
    integer /= 10;
  } while (integer != 0);
  if (raw_ < 0) *--p = '-';
  return std::string(p, end);
}

double decimal::to_double() const {
  const uraw mag = raw_ < 0 ? uraw(-raw_) : uraw(raw_);
  const double v = static_cast<double>(mag / pow10[scale]) +
                   static_cast<double>(mag % pow10[scale]) / static_cast<double>(pow10[scale]);
  return raw_ < 0 ? -v : v;
}

// The range is symmetric (+-max_raw): the one 128-bit value beyond it, -2^127, has no
// negation and is refused like any other overflow.
decimal& decimal::operator+=(decimal other) {
  raw_type sum;
  if (__builtin_add_overflow(raw_, other.raw_, &sum) || sum < -raw_type(max_raw))
    throw std::overflow_error("decimal overflow");
  raw_ = sum;
  return *this;
}

decimal& decimal::operator-=(decimal other) {
  raw_type difference;
  if (__builtin_sub_overflow(raw_, other.raw_, &difference) || difference < -raw_type(max_raw))
    throw std::overflow_error("decimal overflow");
  raw_ = difference;
  return *this;
}

decimal operator*(decimal a, decimal b) {
  return from_wide(div_half_even(to_wide(a.raw_) * to_wide(b.raw_), unit_wide()));
}

decimal operator/(decimal a, decimal b) {
  if (b.raw_ == 0) throw std::domain_error("decimal division by zero");
  return from_wide(div_half_even(to_wide(a.raw_) * unit_wide(), to_wide(b.raw_)));
}

decimal decimal_literal(std::string_view text) {
  auto d = decimal::parse(text);
  if (!d) throw std::invalid_argument("malformed decimal literal: " + std::string(text));
  return *d;
}

}  // namespace replayer
