#include "app/json_config.hpp"

#include "app/input_file.hpp"
#include "core/json_flat.hpp"
#include "core/json_value.hpp"

#include <CLI/App.hpp>
#include <CLI/Error.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>

namespace replayer::app {
namespace {

std::string scalar_text(const json_value& v) {
  switch (v.kind) {
    case json_kind::string:
    case json_kind::number: return v.text;  // a number as written: "2.50" stays "2.50"
    case json_kind::boolean: return v.boolean ? "true" : "false";
    default: {
      std::string text;
      write_python_json(text, v);
      return text;
    }
  }
}

void flatten(const json_value& object, std::vector<std::string>& parents, std::vector<CLI::ConfigItem>& out) {
  for (std::size_t i = 0; i < object.keys.size(); ++i) {
    const std::string& key = object.keys[i];
    const json_value& value = object.items[i];
    if (value.kind == json_kind::object) {
      parents.push_back(key);
      flatten(value, parents, out);
      parents.pop_back();
      continue;
    }
    CLI::ConfigItem item;
    item.parents = parents;
    item.name = key;
    if (value.kind == json_kind::array) {
      for (const auto& element : value.items) item.inputs.push_back(scalar_text(element));
    } else {
      item.inputs.push_back(scalar_text(value));
    }
    out.push_back(std::move(item));
  }
}

}  // namespace

std::string json_config::to_config(const CLI::App* app, bool default_also, bool, std::string) const {
  boost::json::object object;
  for (const CLI::Option* option : app->get_options()) {
    if (option->get_lnames().empty() || option->get_configurable() == false) continue;
    const auto& results = option->results();
    if (results.size() == 1) {
      object[option->get_lnames().front()] = results.front();
    } else if (!results.empty()) {
      boost::json::array values;
      for (const auto& r : results) values.emplace_back(r);
      object[option->get_lnames().front()] = std::move(values);
    }
    else if (default_also && !option->get_default_str().empty())
      object[option->get_lnames().front()] = option->get_default_str();
  }
  return boost::json::serialize(object) + "\n";
}

std::optional<std::string> config_file_problem(int argc, const char* const* argv) {
  constexpr std::string_view flag = "--config";
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    std::string file;
    if (a == flag && i + 1 < argc) file = argv[i + 1];
    else if (a.starts_with("--config=")) file = std::string(a.substr(flag.size() + 1));
    else continue;
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::path(file), ec)) continue;  // CLI11 says it is missing
    if (auto why = not_a_regular_file(file)) return "--config " + file + ": " + *why;
    if (std::filesystem::file_size(std::filesystem::path(file), ec) > max_config_file)
      return "--config " + file + ": larger than " + std::to_string(max_config_file >> 10) + " KiB";
  }
  return std::nullopt;
}

std::vector<CLI::ConfigItem> json_config::from_config(std::istream& input) const {
  std::string text(max_config_file + 1, '\0');
  input.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(input.gcount()));
  if (text.size() > max_config_file)
    throw CLI::ConfigError("larger than " + std::to_string(max_config_file >> 10) + " KiB");
  // Read as recordings and rule tables are: a key given twice is refused, not resolved.
  json_flat_parser parser;
  if (parser.parse(text)) throw CLI::ConfigError(parser.error_text());
  const json_value root = to_json_value(parser.nodes());
  if (root.kind != json_kind::object) throw CLI::ConfigError("the file must hold one JSON object");
  std::vector<CLI::ConfigItem> items;
  std::vector<std::string> parents;
  flatten(root, parents, items);
  return items;
}

}  // namespace replayer::app
