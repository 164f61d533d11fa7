#include "core/record_fast.hpp"

#include <cstring>

namespace replayer {
namespace {

// Reads the line front to back; every step either consumes what it expects or fails.
class cursor {
public:
  explicit cursor(std::string_view line) : p_(line.data()), end_(line.data() + line.size()) {}

  bool at_end() const { return p_ == end_; }

  template <std::size_t N>
  bool literal(const char (&text)[N]) {
    constexpr std::size_t n = N - 1;
    if (static_cast<std::size_t>(end_ - p_) < n || std::memcmp(p_, text, n) != 0) return false;
    p_ += n;
    return true;
  }

  // The rest of a string whose opening quote was read, up to the next quote. Whether it is
  // plain (no escapes, which Boost.JSON would decode) is for the caller to check.
  bool string_text(std::string_view& out) {
    const void* quote = std::memchr(p_, '"', static_cast<std::size_t>(end_ - p_));
    if (!quote) return false;
    out = {p_, static_cast<std::size_t>(static_cast<const char*>(quote) - p_)};
    p_ = static_cast<const char*>(quote) + 1;
    return true;
  }

  // An integer Boost.JSON reports as int64: at most 18 digits, so it cannot overflow. What
  // follows is checked by the next literal (a comma or the closing brace).
  bool integer(std::int64_t& out) {
    const bool negative = p_ != end_ && *p_ == '-';
    if (negative) ++p_;
    const char* start = p_;
    std::int64_t v = 0;
    while (p_ != end_ && is_digit(*p_) && p_ - start < 18) v = v * 10 + (*p_++ - '0');
    const std::size_t digits = static_cast<std::size_t>(p_ - start);
    if (digits == 0 || (p_ != end_ && is_digit(*p_)) || (digits > 1 && *start == '0')) return false;
    out = negative ? -v : v;
    return true;
  }

  // The text of a number up to the next comma. Its syntax is left to price::parse, which reads
  // JSON's number syntax; only the exponent is bounded here, as Boost.JSON refuses exponents
  // beyond INT_MAX that price::parse would read as zero.
  bool number_text(std::string_view& out) {
    const char* start = p_;
    const char* exponent = nullptr;
    for (; p_ != end_ && *p_ != ','; ++p_) {
      if (*p_ == 'e' || *p_ == 'E') exponent = p_;
    }
    if (exponent && p_ - exponent > 6) return false;  // e, a sign, at most four digits
    out = {start, static_cast<std::size_t>(p_ - start)};
    return true;
  }

  bool boolean(bool& out) {
    if (literal("true")) out = true;
    else if (literal("false")) out = false;
    else return false;
    return true;
  }

private:
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }

  const char* p_;
  const char* end_;
};

// Printable ASCII without backslashes: what Boost.JSON hands over unchanged. (The timestamp
// and the phase need no such check: their parsers accept nothing else.)
bool plain(std::string_view text) {
  bool bad = false;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    bad |= c < 0x20 || c > 0x7e || c == '\\';
  }
  return !bad;
}

template <std::size_t N>
bool assign(inline_text<N>& out, std::string_view text) {
  if (out == text) return true;  // the game id of the line before, mostly
  auto t = inline_text<N>::from(text);
  if (!t) return false;
  out = *t;
  return true;
}

}  // namespace

bool decode_recorder_tick(std::string_view line, tick& out) {
  cursor c(line);
  std::string_view timestamp_text, game_id, price_text, phase_text;
  if (!c.literal(R"({"type": "tick", "timestamp": ")") || !c.string_text(timestamp_text) ||
      !c.literal(R"(, "game_id": ")") || !c.string_text(game_id) || !c.literal(R"(, "tick": )") ||
      !c.integer(out.index) || !c.literal(R"(, "price": )") || !c.number_text(price_text) ||
      !c.literal(R"(, "phase": ")") || !c.string_text(phase_text) || !c.literal(R"(, "active": )") ||
      !c.boolean(out.active) || !c.literal(R"(, "rugged": )") || !c.boolean(out.rugged) ||
      !c.literal(R"(, "cooldown_timer": )") || !c.integer(out.cooldown_ms) || !c.literal(R"(, "trade_count": )") ||
      !c.integer(out.trade_count))
    return false;
  out.backfilled = c.literal(R"(, "origin": "backfilled")");
  if (!c.literal("}") || !c.at_end()) return false;

  const auto when = parse_timestamp(timestamp_text);
  const auto ph = parse_phase(phase_text);
  if (!when || !ph || !plain(game_id) || !assign(out.timestamp_text, timestamp_text) ||
      !assign(out.game_id, game_id) || !price::parse(price_text, out.price))
    return false;
  out.time = *when;
  out.phase = *ph;
  return true;
}

}  // namespace replayer
