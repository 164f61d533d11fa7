#include "core/socketio/event_array.hpp"

#include "core/concat.hpp"

#include <boost/json/basic_parser_impl.hpp>


namespace replayer::socketio {
namespace {

using boost::json::string_view;
using boost::system::error_code;

// Accepts every JSON event: the parser alone checks the grammar.
struct validating_handler {
  static constexpr std::size_t max_object_size = std::size_t{1} << 20;
  static constexpr std::size_t max_array_size = std::size_t{1} << 20;
  static constexpr std::size_t max_key_size = std::size_t{1} << 20;
  static constexpr std::size_t max_string_size = std::size_t{1} << 24;

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_array_begin(error_code&) { return true; }
  bool on_array_end(std::size_t, error_code&) { return true; }
  bool on_object_begin(error_code&) { return true; }
  bool on_object_end(std::size_t, error_code&) { return true; }
  bool on_string_part(string_view, std::size_t, error_code&) { return true; }
  bool on_string(string_view, std::size_t, error_code&) { return true; }
  bool on_key_part(string_view, std::size_t, error_code&) { return true; }
  bool on_key(string_view, std::size_t, error_code&) { return true; }
  bool on_number_part(string_view, error_code&) { return true; }
  bool on_int64(std::int64_t, string_view, error_code&) { return true; }
  bool on_uint64(std::uint64_t, string_view, error_code&) { return true; }
  bool on_double(double, string_view, error_code&) { return true; }
  bool on_bool(bool, error_code&) { return true; }
  bool on_null(error_code&) { return true; }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t skip_space(std::string_view t, std::size_t i) {
  while (i < t.size() && is_space(t[i])) ++i;
  return i;
}

// The scanners below run on text the parser has accepted, so every string is closed and every
// bracket matched; they only find where things end.

// One past the closing quote of the string whose opening quote is at `i`.
std::size_t string_end(std::string_view t, std::size_t i) {
  for (++i; i < t.size(); ++i) {
    if (t[i] == '\\') ++i;
    else if (t[i] == '"') return i + 1;
  }
  return t.size();
}

// One past the end of the value starting at `i`.
std::size_t value_end(std::string_view t, std::size_t i) {
  const char first = t[i];
  if (first == '"') return string_end(t, i);
  if (first != '[' && first != '{') {
    while (i < t.size() && !is_space(t[i]) && t[i] != ',' && t[i] != ']') ++i;
    return i;
  }
  std::size_t depth = 0;
  for (; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '"') i = string_end(t, i) - 1;
    else if (c == '[' || c == '{') ++depth;
    else if ((c == ']' || c == '}') && --depth == 0) return i + 1;
  }
  return t.size();
}

}  // namespace

struct event_array_reader::impl {
  boost::json::basic_parser<validating_handler> parser{[] {
    boost::json::parse_options options;
    options.max_depth = max_depth;
    return options;
  }()};
};

event_array_reader::event_array_reader() : impl_(std::make_unique<impl>()) {}
event_array_reader::~event_array_reader() = default;
event_array_reader::event_array_reader(event_array_reader&&) noexcept = default;
event_array_reader& event_array_reader::operator=(event_array_reader&&) noexcept = default;

boost::system::result<event_array, protocol_error> event_array_reader::read(std::string_view text,
                                                                            std::string_view context) {
  const auto problem = [&](std::string_view what) {
    return protocol_error{error_kind::malformed_frame, concat({context, ": ", what})};
  };
  auto& parser = impl_->parser;
  parser.reset();
  error_code ec;
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && skip_space(text, used) != text.size()) ec = boost::json::error::extra_data;
  if (ec)
    return problem(concat({"invalid JSON at byte ", std::to_string(used), " of the payload (", ec.message(), ")"}));

  std::size_t i = skip_space(text, 0);
  if (text[i] != '[') return problem("the payload is not a JSON array");
  i = skip_space(text, i + 1);
  if (text[i] == ']') return problem("the array is empty: it has no event name");
  if (text[i] != '"') return problem("the event name (the first element) is not a string");
  const std::size_t name_end = string_end(text, i);
  event_array out;
  out.name = text.substr(i + 1, name_end - i - 2);
  if (out.name.find('\\') != std::string_view::npos)
    return problem("the event name holds an escape sequence (names with escapes are not supported)");
  if (out.name.size() > max_name_bytes)
    return problem(concat({"the event name of ", std::to_string(out.name.size()), " bytes is over the limit of ",
                           std::to_string(max_name_bytes)}));

  i = skip_space(text, name_end);
  std::size_t arguments_begin = 0;
  while (text[i] == ',') {
    const std::size_t begin = skip_space(text, i + 1);
    const std::size_t end = value_end(text, begin);
    if (out.argument_count == 0) {
      arguments_begin = begin;
      out.first_json = text.substr(begin, end - begin);
    }
    out.last_json = text.substr(begin, end - begin);
    out.arguments_json = text.substr(arguments_begin, end - arguments_begin);
    ++out.argument_count;
    i = skip_space(text, end);
  }
  return out;
}

}  // namespace replayer::socketio
