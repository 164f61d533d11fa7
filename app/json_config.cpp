#include "app/json_config.hpp"

#include "app/input_file.hpp"

#include <CLI/App.hpp>
#include <CLI/Error.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>

namespace replayer::app {
namespace {

std::string scalar_text(const boost::json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_bool()) return v.as_bool() ? "true" : "false";
  return boost::json::serialize(v);
}

void flatten(const boost::json::object& object, std::vector<std::string>& parents,
             std::vector<CLI::ConfigItem>& out) {
  for (const auto& member : object) {
    const std::string key(member.key());
    if (member.value().is_object()) {
      parents.push_back(key);
      flatten(member.value().as_object(), parents, out);
      parents.pop_back();
      continue;
    }
    CLI::ConfigItem item;
    item.parents = parents;
    item.name = key;
    if (member.value().is_array()) {
      for (const auto& element : member.value().as_array()) item.inputs.push_back(scalar_text(element));
    } else {
      item.inputs.push_back(scalar_text(member.value()));
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
  boost::system::error_code ec;
  const boost::json::value root = boost::json::parse(text, ec);
  if (ec) throw CLI::ConfigError("invalid JSON (" + ec.message() + ")");
  if (!root.is_object()) throw CLI::ConfigError("the file must hold one JSON object");
  std::vector<CLI::ConfigItem> items;
  std::vector<std::string> parents;
  flatten(root.as_object(), parents, items);
  return items;
}

}  // namespace replayer::app
