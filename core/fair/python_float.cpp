#include "core/fair/python_float.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

namespace replayer {

void append_python_float(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
    return;
  }
  if (std::isinf(value)) {
    out += value < 0 ? "-Infinity" : "Infinity";
    return;
  }
  // Shortest round-trip digits in scientific form, "d.ddddde-XX": the same digits Python picks
  // (shortest, then nearest to the exact value).
  char sci[32];
  const auto r = std::to_chars(sci, sci + sizeof sci, value, std::chars_format::scientific);
  const char* p = sci;
  if (*p == '-') {
    out += '-';
    ++p;
  }
  char digits[20];
  int count = 0;
  for (; p < r.ptr && *p != 'e'; ++p)
    if (*p != '.') digits[count++] = *p;
  int exponent = 0;
  std::from_chars(p + 1 + (p[1] == '+'), r.ptr, exponent);  // skip 'e' and an explicit '+'

  // Python: value = 0.d1d2... * 10^point; exponent form when point < -3 or point > 16.
  const int point = exponent + 1;
  if (point < -3 || point > 16) {
    out += digits[0];
    if (count > 1) {
      out += '.';
      out.append(digits + 1, static_cast<std::size_t>(count - 1));
    }
    out += 'e';
    out += exponent < 0 ? '-' : '+';
    const int magnitude = exponent < 0 ? -exponent : exponent;
    if (magnitude < 10) out += '0';
    char e[8];
    const auto er = std::to_chars(e, e + sizeof e, magnitude);
    out.append(e, er.ptr);
  } else if (point <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-point), '0');
    out.append(digits, static_cast<std::size_t>(count));
  } else if (point < count) {
    out.append(digits, static_cast<std::size_t>(point));
    out += '.';
    out.append(digits + point, static_cast<std::size_t>(count - point));
  } else {
    out.append(digits, static_cast<std::size_t>(count));
    out.append(static_cast<std::size_t>(point - count), '0');
    out += ".0";
  }
}

std::string python_float(double value) {
  std::string out;
  append_python_float(out, value);
  return out;
}

}  // namespace replayer
