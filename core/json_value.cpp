#include "core/json_value.hpp"

namespace replayer {

const json_value* json_value::find(std::string_view key) const {
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (keys[i] == key) return &items[i];
  return nullptr;
}

void json_value::add_member(std::string key, json_value value) {
  keys.push_back(std::move(key));
  items.push_back(std::move(value));
}

json_value json_value::from_string(std::string s) {
  json_value v;
  v.kind = json_kind::string;
  v.text = std::move(s);
  return v;
}

json_value json_value::from_number_text(std::string s) {
  json_value v;
  v.kind = json_kind::number;
  v.text = std::move(s);
  return v;
}

json_value to_json_value(std::span<const json_node> nodes, std::size_t index) {
  const json_node& n = nodes[index];
  json_value v;
  v.kind = n.kind;
  v.boolean = n.boolean;
  v.text = std::string(n.text);
  for (std::size_t child = index + 1; child < n.end; child = nodes[child].end) {
    if (n.kind == json_kind::object)
      v.add_member(std::string(nodes[child].key), to_json_value(nodes, child));
    else
      v.items.push_back(to_json_value(nodes, child));
  }
  return v;
}

namespace {

void write_u_escape(std::string& out, unsigned code) {
  static constexpr char hex[] = "0123456789abcdef";
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += hex[(code >> shift) & 0xF];
}

// Decodes the UTF-8 sequence at s[i] and moves i past it. A byte that does not begin a valid
// sequence (overlong, truncated, a surrogate, above U+10FFFF) comes out as U+DC00 + the byte
// and moves i by one: Python's surrogateescape, which is how Python itself holds a file name
// that is not UTF-8, so nothing is lost (json.loads then os.fsencode give the bytes back).
// Such bytes only come from outside JSON (file names): Boost.JSON refuses invalid UTF-8 input.
unsigned next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  const auto escaped = [&] {
    ++i;
    return 0xDC00u + b0;
  };
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  std::size_t extra = 0;
  unsigned cp = 0, least = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    extra = 1, cp = b0 & 0x1Fu, least = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    extra = 2, cp = b0 & 0x0Fu, least = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    extra = 3, cp = b0 & 0x07u, least = 0x10000;
  } else {
    return escaped();
  }
  if (s.size() - i <= extra) return escaped();
  for (std::size_t k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0u) != 0x80u) return escaped();
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < least || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return escaped();
  i += extra + 1;
  return cp;
}

}  // namespace

void write_python_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    // The run of characters written as they are, appended at once (most strings are one run).
    std::size_t plain = i;
    while (plain < s.size()) {
      const auto c = static_cast<unsigned char>(s[plain]);
      if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') break;  // Python escapes DEL too
      ++plain;
    }
    out.append(s.data() + i, plain - i);
    i = plain;
    if (i == s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; ++i; continue;
      case '\\': out += "\\\\"; ++i; continue;
      case '\n': out += "\\n"; ++i; continue;
      case '\r': out += "\\r"; ++i; continue;
      case '\t': out += "\\t"; ++i; continue;
      case '\b': out += "\\b"; ++i; continue;
      case '\f': out += "\\f"; ++i; continue;
      default: break;
    }
    unsigned cp = next_code_point(s, i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      write_u_escape(out, 0xD800 + (cp >> 10));
      write_u_escape(out, 0xDC00 + (cp & 0x3FF));
    } else {
      write_u_escape(out, cp);
    }
  }
  out += '"';
}

void write_python_json(std::string& out, const json_value& v) {
  switch (v.kind) {
    case json_kind::null: out += "null"; return;
    case json_kind::boolean: out += v.boolean ? "true" : "false"; return;
    case json_kind::number: out += v.text; return;
    case json_kind::string: write_python_json_string(out, v.text); return;
    case json_kind::array: {
      out += '[';
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i) out += ", ";
        write_python_json(out, v.items[i]);
      }
      out += ']';
      return;
    }
    case json_kind::object: {
      out += '{';
      for (std::size_t i = 0; i < v.keys.size(); ++i) {
        if (i) out += ", ";
        write_python_json_string(out, v.keys[i]);
        out += ": ";
        write_python_json(out, v.items[i]);
      }
      out += '}';
      return;
    }
  }
}

}  // namespace replayer
