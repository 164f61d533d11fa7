#pragma once
// A child process that cannot outlive its owner: started from an argv list (no shell) in a
// process group of its own, with PR_SET_PDEATHSIG (SIGKILL) so that a killed replayer takes it
// along; the destructor (or terminate()) sends SIGTERM to the whole group, waits a bounded time
// for it to empty, then SIGKILL, and reaps the child: no orphan, no zombie, nothing left holding
// a port. Used for Chrome (chrome_process.hpp) and for the browser tests' page server.
#include <sys/types.h>

#include <boost/system/result.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace replayer::browser {

struct spawn_options {
  std::vector<std::string> argv;        // argv[0] is the program's path (not looked up in PATH)
  std::string stdout_path = "/dev/null";  // truncated, or created
  std::string stderr_path = "/dev/null";
  std::chrono::milliseconds term_grace{3000};  // SIGTERM to SIGKILL
  std::vector<std::string> environment{};  // "NAME=value": set in the child on top of ours
};

class process_guard {
public:
  /// Starts the child. The error names the program and the reason (exec's errno included).
  static boost::system::result<process_guard, std::string> spawn(spawn_options options);

  process_guard(process_guard&& other) noexcept;
  process_guard& operator=(process_guard&& other) noexcept;
  process_guard(const process_guard&) = delete;
  process_guard& operator=(const process_guard&) = delete;
  ~process_guard();

  pid_t pid() const { return pid_; }  // also the process group's id
  /// Whether the child has exited (reaped, without blocking).
  bool exited();
  /// "exited with status 1", "killed by signal 9", or "running".
  std::string status_text();
  /// SIGTERM to the group, up to term_grace for it to empty, SIGKILL, reap. Idempotent.
  void terminate();

private:
  process_guard(pid_t pid, std::chrono::milliseconds grace) : pid_(pid), grace_(grace) {}
  bool group_alive() const;

  pid_t pid_ = -1;
  std::chrono::milliseconds grace_{};
  std::optional<int> wait_status_;
  bool terminated_ = false;
};

}  // namespace replayer::browser
