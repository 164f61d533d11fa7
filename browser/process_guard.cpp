#include "browser/process_guard.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>
#include <utility>

namespace replayer::browser {
namespace {

using std::chrono::steady_clock;
constexpr std::chrono::milliseconds poll_interval{20};
constexpr std::chrono::milliseconds kill_wait{2000};

void close_quietly(int fd) {
  if (fd >= 0) ::close(fd);
}

// In the child, between fork and exec: async-signal-safe calls only. Reports exec's errno (or
// the failing step's) through `report` and exits 127.
[[noreturn]] void exec_child(char* const* argv, char* const* envp, const char* out, const char* err, int report,
                             pid_t parent) {
  int failure = 0;
  ::setpgid(0, 0);
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || ::getppid() != parent) failure = errno ? errno : ESRCH;
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::signal(SIGPIPE, SIG_DFL);
  ::signal(SIGINT, SIG_DFL);
  ::signal(SIGTERM, SIG_DFL);
  const int in_fd = ::open("/dev/null", O_RDONLY);
  const int out_fd = ::open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const int err_fd = ::open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (!failure && (in_fd < 0 || out_fd < 0 || err_fd < 0)) failure = errno;
  if (!failure && (::dup2(in_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd, 2) < 0)) failure = errno;
  if (!failure) {
    ::execve(argv[0], argv, envp);
    failure = errno;
  }
  [[maybe_unused]] const auto written = ::write(report, &failure, sizeof failure);
  ::_exit(127);
}

}  // namespace

boost::system::result<process_guard, std::string> process_guard::spawn(spawn_options options) {
  if (options.argv.empty()) return std::string("no program to start");
  const std::string& program = options.argv.front();
  std::vector<char*> argv;
  for (std::string& a : options.argv) argv.push_back(a.data());
  argv.push_back(nullptr);
  // The child's environment, built here: between fork and exec nothing may allocate.
  std::vector<std::string> environment = std::move(options.environment);
  for (char** e = environ; *e; ++e) {
    const std::string_view entry(*e);
    const auto name = entry.substr(0, entry.find('=') + 1);
    if (std::none_of(environment.begin(), environment.end(), [&](const std::string& o) { return o.starts_with(name); }))
      environment.emplace_back(entry);
  }
  std::vector<char*> envp;
  for (std::string& e : environment) envp.push_back(e.data());
  envp.push_back(nullptr);

  int report[2];
  if (::pipe2(report, O_CLOEXEC) != 0) return "cannot start " + program + ": pipe: " + std::strerror(errno);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int e = errno;
    close_quietly(report[0]);
    close_quietly(report[1]);
    return "cannot start " + program + ": fork: " + std::strerror(e);
  }
  if (pid == 0) {
    ::close(report[0]);
    exec_child(argv.data(), envp.data(), options.stdout_path.c_str(), options.stderr_path.c_str(), report[1], parent);
  }
  ::setpgid(pid, pid);  // also here: the group exists before either side goes on
  ::close(report[1]);
  int failure = 0;
  ssize_t n = 0;
  do n = ::read(report[0], &failure, sizeof failure);
  while (n < 0 && errno == EINTR);
  ::close(report[0]);
  process_guard guard(pid, options.term_grace);
  if (n == static_cast<ssize_t>(sizeof failure)) {
    guard.terminate();
    return "cannot start " + program + ": " + std::strerror(failure);
  }
  return guard;
}

process_guard::process_guard(process_guard&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), grace_(other.grace_), wait_status_(other.wait_status_),
      terminated_(other.terminated_) {}

process_guard& process_guard::operator=(process_guard&& other) noexcept {
  if (this != &other) {
    terminate();
    pid_ = std::exchange(other.pid_, -1);
    grace_ = other.grace_;
    wait_status_ = other.wait_status_;
    terminated_ = other.terminated_;
  }
  return *this;
}

process_guard::~process_guard() { terminate(); }

bool process_guard::exited() {
  if (pid_ <= 0 || wait_status_) return true;
  int status = 0;
  pid_t r = 0;
  do r = ::waitpid(pid_, &status, WNOHANG);
  while (r < 0 && errno == EINTR);
  if (r == pid_ || (r < 0 && errno == ECHILD)) wait_status_ = r == pid_ ? status : 0;
  return wait_status_.has_value();
}

std::string process_guard::status_text() {
  if (!exited()) return "running";
  const int s = *wait_status_;
  if (WIFEXITED(s)) return "exited with status " + std::to_string(WEXITSTATUS(s));
  if (WIFSIGNALED(s)) return "killed by signal " + std::to_string(WTERMSIG(s)) + " (" + strsignal(WTERMSIG(s)) + ")";
  return "ended (wait status " + std::to_string(s) + ")";
}

bool process_guard::group_alive() const { return ::kill(-pid_, 0) == 0 || errno == EPERM; }

void process_guard::terminate() {
  if (pid_ <= 0 || terminated_) return;
  terminated_ = true;
  // Wait until the child is reaped and its group (Chrome's zygote, renderers, ...) is empty.
  const auto wait_gone = [this](std::chrono::milliseconds limit) {
    const auto deadline = steady_clock::now() + limit;
    while (!(exited() && !group_alive()) && steady_clock::now() < deadline) std::this_thread::sleep_for(poll_interval);
    return exited() && !group_alive();
  };
  ::kill(-pid_, SIGTERM);
  if (wait_gone(grace_)) return;
  ::kill(-pid_, SIGKILL);
  if (!exited()) {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    wait_status_ = status;
  }
  wait_gone(kill_wait);  // the group's other members are reaped by init once orphaned
}

}  // namespace replayer::browser
