#pragma once
// David Bau's `seedrandom` (npm package seedrandom 3.x, its default ARC4 generator), bit for bit:
// the same key mixing, the same RC4-drop[256] stream and the same way of building a double from
// it, so a seed gives exactly the doubles JavaScript's `seedrandom(seed)()` gives.
//
// The seed is a JavaScript string: its UTF-16 code units are what the key mixing reads. We take
// UTF-8 text and decode it to code units (a code point above U+FFFF gives two surrogates); a byte
// that is not valid UTF-8 counts as one code unit of its own value.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace replayer {

class seedrandom {
public:
  /// The generator of `seedrandom(seed)`.
  explicit seedrandom(std::string_view seed);
  /// The generator of `seedrandom(parts[0] + parts[1] + ...)`, without building the string.
  explicit seedrandom(std::initializer_list<std::string_view> parts);

  /// The generator's state held in locals for a tight loop of draws: the compiler keeps the
  /// indices in registers (stores into the table could otherwise alias them). The generator moves
  /// on when the stream is destroyed; use one stream at a time.
  class stream {
  public:
    explicit stream(seedrandom& g)
        : g_(g), s_(g.s_.data()), i_(g.i_), j_(g.j_), next_t_(g.s_[(g.i_ + 1) & 255u]) {}
    ~stream() {
      g_.i_ = i_;
      g_.j_ = j_;
    }
    stream(const stream&) = delete;
    stream& operator=(const stream&) = delete;

    /// The next double in [0, 1): `prng()` in JavaScript.
    double next() {
      // Locals, not members: when this is not inlined, stores into the table would otherwise
      // force the indices to be reloaded from memory after every byte.
      std::uint32_t i = i_, j = j_, t = next_t_;
      // n = g(6) < 2^48 over d = 2^48, then at least one more byte: while n < 2^52,
      // n = (n + x) * 256, d *= 256, x = g(1). The first round always runs; more are rare.
      std::uint64_t n = step(s_, i, j, t);
      for (int k = 0; k < 5; ++k) n = (n << 8) | step(s_, i, j, t);
      n <<= 8;
      int d_exponent = 56;
      std::uint64_t x = step(s_, i, j, t);
      while (n < (std::uint64_t{1} << 52)) {
        n = (n + x) << 8;
        d_exponent += 8;
        x = step(s_, i, j, t);
      }
      i_ = i;
      j_ = j;
      next_t_ = t;
      // While n >= 2^53: n /= 2, d /= 2, x >>>= 1 -- all at once (the loop count is
      // unpredictable, a branch per halving costs more than the draw). n is a multiple of 256
      // and the shift at most 7, so nothing is lost, as in JavaScript.
      const int shift = std::max(0, static_cast<int>(std::bit_width(n)) - 53);
      n >>= shift;
      x >>= shift;
      d_exponent -= shift;
      // (n + x) < 2^53 and d is a power of two: the quotient is exact, as in JavaScript.
      return static_cast<double>(n + x) * power_of_two(-d_exponent);
    }

    /// The next RC4 output byte.
    std::uint32_t byte() { return step(s_, i_, j_, next_t_); }

  private:
    /// One RC4 step: i += 1; j += S[i]; swap S[i], S[j]; output S[S[i] + S[j]]. `next_t` is
    /// S[i + 1], loaded one step ahead: the load then need not wait for this swap's stores (it
    /// is reloaded in the rare case the swap wrote there). About 20 % faster per byte.
    [[gnu::always_inline]] static std::uint32_t step(std::uint32_t* s, std::uint32_t& i, std::uint32_t& j,
                                                     std::uint32_t& next_t) {
      i = (i + 1) & 255u;
      const std::uint32_t t = next_t;
      j = (j + t) & 255u;
      const std::uint32_t u = s[j];
      const std::uint32_t i_after = (i + 1) & 255u;
      std::uint32_t t_after = s[i_after];
      s[i] = u;
      s[j] = t;
      if (__builtin_expect(i_after == j, 0)) t_after = s[i_after];
      next_t = t_after;
      return s[(t + u) & 255u];
    }

    seedrandom& g_;
    std::uint32_t* s_;
    std::uint32_t i_, j_;
    std::uint32_t next_t_;
  };

  /// The next double in [0, 1): `prng()` in JavaScript.
  double next() { return stream(*this).next(); }

  /// The next `count` (<= 8) stream bytes as one big-endian number: `arc4.g(count)`.
  std::uint64_t bytes(int count) {
    stream st(*this);
    std::uint64_t r = 0;
    while (count-- > 0) r = (r << 8) | st.byte();
    return r;
  }

private:
  void init(std::initializer_list<std::string_view> parts);

  static double power_of_two(int e) {
    // 2^e for the normal range, built directly (std::ldexp is slower); e is -56 in practice.
    if (e > -1022 && e < 1024) {
      return std::bit_cast<double>(static_cast<std::uint64_t>(e + 1023) << 52);
    }
    return std::ldexp(1.0, e);
  }

  std::array<std::uint32_t, 256> s_{};  // the RC4 permutation (bytes, held as words: faster)
  std::uint32_t i_ = 0;
  std::uint32_t j_ = 0;
};

}  // namespace replayer
