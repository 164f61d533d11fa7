// Runs the replayer binary as a user does and measures it: wall time, CPU time and peak RSS of
// the child (wait4's rusage), output to /dev/null.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

extern char** environ;

namespace bench {

struct process_figures {
  bool ok = false;       // started and exited 0
  double seconds = 0;    // wall time, spawn to exit
  double cpu_seconds = 0;  // user + system time of the child
  long max_rss_kb = 0;
};

/// `args[0]` is looked up in PATH unless it has a slash.
inline process_figures run_process(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  process_figures f;
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  int status = 0;
  rusage usage{};
  if (posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ) == 0 && wait4(pid, &status, 0, &usage) == pid) {
    f.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    f.cpu_seconds = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                    double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    f.max_rss_kb = usage.ru_maxrss;
    f.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }
  posix_spawn_file_actions_destroy(&actions);
  return f;
}

// The median run of `runs` (by wall time); not ok when any run failed.
inline process_figures median_run(const std::vector<std::string>& args, int runs) {
  std::vector<process_figures> all;
  for (int i = 0; i < runs; ++i) {
    all.push_back(run_process(args));
    if (!all.back().ok) return all.back();
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.seconds < b.seconds; });
  return all[all.size() / 2];
}

}  // namespace bench
