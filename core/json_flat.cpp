#include "core/json_flat.hpp"

#include <boost/json/basic_parser_impl.hpp>

#include <algorithm>
#include <optional>

namespace replayer {
namespace {

using boost::json::string_view;
using boost::system::error_code;

constexpr int duplicate_key_code = 1;

// The one error json_flat_parser adds to Boost.JSON's. Python's json keeps the last of two
// equal keys, Boost.JSON's value and a first-match lookup the first: refusing is the only
// reading that cannot silently differ from what the writer meant.
class flat_category final : public boost::system::error_category {
public:
  const char* name() const noexcept override { return "replayer.json"; }
  std::string message(int) const override {
    return "an object holds the same key twice (Python's json would keep the last one, other readers the first): "
           "remove one of them";
  }
};
const flat_category category;

struct flat_handler {
  static constexpr std::size_t max_object_size = 4096;
  static constexpr std::size_t max_array_size = 1u << 20;
  static constexpr std::size_t max_key_size = 4096;
  static constexpr std::size_t max_string_size = 1u << 20;

  std::vector<json_node> nodes;
  std::vector<std::uint32_t> open;  // containers not yet closed
  std::string arena;                // decoded strings and number texts; never reallocates mid-parse
  std::string_view pending_key;
  std::size_t part_start = 0;       // where a string/key/number split in parts began in `arena`
  bool in_parts = false;
  std::uintptr_t input_begin = 0, input_end = 0;
  std::vector<std::string_view> sorted_keys;  // scratch of the duplicate-key check
  std::optional<std::size_t> duplicate_at;    // see has_duplicate_key

  void reset(std::string_view input) {
    nodes.clear();
    open.clear();
    arena.clear();
    // Decoded text is never longer than the input, so views into the arena stay valid.
    if (arena.capacity() < input.size() + 1) arena.reserve(input.size() + 1);
    in_parts = false;
    input_begin = reinterpret_cast<std::uintptr_t>(input.data());
    input_end = input_begin + input.size();
  }

  std::string_view store(string_view s) {
    // A text in one piece without escapes is handed over as a view of the input: keep the
    // view rather than copying it (most keys, strings and numbers of a recording line).
    const auto at = reinterpret_cast<std::uintptr_t>(s.data());
    if (!in_parts && at >= input_begin && at + s.size() <= input_end) return {s.data(), s.size()};
    if (!in_parts) part_start = arena.size();
    arena.append(s.data(), s.size());
    in_parts = false;
    return {arena.data() + part_start, arena.size() - part_start};
  }
  void store_part(string_view s) {
    if (!in_parts) part_start = arena.size();
    arena.append(s.data(), s.size());
    in_parts = true;
  }

  json_node& add(json_kind kind) {
    json_node n;
    n.kind = kind;
    n.key = pending_key;
    pending_key = {};
    n.parent = open.empty() ? 0 : open.back();
    if (!open.empty()) ++nodes[open.back()].size;
    nodes.push_back(n);
    return nodes.back();
  }
  bool close() {
    nodes[open.back()].end = static_cast<std::uint32_t>(nodes.size());
    open.pop_back();
    return true;
  }
  bool leaf(json_kind kind) {
    json_node& n = add(kind);
    n.end = static_cast<std::uint32_t>(nodes.size());  // after add(): the node counts itself
    return true;
  }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_array_begin(error_code&) {
    add(json_kind::array);
    open.push_back(static_cast<std::uint32_t>(nodes.size() - 1));
    return true;
  }
  bool on_array_end(std::size_t, error_code&) { return close(); }
  bool on_object_begin(error_code&) {
    add(json_kind::object);
    open.push_back(static_cast<std::uint32_t>(nodes.size() - 1));
    return true;
  }
  bool on_object_end(std::size_t, error_code& ec) {
    if (has_duplicate_key(open.back())) {
      ec = error_code(duplicate_key_code, category);
      return false;
    }
    return close();
  }
  // True when two direct members of `object` have the same key; `duplicate_at` is then where
  // the second one's opening quote is in the input (unset for a key decoded from escapes,
  // which lives in the arena). Sorting keeps it n log n for the largest objects.
  bool has_duplicate_key(std::uint32_t object) {
    if (nodes[object].size < 2) return false;
    sorted_keys.clear();
    for (std::size_t i = object + 1; i < nodes.size(); i = nodes[i].end) sorted_keys.push_back(nodes[i].key);
    std::sort(sorted_keys.begin(), sorted_keys.end());
    const auto equal = std::adjacent_find(sorted_keys.begin(), sorted_keys.end());
    if (equal == sorted_keys.end()) return false;
    duplicate_at.reset();
    bool seen = false;
    for (std::size_t i = object + 1; i < nodes.size(); i = nodes[i].end) {
      if (nodes[i].key != *equal) continue;
      if (seen) {
        const auto at = reinterpret_cast<std::uintptr_t>(nodes[i].key.data());
        if (at > input_begin && at <= input_end) duplicate_at = at - input_begin - 1;
        break;
      }
      seen = true;
    }
    return true;
  }
  bool on_string_part(string_view s, std::size_t, error_code&) {
    store_part(s);
    return true;
  }
  bool on_string(string_view s, std::size_t, error_code&) {
    auto text = store(s);
    add(json_kind::string).text = text;
    nodes.back().end = static_cast<std::uint32_t>(nodes.size());
    return true;
  }
  bool on_key_part(string_view s, std::size_t, error_code&) {
    store_part(s);
    return true;
  }
  bool on_key(string_view s, std::size_t, error_code&) {
    pending_key = store(s);
    return true;
  }
  bool on_number_part(string_view s, error_code&) {
    store_part(s);
    return true;
  }
  bool number(string_view s, bool integer, std::int64_t value) {
    auto text = store(s);
    json_node& n = add(json_kind::number);
    n.text = text;
    n.integer = integer;
    n.int_value = value;
    n.end = static_cast<std::uint32_t>(nodes.size());
    return true;
  }
  bool on_int64(std::int64_t i, string_view s, error_code&) { return number(s, true, i); }
  bool on_uint64(std::uint64_t, string_view s, error_code&) { return number(s, false, 0); }
  bool on_double(double, string_view s, error_code&) { return number(s, false, 0); }
  bool on_bool(bool b, error_code&) {
    add(json_kind::boolean).boolean = b;
    nodes.back().end = static_cast<std::uint32_t>(nodes.size());
    return true;
  }
  bool on_null(error_code&) { return leaf(json_kind::null); }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }
};

}  // namespace

std::string_view json_kind_description(json_kind k) {
  switch (k) {
    case json_kind::null: return "null";
    case json_kind::boolean: return "a boolean";
    case json_kind::number: return "a number";
    case json_kind::string: return "a string";
    case json_kind::array: return "an array";
    case json_kind::object: return "an object";
  }
  return "?";
}

struct json_flat_parser::impl {
  boost::json::basic_parser<flat_handler> parser{boost::json::parse_options{}};
};

json_flat_parser::json_flat_parser() : impl_(std::make_unique<impl>()) {}
json_flat_parser::~json_flat_parser() = default;

boost::system::error_code json_flat_parser::parse(std::string_view text) {
  text_ = text;
  error_ = parse_text(text);
  return error_;
}

error_code json_flat_parser::parse_text(std::string_view text) {
  auto& p = impl_->parser;
  p.reset();
  p.handler().reset(text);
  error_code ec;
  error_offset_ = p.write_some(false, text.data(), text.size(), ec);
  if (ec == error_code(duplicate_key_code, category) && p.handler().duplicate_at)
    error_offset_ = *p.handler().duplicate_at;
  // write_some stops after one complete document; anything but white space after it is an error.
  if (!ec && text.find_first_not_of(" \t\r\n", error_offset_) != std::string_view::npos)
    ec = boost::json::error::extra_data;
  return ec;
}

namespace {

// Why a text that Boost.JSON stopped in at `offset` is not JSON, when it is a common case.
std::string_view hint(std::string_view text, std::size_t offset) {
  using namespace std::string_view_literals;
  if (offset == 0 && text.starts_with("\xEF\xBB\xBF"sv))
    return "it starts with a UTF-8 byte order mark: save it as UTF-8 without BOM";
  if (text.starts_with("\xFF\xFE"sv) || text.starts_with("\xFE\xFF"sv) || text.find('\0') != std::string_view::npos)
    return "it holds NUL bytes or a UTF-16 byte order mark, so it looks like UTF-16: convert it to UTF-8 "
           "(iconv -f UTF-16 -t UTF-8)";
  const auto rest = text.substr(std::min(offset, text.size()));
  if (rest.starts_with("NaN") || rest.starts_with("Infinity") || rest.starts_with("-Infinity"))
    return "NaN and Infinity are not JSON (Python's json.dumps writes them for float('nan') and float('inf')): "
           "write a number or null";
  return {};
}

}  // namespace

std::string json_flat_parser::error_text() const {
  const std::size_t offset = std::min(error_offset_, text_.size());
  std::string out = "invalid JSON at ";
  if (text_.find('\n') == std::string_view::npos) {
    out += "column " + std::to_string(offset + 1);
  } else {
    const auto before = text_.substr(0, offset);
    const auto newline = before.rfind('\n');
    const std::size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
    out += "line " + std::to_string(std::count(before.begin(), before.end(), '\n') + 1) + ", column " +
           std::to_string(offset - line_start + 1);
  }
  out += ": " + error_.message();
  if (const auto h = hint(text_, offset); !h.empty()) {
    out += "; ";
    out += h;
  }
  return out;
}

std::span<const json_node> json_flat_parser::nodes() const { return impl_->parser.handler().nodes; }

const json_node* json_flat_parser::member(std::string_view key) const {
  const auto& nodes = impl_->parser.handler().nodes;
  if (nodes.empty() || nodes[0].kind != json_kind::object) return nullptr;
  for (std::size_t i = 1; i < nodes.size(); i = nodes[i].end)
    if (nodes[i].key == key) return &nodes[i];
  return nullptr;
}

}  // namespace replayer
