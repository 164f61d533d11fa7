#pragma once
// Chrome (or Chromium) launched by replayer, with its DevTools endpoint. The argv is a list (no
// shell): --remote-debugging-port=0 and a profile folder, chosen or temporary (mkdtemp), plus
// optional --load-extension, headless flags and the start URL. The port Chrome picked is read
// from <profile>/DevToolsActivePort, polled until a deadline; a Chrome that exits first fails at
// once with its exit status and the end of its stderr. The child lives in a process_guard
// (SIGTERM to its group, then SIGKILL, reaped); the folder replayer made for it (the temporary
// profile, Chrome's stderr) is removed when the chrome_process goes, on every path, and one left
// by a replayer that was killed is removed by the next launch (its `owner` pid is gone).
#include "browser/process_guard.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/system/result.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace replayer::browser {

/// Tried in this order when no binary is given.
inline constexpr std::string_view chrome_candidates[] = {"/usr/bin/chromium", "/usr/bin/google-chrome",
                                                         "/usr/bin/google-chrome-stable", "/usr/bin/chromium-browser"};

struct chrome_options {
  std::string binary;         // "" = the first of chrome_candidates that exists
  std::string profile_dir;    // "" = a temporary one, removed at the end
  std::string extension_dir;  // "" = none; else --load-extension=DIR (an unpacked wallet extension)
  bool headless = false;      // the test flags: --headless --no-sandbox --disable-gpu ...
  std::string window_size;    // "" = Chrome's default; "1280,900"
  std::string start_url = "about:blank";
  std::vector<std::string> extra_args;
  std::chrono::milliseconds start_timeout{15000};  // until DevToolsActivePort names the port
  std::chrono::milliseconds term_grace{3000};      // SIGTERM to SIGKILL
};

/// The binary to start: `explicit_binary` when given (it must be an executable file), else the
/// first candidate that is one. The error lists what was tried and what to do.
boost::system::result<std::string, std::string> find_chrome_binary(std::string_view explicit_binary);

/// Chrome's command line for `options`, `binary` first.
std::vector<std::string> chrome_argv(const chrome_options& options, const std::string& binary,
                                     const std::filesystem::path& profile);

struct devtools_active_port {
  std::uint16_t port = 0;
  std::string browser_path;  // "/devtools/browser/<id>"
};

/// The text of <profile>/DevToolsActivePort: the port on the first line, the browser target's
/// path on the second. Unusable until both lines are there (Chrome may be writing it).
boost::system::result<devtools_active_port, std::string> parse_devtools_active_port(std::string_view text);

class chrome_process {
public:
  /// Starts Chrome and waits for its DevTools port (a steady_timer poll: cancellation of the
  /// awaiting coroutine stops the wait, and Chrome with it). The error says what happened
  /// (the binaries tried, the exit status and Chrome's last stderr lines, the deadline).
  static boost::asio::awaitable<boost::system::result<std::unique_ptr<chrome_process>, std::string>> launch(
      chrome_options options);

  chrome_process(const chrome_process&) = delete;
  chrome_process& operator=(const chrome_process&) = delete;
  /// Stops Chrome (process_guard::terminate) and removes the folder replayer made for it.
  ~chrome_process();

  pid_t pid() const { return guard_.pid(); }
  std::uint16_t port() const { return active_.port; }
  /// "127.0.0.1:PORT", for --cdp http://... and /json/list.
  std::string http_endpoint() const;
  /// "ws://127.0.0.1:PORT/devtools/browser/<id>".
  std::string browser_ws_url() const;
  const std::filesystem::path& profile_dir() const { return profile_; }
  bool temporary_profile() const { return temporary_profile_; }
  bool exited() { return guard_.exited(); }
  std::string status_text() { return guard_.status_text(); }
  /// Chrome's stderr so far, its last `max_lines` lines.
  std::string stderr_tail(std::size_t max_lines = 8) const;
  /// Stops Chrome now (the destructor does it too); the folder stays until destruction.
  void stop() { guard_.terminate(); }

private:
  chrome_process(process_guard guard, std::filesystem::path work_dir, std::filesystem::path profile, bool temporary);

  process_guard guard_;
  std::filesystem::path work_dir_;  // replayer's folder: stderr log, and the temporary profile
  std::filesystem::path profile_;
  bool temporary_profile_ = false;
  devtools_active_port active_;
};

}  // namespace replayer::browser
