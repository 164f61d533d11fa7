#include "browser/chrome_process.hpp"
#include "core/failed.hpp"

#include <signal.h>
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <fstream>
#include <sstream>
#include <system_error>

namespace replayer::browser {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds port_poll_interval{50};

bool is_executable_file(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Removes a folder replayer made unless handed on (a launch that fails before Chrome runs).
struct folder_guard {
  fs::path path;
  ~folder_guard() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

constexpr std::string_view work_dir_prefix = "replayer-chrome-";

// Folders left by a replayer that was killed (kill -9: nobody removed them) are removed by the
// next launch: those whose `owner` file names a process that no longer exists.
void remove_stale_work_dirs() {
  std::error_code ec;
  for (fs::directory_iterator it(fs::temp_directory_path(ec), ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->path().filename().string().starts_with(work_dir_prefix)) continue;
    const std::string owner = read_file(it->path() / "owner");
    char* end_of_number = nullptr;
    const long pid = std::strtol(owner.c_str(), &end_of_number, 10);
    if (pid <= 0 || end_of_number == owner.c_str()) continue;  // not ours to judge
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      std::error_code ignored;
      fs::remove_all(it->path(), ignored);
    }
  }
}

boost::system::result<fs::path, std::string> make_work_dir() {
  remove_stale_work_dirs();
  std::string pattern = (fs::temp_directory_path() / (std::string(work_dir_prefix) + "XXXXXX")).string();
  if (!::mkdtemp(pattern.data())) return failed<fs::path>("cannot make a temporary folder " + pattern + ": " + std::strerror(errno));
  std::ofstream(fs::path(pattern) / "owner") << ::getpid() << "\n";
  return boost::system::result<fs::path, std::string>(boost::system::in_place_value, pattern);
}

std::string seconds_text(std::chrono::milliseconds ms) {
  std::ostringstream s;
  s << static_cast<double>(ms.count()) / 1000.0 << " s";
  return s.str();
}

}  // namespace

boost::system::result<std::string, std::string> find_chrome_binary(std::string_view explicit_binary) {
  if (!explicit_binary.empty()) {
    const std::string path(explicit_binary);
    if (is_executable_file(path)) return boost::system::result<std::string, std::string>(boost::system::in_place_value, path);
    return failed<std::string>("the Chrome binary " + path + " is not an executable file (give another with --chrome)");
  }
  std::string tried;
  for (std::string_view candidate : chrome_candidates) {
    if (is_executable_file(std::string(candidate)))
      return boost::system::result<std::string, std::string>(boost::system::in_place_value, candidate);
    tried += (tried.empty() ? "" : ", ") + std::string(candidate);
  }
  return failed<std::string>("no Chrome or Chromium found (tried " + tried +
                             "); install chromium (scripts/setup.sh does) or give the binary with --chrome");
}

std::vector<std::string> chrome_argv(const chrome_options& options, const std::string& binary, const fs::path& profile) {
  std::vector<std::string> argv{binary, "--remote-debugging-port=0", "--user-data-dir=" + profile.string(),
                                "--no-first-run", "--no-default-browser-check"};
  if (options.headless) {
    for (const char* flag : {"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--disable-component-update", "--disable-sync", "--disable-quic"})
      argv.emplace_back(flag);
  }
  if (!options.window_size.empty()) argv.push_back("--window-size=" + options.window_size);
  if (!options.extension_dir.empty()) argv.push_back("--load-extension=" + options.extension_dir);
  argv.insert(argv.end(), options.extra_args.begin(), options.extra_args.end());
  argv.push_back(options.start_url);
  return argv;
}

boost::system::result<devtools_active_port, std::string> parse_devtools_active_port(std::string_view text) {
  const auto newline = text.find('\n');
  if (newline == std::string_view::npos) return std::string("no second line yet");
  const std::string_view port_text = text.substr(0, newline);
  std::string_view path = text.substr(newline + 1);
  if (const auto end = path.find_first_of("\r\n"); end != std::string_view::npos) path = path.substr(0, end);
  unsigned port = 0;
  for (char c : port_text) {
    if (c < '0' || c > '9' || port > 65535) return "the first line is not a port: \"" + std::string(port_text) + "\"";
    port = port * 10 + static_cast<unsigned>(c - '0');
  }
  if (port_text.empty() || port == 0 || port > 65535) return "the first line is not a port: \"" + std::string(port_text) + "\"";
  if (!path.starts_with("/devtools/browser/")) return "the second line is not /devtools/browser/...: \"" + std::string(path) + "\"";
  return devtools_active_port{static_cast<std::uint16_t>(port), std::string(path)};
}

chrome_process::chrome_process(process_guard guard, fs::path work_dir, fs::path profile, bool temporary)
    : guard_(std::move(guard)), work_dir_(std::move(work_dir)), profile_(std::move(profile)), temporary_profile_(temporary) {}

chrome_process::~chrome_process() {
  guard_.terminate();
  std::error_code ec;
  fs::remove_all(work_dir_, ec);
}

std::string chrome_process::http_endpoint() const { return "127.0.0.1:" + std::to_string(active_.port); }

std::string chrome_process::browser_ws_url() const { return "ws://" + http_endpoint() + active_.browser_path; }

std::string chrome_process::stderr_tail(std::size_t max_lines) const {
  constexpr std::streamoff max_read = 64 * 1024;  // the end of the file is enough for a few lines
  std::ifstream file(work_dir_ / "chrome-stderr.log", std::ios::binary | std::ios::ate);
  const std::streamoff size = file ? static_cast<std::streamoff>(file.tellg()) : 0;
  file.seekg(size > max_read ? size - max_read : 0);
  std::ostringstream text;
  if (size > 0) text << file.rdbuf();
  std::istringstream in(text.str());
  std::deque<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    lines.push_back(std::move(line));
    if (lines.size() > max_lines) lines.pop_front();
  }
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : " | ") + l;
  return out.empty() ? "(nothing)" : out;
}

asio::awaitable<boost::system::result<std::unique_ptr<chrome_process>, std::string>> chrome_process::launch(
    chrome_options options) {
  auto binary = find_chrome_binary(options.binary);
  if (!binary) co_return binary.error();
  auto work_dir = make_work_dir();
  if (!work_dir) co_return work_dir.error();
  folder_guard made{*work_dir};
  const bool temporary = options.profile_dir.empty();
  const fs::path profile = temporary ? *work_dir / "profile" : fs::path(options.profile_dir);
  std::error_code ec;
  fs::create_directories(profile, ec);
  if (ec) co_return "cannot make the Chrome profile folder " + profile.string() + ": " + ec.message();
  const fs::path port_file = profile / "DevToolsActivePort";
  fs::remove(port_file, ec);  // a previous Chrome's port is not this one's

  // Chrome's own temporary files (org.chromium.Chromium.*) go into the work folder too, so that
  // nothing of it is left in /tmp when it is killed.
  auto guard = process_guard::spawn({chrome_argv(options, *binary, profile), "/dev/null",
                                     (*work_dir / "chrome-stderr.log").string(), options.term_grace,
                                     {"TMPDIR=" + work_dir->string()}});
  if (!guard) co_return guard.error();
  std::unique_ptr<chrome_process> chrome(new chrome_process(std::move(*guard), std::exchange(made.path, {}), profile, temporary));

  asio::steady_timer timer(co_await asio::this_coro::executor);
  const auto deadline = clock::now() + options.start_timeout;
  std::string last_problem = "no DevToolsActivePort file";
  for (;;) {
    if (chrome->exited())
      co_return "Chrome (" + *binary + ") " + chrome->status_text() + " before opening its DevTools port; its stderr: " +
          chrome->stderr_tail();
    if (auto active = parse_devtools_active_port(read_file(port_file))) {
      chrome->active_ = std::move(*active);
      co_return chrome;
    } else if (fs::exists(port_file, ec)) {
      last_problem = port_file.string() + ": " + active.error();
    }
    if (clock::now() >= deadline)
      co_return "Chrome (" + *binary + ", pid " + std::to_string(chrome->pid()) + ") did not name its DevTools port within " +
          seconds_text(options.start_timeout) + " (" + last_problem + " in " + profile.string() + "); its stderr: " +
          chrome->stderr_tail();
    timer.expires_after(port_poll_interval);
    auto [wait_error] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (wait_error) co_return std::string("cancelled while waiting for Chrome's DevTools port (Chrome stopped)");
  }
}

}  // namespace replayer::browser
