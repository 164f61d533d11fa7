#pragma once
// Writes one JSON object per line, in the same layout as the recordings (Python json.dumps):
// used for every `--json` output so it is stable byte for byte.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace replayer {

class json_object_writer {
public:
  json_object_writer() { out_ = "{"; }

  json_object_writer& string(std::string_view key, std::string_view value);
  json_object_writer& integer(std::string_view key, std::int64_t value);
  json_object_writer& boolean(std::string_view key, bool value);
  json_object_writer& null(std::string_view key);
  /// A value already in JSON form: a number text, a nested object or array.
  json_object_writer& raw(std::string_view key, std::string_view json);
  template <class T>
  json_object_writer& optional_integer(std::string_view key, const std::optional<T>& value) {
    return value ? integer(key, static_cast<std::int64_t>(*value)) : null(key);
  }

  /// The finished object text; the writer is left empty.
  std::string finish();

private:
  void key(std::string_view k);
  std::string out_;
  bool first_ = true;
};

}  // namespace replayer
