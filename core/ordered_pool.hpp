#pragma once
// The one worker pool of the batch commands: runs task(i) for i = 0..count-1 on `jobs` threads
// and hands each result to consume(i, result) on the calling thread, strictly in index order, so
// what a command prints never depends on the number of threads. Bounded: at most `2 * jobs`
// results wait for the consumer. Cancellable: once `stop` is set no further task starts (the
// tasks already running finish and are consumed). An exception in a task is the pool's
// boundary: it is caught on its worker, no new task starts, the results before it are consumed,
// and then it is rethrown on the calling thread; so is one thrown by consume, once the workers
// have stopped. With jobs = 1 everything runs on the caller.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace replayer {

template <class Result, class Task, class Consume>
void ordered_pool(std::size_t count, std::size_t jobs, const std::atomic<bool>& stop, Task task, Consume consume) {
  if (jobs <= 1 || count < 2) {
    for (std::size_t i = 0; i < count && !stop.load(std::memory_order_relaxed); ++i) consume(i, task(i));
    return;
  }
  struct slot {
    std::exception_ptr failure;
    std::optional<Result> result;
  };
  const std::size_t window = 2 * jobs;
  std::mutex mutex;
  std::condition_variable ready, room;
  std::map<std::size_t, slot> done;
  std::size_t next_task = 0, next_consumed = 0, running = 0;
  bool failed = false;

  auto worker = [&] {
    std::unique_lock lock(mutex);
    for (;;) {
      room.wait(lock, [&] { return next_task >= count || failed || stop || next_task < next_consumed + window; });
      if (next_task >= count || failed || stop) break;
      const std::size_t i = next_task++;
      ++running;
      lock.unlock();
      slot s;
      try {
        s.result.emplace(task(i));
      } catch (...) {
        s.failure = std::current_exception();
      }
      lock.lock();
      --running;
      if (s.failure) failed = true;
      done.emplace(i, std::move(s));
      ready.notify_all();
      room.notify_all();
    }
    ready.notify_all();
  };
  std::vector<std::jthread> workers;
  for (std::size_t w = 0; w < std::min(jobs, count); ++w) workers.emplace_back(worker);

  std::exception_ptr failure;
  {
    std::unique_lock lock(mutex);
    while (next_consumed < count) {
      ready.wait(lock, [&] { return done.count(next_consumed) || (running == 0 && (failed || stop || next_task >= count)); });
      auto it = done.find(next_consumed);
      if (it == done.end()) break;  // stopped (or failed) before this task started
      slot s = std::move(it->second);
      done.erase(it);
      ++next_consumed;
      room.notify_all();
      if (s.failure) {
        failure = s.failure;
        break;
      }
      lock.unlock();
      // An exception in consume ends the run as one in a task does: were it to leave this
      // loop as it is, the workers would wait for room forever and joining them would hang.
      try {
        consume(next_consumed - 1, std::move(*s.result));
      } catch (...) {
        failure = std::current_exception();
      }
      lock.lock();
      if (failure) break;
    }
    failed = true;  // whatever ended the loop, no worker starts anything more
    room.notify_all();
  }
  workers.clear();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace replayer
