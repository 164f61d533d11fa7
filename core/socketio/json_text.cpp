#include "core/socketio/json_text.hpp"

#include "core/concat.hpp"

#include <boost/json/parser.hpp>
#include <boost/json/serialize.hpp>

namespace replayer::socketio {

boost::system::result<boost::json::object, protocol_error> parse_json_object(std::string_view text,
                                                                              std::string_view context,
                                                                              error_kind kind) {
  boost::json::parse_options options;
  options.max_depth = 8;  // handshake objects are flat; anything deep is not one of them
  boost::json::parser parser({}, options);
  boost::system::error_code ec;
  const std::size_t used = parser.write(text.data(), text.size(), ec);
  if (ec)
    return protocol_error{kind, concat({context, ": invalid JSON at byte ", std::to_string(used), " (", ec.message(),
                                        ")"})};
  boost::json::value value = parser.release();
  if (!value.is_object())
    return protocol_error{kind, concat({context, ": ", json_kind_words(value.kind()), ", not an object"})};
  return std::move(value.get_object());
}

std::string_view json_kind_words(boost::json::kind k) {
  switch (k) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64: return "an integer";
    case boost::json::kind::double_: return "a number with a fraction or exponent";
    case boost::json::kind::string: return "a string";
    case boost::json::kind::array: return "an array";
    case boost::json::kind::object: return "an object";
  }
  return "?";
}

void append_json_string(std::string& out, std::string_view s) {
  out += boost::json::serialize(boost::json::string_view(s.data(), s.size()));
}

}  // namespace replayer::socketio
