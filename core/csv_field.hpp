#pragma once
// One CSV field as RFC 4180 writes it, safe to open in a spreadsheet: quoted when it holds a
// comma, a quote or a line break (quotes doubled), and prefixed with an apostrophe when it would
// start a formula (=, +, -, @, a tab or a carriage return), so that a game id such as
// `=HYPERLINK(...)` from the network is shown as text, never run.
#include <string>
#include <string_view>

namespace replayer {

inline void append_csv_field(std::string& out, std::string_view field) {
  const bool formula = !field.empty() && (field[0] == '=' || field[0] == '+' || field[0] == '-' || field[0] == '@' ||
                                          field[0] == '\t' || field[0] == '\r');
  const bool quoted = formula || field.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quoted) {
    out += field;
    return;
  }
  out += '"';
  if (formula) out += '\'';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace replayer
