#include "core/decimal.hpp"

#include <array>
#include <stdexcept>

namespace replayer {
namespace {

__extension__ typedef unsigned __int128 uraw;

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

// Products and quotients need 256 bits: four 64-bit limbs, least significant first.
using u64 = std::uint64_t;
using limbs = std::array<u64, 4>;

u64 low(uraw v) { return static_cast<u64>(v); }
u64 high(uraw v) { return static_cast<u64>(v >> 64); }

limbs multiply(uraw a, uraw b) {
  const uraw p00 = uraw(low(a)) * low(b), p01 = uraw(low(a)) * high(b);
  const uraw p10 = uraw(high(a)) * low(b), p11 = uraw(high(a)) * high(b);
  const uraw middle = uraw(high(p00)) + low(p01) + low(p10);  // at most 3 * (2^64 - 1)
  const uraw upper = p11 + high(p01) + high(p10) + high(middle);
  return {low(p00), low(middle), low(upper), high(upper)};
}

// (hi * 2^64 + lo) / d with hi < d, so that the quotient fits in 64 bits; the remainder in `rem`.
u64 divide_128_by_64(u64 hi, u64 lo, u64 d, u64& rem) {
#if defined(__x86_64__)
  u64 q;
  __asm__("divq %4" : "=a"(q), "=d"(rem) : "a"(lo), "d"(hi), "rm"(d));
  return q;
#else
  const uraw n = (uraw(hi) << 64) | lo;
  rem = static_cast<u64>(n % d);
  return static_cast<u64>(n / d);
#endif
}

// n / d rounded half to even, as a magnitude; nullopt when it exceeds max_raw. d > 0.
std::optional<uraw> round_quotient(const limbs& q, uraw r, uraw d) {
  if (q[3] != 0 || q[2] != 0) return std::nullopt;
  uraw quotient = (uraw(q[1]) << 64) | q[0];
  const uraw twice = r * 2;  // r < d <= 2^127: no overflow
  if (twice > d || (twice == d && (quotient & 1))) ++quotient;
  if (quotient > max_raw) return std::nullopt;
  return quotient;
}

// n / d for a divisor below 2^64: long division, one limb at a time.
limbs divide_by_64(const limbs& n, u64 d, u64& rem) {
  limbs q{};
  rem = 0;
  for (int i = 3; i >= 0; --i) q[static_cast<std::size_t>(i)] = divide_128_by_64(rem, n[static_cast<std::size_t>(i)], d, rem);
  return q;
}

// n / d for a divisor of 65 to 128 bits: Knuth's algorithm D (TAOCP 4.3.1) with 64-bit digits.
limbs divide_by_128(const limbs& n, uraw d, uraw& rem) {
  const int s = __builtin_clzll(high(d));
  const uraw v = d << s;
  const u64 v1 = high(v), v0 = low(v);
  // The numerator shifted by s: five digits.
  std::array<u64, 5> u{};
  u[4] = s == 0 ? 0 : n[3] >> (64 - s);
  for (int i = 3; i >= 1; --i)
    u[static_cast<std::size_t>(i)] = s == 0 ? n[static_cast<std::size_t>(i)]
                                           : (n[static_cast<std::size_t>(i)] << s) | (n[static_cast<std::size_t>(i - 1)] >> (64 - s));
  u[0] = n[0] << s;
  limbs q{};
  for (int j = 2; j >= 0; --j) {
    const auto k = static_cast<std::size_t>(j);
    // Estimate the digit from the top two digits of the remainder and the top digit of v, then
    // correct it (at most twice) with v's second digit.
    uraw qhat, rhat;
    if (u[k + 2] >= v1) {
      qhat = ~u64(0);
      rhat = (uraw(u[k + 2]) << 64 | u[k + 1]) - qhat * v1;
    } else {
      u64 r64;
      qhat = divide_128_by_64(u[k + 2], u[k + 1], v1, r64);
      rhat = r64;
    }
    while (high(rhat) == 0 && qhat * v0 > ((rhat << 64) | u[k])) {
      --qhat;
      rhat += v1;
    }
    // u[k..k+2] -= qhat * v; if that went below zero, add v back once.
    const uraw p0 = qhat * v0, p1 = qhat * v1 + high(p0);
    const uraw t0 = uraw(u[k]) - low(p0);
    const uraw t1 = uraw(u[k + 1]) - low(p1) - (high(t0) != 0);
    const uraw t2 = uraw(u[k + 2]) - high(p1) - (high(t1) != 0);
    u[k] = low(t0);
    u[k + 1] = low(t1);
    u[k + 2] = low(t2);
    if (high(t2) != 0) {
      --qhat;
      const uraw a0 = uraw(u[k]) + v0;
      const uraw a1 = uraw(u[k + 1]) + v1 + high(a0);
      u[k] = low(a0);
      u[k + 1] = low(a1);
      u[k + 2] += high(a1);
    }
    q[k] = low(qhat);
  }
  rem = ((uraw(u[1]) << 64) | u[0]) >> s;  // what is left is below v: two digits
  return q;
}

// n / d rounded half to even, for any d > 0 of at most 128 bits.
std::optional<uraw> divide_half_even(const limbs& n, uraw d) {
  if (high(d) == 0) {
    u64 rem;
    const limbs q = divide_by_64(n, low(d), rem);
    return round_quotient(q, rem, d);
  }
  uraw rem;
  const limbs q = divide_by_128(n, d, rem);
  return round_quotient(q, rem, d);
}

uraw magnitude(decimal::raw_type r) { return r < 0 ? uraw(0) - uraw(r) : uraw(r); }

decimal signed_result(std::optional<uraw> m, bool negative) {
  if (!m) throw std::overflow_error("decimal overflow");
  const auto raw = static_cast<decimal::raw_type>(*m);
  return decimal::from_raw(negative ? -raw : raw);
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
  const limbs product = multiply(magnitude(a.raw_), magnitude(b.raw_));
  return signed_result(divide_half_even(product, pow10[decimal::scale]), (a.raw_ < 0) != (b.raw_ < 0));
}

decimal operator/(decimal a, decimal b) {
  if (b.raw_ == 0) throw std::domain_error("decimal division by zero");
  const limbs scaled = multiply(magnitude(a.raw_), pow10[decimal::scale]);
  return signed_result(divide_half_even(scaled, magnitude(b.raw_)), (a.raw_ < 0) != (b.raw_ < 0));
}

decimal decimal_literal(std::string_view text) {
  auto d = decimal::parse(text);
  if (!d) throw std::invalid_argument("malformed decimal literal: " + std::string(text));
  return *d;
}

}  // namespace replayer
