#pragma once
// An owned JSON value that keeps object member order and number texts verbatim, written back in
// the layout of Python's `json.dumps` (", " and ": " separators, non-ASCII escaped): the layout
// of every recording the original tool wrote, so unknown lines re-serialise byte for byte.
#include "core/json_flat.hpp"

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace replayer {

struct json_value {
  json_kind kind = json_kind::null;
  bool boolean = false;
  std::string text;                                      // number text or decoded string
  // Object members are keys[i] -> items[i]; array elements are items. (Two vectors rather than
  // a vector of pairs: a pair of an incomplete type does not compile with clang + libstdc++.)
  std::vector<std::string> keys;
  std::vector<json_value> items;

  void add_member(std::string key, json_value value);

  const json_value* find(std::string_view key) const;

  static json_value from_string(std::string s);
  static json_value from_number_text(std::string s);
};

/// Builds the owned value of the subtree rooted at `nodes[index]`.
json_value to_json_value(std::span<const json_node> nodes, std::size_t index = 0);

/// Appends `v` in Python json.dumps layout.
void write_python_json(std::string& out, const json_value& v);
/// Appends a quoted string, escaped as Python's json.dumps does (ensure_ascii). Bytes that are
/// not UTF-8 (a file name in another encoding) are written as Python's surrogateescape holds
/// them: the byte 0xFF as \udcff, so the output stays lossless.
void write_python_json_string(std::string& out, std::string_view utf8);

}  // namespace replayer
