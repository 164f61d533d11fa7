#pragma once
// The small JSON texts of the handshake (the open packet, CONNECT and CONNECT_ERROR payloads):
// parsed into a Boost.JSON object with a bounded depth; and JSON string literals for writing.
// Event payloads never come through here: they stay text (see event_array.hpp).
#include "core/socketio/protocol_error.hpp"

#include <boost/json/object.hpp>
#include <boost/system/result.hpp>

#include <string>
#include <string_view>

namespace replayer::socketio {

/// Parses `text` as one JSON object. Errors are of `kind`, their messages start with `context`
/// and say at which byte the text went wrong.
boost::system::result<boost::json::object, protocol_error> parse_json_object(std::string_view text,
                                                                              std::string_view context,
                                                                              error_kind kind);

/// "a string", "an array", ... for messages.
std::string_view json_kind_words(boost::json::kind k);

/// Appends `s` as a JSON string literal (quotes and escapes included).
void append_json_string(std::string& out, std::string_view s);

}  // namespace replayer::socketio
