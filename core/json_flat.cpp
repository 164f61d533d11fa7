#include "core/json_flat.hpp"

#include <boost/json/basic_parser_impl.hpp>

namespace replayer {
namespace {

using boost::json::string_view;
using boost::system::error_code;

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
  bool on_object_end(std::size_t, error_code&) { return close(); }
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
  auto& p = impl_->parser;
  p.reset();
  p.handler().reset(text);
  error_code ec;
  error_offset_ = p.write_some(false, text.data(), text.size(), ec);
  // write_some stops after one complete document; anything but white space after it is an error.
  if (!ec && text.find_first_not_of(" \t\r\n", error_offset_) != std::string_view::npos)
    ec = boost::json::error::extra_data;
  return ec;
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
