#pragma once
// A JSON text parsed into a flat list of nodes (document order), with number texts kept
// verbatim. Built on Boost.JSON's SAX parser; reusing one parser allocates nothing in steady
// state, which is what makes reading recordings fast. Views stay valid until the next parse,
// and only while the parsed text itself is alive (texts without escapes are views into it).
#include <boost/system/error_code.hpp>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace replayer {

enum class json_kind : std::uint8_t { null, boolean, number, string, array, object };

/// "a string", "an object", ... for messages.
std::string_view json_kind_description(json_kind k);

struct json_node {
  json_kind kind = json_kind::null;
  bool boolean = false;
  bool integer = false;           // number without fraction or exponent that fits in int64
  std::int64_t int_value = 0;     // valid when `integer`
  std::string_view key;           // member name when the parent is an object
  std::string_view text;          // number text exactly as written, or the decoded string
  std::uint32_t parent = 0;       // index of the enclosing node (the root is its own parent)
  std::uint32_t size = 0;         // number of children for arrays and objects
  std::uint32_t end = 0;          // one past the last descendant
};

class json_flat_parser {
public:
  json_flat_parser();
  ~json_flat_parser();
  json_flat_parser(const json_flat_parser&) = delete;
  json_flat_parser& operator=(const json_flat_parser&) = delete;

  /// Parses one complete JSON text. On failure, `error_offset()` is where it stopped. An object
  /// with the same key twice is refused (error_offset() at the second one).
  boost::system::error_code parse(std::string_view text);
  std::span<const json_node> nodes() const;
  std::size_t error_offset() const { return error_offset_; }
  /// The last failed parse in words: "invalid JSON at column 12: syntax error" ("at line 3,
  /// column 5" in a text of several lines), with a hint for what users meet: a byte order mark,
  /// UTF-16, NaN or Infinity (which Python's json.dumps writes). Only while that text is alive.
  std::string error_text() const;

  /// The direct member `key` of the root object, or nullptr.
  const json_node* member(std::string_view key) const;

private:
  boost::system::error_code parse_text(std::string_view text);

  struct impl;
  std::unique_ptr<impl> impl_;
  std::string_view text_;
  boost::system::error_code error_;
  std::size_t error_offset_ = 0;
};

}  // namespace replayer
