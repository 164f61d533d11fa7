// libFuzzer target for the line splitter and the number / time parsers.
// Input: the first byte picks a line limit (1..256), the rest is the content of a recording.
// Invariants:
//   - memory_lines and file_lines (over the same bytes, through a memfd) give the same lines;
//     numbers count from 1; a line is overlong exactly when its raw length exceeds the limit;
//     no kept line is longer than the limit or holds a newline;
//   - for every line: decimal::parse never crashes; what it accepts is JSON number syntax, and
//     its str() parses back to the same value; price::parse agrees with decimal::parse;
//     parse_timestamp's result formats and parses back to the same instant;
//   - arithmetic on two parsed values never hits undefined behaviour (sanitizers watch) and
//     only ever throws overflow_error / domain_error; a - b + b == a when no overflow.
// Build: cmake --preset fuzz && cmake --build --preset fuzz; run: scripts/fuzz.sh
#include "core/decimal.hpp"
#include "core/line_source.hpp"
#include "core/price.hpp"
#include "core/timestamp.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace replayer;

namespace {

[[noreturn]] void broken(const char* what, std::string_view text) {
  std::fprintf(stderr, "decimal_fuzz: %s\n  text: %.*s\n", what, static_cast<int>(text.size()), text.data());
  std::abort();
}

// JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool json_number_syntax(std::string_view s) {
  std::size_t i = 0;
  auto digit = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  if (i < s.size() && s[i] == '-') ++i;
  if (!digit(i)) return false;
  if (s[i] == '0') {
    ++i;
  } else {
    while (digit(i)) ++i;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  return i == s.size();
}

struct line_view {
  std::size_t number;
  std::string text;
  bool overlong;
  bool operator==(const line_view&) const = default;
};

std::vector<line_view> drain(line_source& source) {
  std::vector<line_view> out;
  while (auto l = source.next()) out.push_back({l->number, std::string(l->text), l->overlong});
  return out;
}

// The lines as a reference splitter sees them: split on '\n', drop one trailing '\r'.
std::vector<line_view> reference_lines(std::string_view content, std::size_t max_line) {
  std::vector<line_view> out;
  std::size_t number = 0;
  while (!content.empty()) {
    const auto nl = content.find('\n');
    std::string_view raw = content.substr(0, nl);
    content = nl == std::string_view::npos ? std::string_view{} : content.substr(nl + 1);
    ++number;
    if (raw.size() > max_line) {
      out.push_back({number, {}, true});
      continue;
    }
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    out.push_back({number, std::string(raw), false});
  }
  return out;
}

void check_numbers(std::string_view text, std::optional<decimal>& previous) {
  const auto d = decimal::parse(text);
  if (d) {
    if (!json_number_syntax(text)) broken("decimal accepted text that is not a JSON number", text);
    const std::string shown = d->str();
    const auto back = decimal::parse(shown);
    if (!back || *back != *d) broken("str() does not parse back to the same value", text);
  }
  const auto p = price::parse(text);
  if (p) {
    if (!d || p->value() != *d || d->is_negative() || p->text() != text) broken("price disagrees with decimal", text);
  } else if (d && !d->is_negative() && text.size() <= price::max_text) {
    broken("price refused a usable decimal", text);
  }
  if (d && previous) {
    const decimal a = *previous, b = *d;
    try {
      const decimal difference = a - b;
      try {
        if (difference + b != a) broken("a - b + b != a", text);
      } catch (const std::overflow_error&) {
        broken("a - b + b overflowed although a is in range", text);
      }
    } catch (const std::overflow_error&) {
    }
    try {
      (void)(a * b);
    } catch (const std::overflow_error&) {
    }
    try {
      (void)(a / b);
    } catch (const std::overflow_error&) {
    } catch (const std::domain_error&) {
      if (!b.is_zero()) broken("division refused a non-zero divisor", text);
    }
  }
  if (d) previous = d;

  if (const auto t = parse_timestamp(text)) {
    const std::string formatted = format_timestamp(*t);
    const auto again = parse_timestamp(formatted);
    if (!again || *again != *t) broken("timestamp does not survive format and parse", text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t max_line = std::size_t{1} + data[0];
  const std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);

  const auto expected = reference_lines(content, max_line);
  memory_lines memory(content, max_line);
  const auto from_memory = drain(memory);
  if (from_memory != expected) broken("memory_lines differs from the reference split", content);
  for (const auto& l : from_memory) {
    if (l.text.size() > max_line || l.text.find('\n') != std::string::npos) broken("a kept line is too long", l.text);
  }

  // The same bytes through a file.
  static const int fd = ::memfd_create("decimal_fuzz", 0);
  if (fd >= 0 && ::ftruncate(fd, 0) == 0 && ::pwrite(fd, content.data(), content.size(), 0) ==
                                                 static_cast<ssize_t>(content.size())) {
    auto file = file_lines::open("/proc/self/fd/" + std::to_string(fd), max_line);
    if (!file) broken("cannot reopen the memfd", content);
    const auto from_file = drain(*file);
    if (from_file != expected) broken("file_lines differs from memory_lines", content);
  }

  std::optional<decimal> previous;
  for (const auto& l : from_memory)
    if (!l.overlong) check_numbers(l.text, previous);
  return 0;
}
