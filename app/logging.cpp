#include "app/logging.hpp"

#include "core/json_value.hpp"
#include "core/timestamp.hpp"

#include <boost/core/null_deleter.hpp>
#include <boost/log/attributes/clock.hpp>
#include <boost/log/core.hpp>
#include <boost/log/expressions.hpp>
#include <boost/log/sinks/sync_frontend.hpp>
#include <boost/log/sinks/text_ostream_backend.hpp>
#include <boost/log/sources/record_ostream.hpp>
#include <boost/log/sources/severity_logger.hpp>
#include <boost/log/utility/formatting_ostream.hpp>

#include <array>
#include <iostream>

namespace replayer::app {
namespace {

namespace logging = boost::log;
constexpr std::array<std::string_view, 5> level_names = {"trace", "debug", "info", "warning", "error"};

BOOST_LOG_ATTRIBUTE_KEYWORD(severity_attr, "Severity", log_level)

logging::sources::severity_logger<log_level>& logger() {
  static logging::sources::severity_logger<log_level> instance;
  return instance;
}

std::string now_text() {
  return format_timestamp(wall_clock_now()) + "Z";
}

}  // namespace

std::optional<log_level> parse_log_level(std::string_view name) {
  for (std::size_t i = 0; i < level_names.size(); ++i)
    if (level_names[i] == name) return static_cast<log_level>(i);
  return std::nullopt;
}

std::optional<log_format> parse_log_format(std::string_view name) {
  if (name == "text") return log_format::text;
  if (name == "json") return log_format::json;
  return std::nullopt;
}

void init_logging(log_level level, log_format format) {
  using backend = logging::sinks::text_ostream_backend;
  auto be = boost::make_shared<backend>();
  be->add_stream(boost::shared_ptr<std::ostream>(&std::clog, boost::null_deleter()));
  be->auto_flush(true);
  auto sink = boost::make_shared<logging::sinks::synchronous_sink<backend>>(be);
  sink->set_formatter([format](const logging::record_view& rec, logging::formatting_ostream& out) {
    const auto sev = rec[severity_attr];
    const std::string_view name = sev ? level_names[static_cast<std::size_t>(*sev)] : "info";
    const auto msg = rec[logging::expressions::smessage];
    const std::string text = msg ? std::string(*msg) : std::string();
    if (format == log_format::json) {
      std::string line = "{\"ts\": ";
      write_python_json_string(line, now_text());
      line += ", \"level\": \"";
      line += name;
      line += "\", \"msg\": ";
      write_python_json_string(line, text);
      line += '}';
      out << line;
    } else {
      out << "replayer: " << name << ": " << text;
    }
  });
  sink->set_filter(severity_attr >= level);
  auto core = logging::core::get();
  core->remove_all_sinks();
  core->add_sink(sink);
}

void log(log_level level, std::string_view message) {
  BOOST_LOG_SEV(logger(), level) << message;
}

}  // namespace replayer::app
