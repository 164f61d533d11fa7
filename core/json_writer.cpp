#include "core/json_writer.hpp"

#include "core/json_value.hpp"

namespace replayer {

void json_object_writer::key(std::string_view k) {
  if (!first_) out_ += ", ";
  first_ = false;
  write_python_json_string(out_, k);
  out_ += ": ";
}

json_object_writer& json_object_writer::string(std::string_view k, std::string_view value) {
  key(k);
  write_python_json_string(out_, value);
  return *this;
}

json_object_writer& json_object_writer::integer(std::string_view k, std::int64_t value) {
  key(k);
  out_ += std::to_string(value);
  return *this;
}

json_object_writer& json_object_writer::boolean(std::string_view k, bool value) {
  key(k);
  out_ += value ? "true" : "false";
  return *this;
}

json_object_writer& json_object_writer::null(std::string_view k) {
  key(k);
  out_ += "null";
  return *this;
}

json_object_writer& json_object_writer::raw(std::string_view k, std::string_view json) {
  key(k);
  out_ += json;
  return *this;
}

std::string json_object_writer::finish() {
  out_ += '}';
  first_ = true;
  return std::exchange(out_, "{");
}

}  // namespace replayer
