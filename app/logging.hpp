#pragma once
// Logging for the whole binary, through Boost.Log, on stderr: readable text by default or one
// JSON object per line. Only app/logging.cpp includes Boost.Log; everything else calls these.
#include <optional>
#include <string>
#include <string_view>

namespace replayer::app {

enum class log_level { trace, debug, info, warning, error };
enum class log_format { text, json };

std::optional<log_level> parse_log_level(std::string_view name);
std::optional<log_format> parse_log_format(std::string_view name);

void init_logging(log_level level, log_format format);
void log(log_level level, std::string_view message);

inline void log_info(std::string_view m) { log(log_level::info, m); }
inline void log_warning(std::string_view m) { log(log_level::warning, m); }
inline void log_error(std::string_view m) { log(log_level::error, m); }
inline void log_debug(std::string_view m) { log(log_level::debug, m); }

}  // namespace replayer::app
