#pragma once
// A queue from one producer thread (the feed) to one consumer thread (the recorder's writer),
// bounded in bytes: push never waits, it says no when the bound would be passed (the caller
// counts what it dropped); pop waits. Closing wakes the consumer, which drains what is left.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace replayer {

template <class Item>
class bounded_queue {
public:
  explicit bounded_queue(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  /// Whether `bytes` more would fit now (the consumer only ever makes more room).
  bool has_room(std::size_t bytes) const {
    std::lock_guard lock(mutex_);
    return bytes_ + bytes <= max_bytes_;
  }
  /// Adds `item` of `bytes` unless that passes the bound or the queue is closed.
  bool try_push(Item item, std::size_t bytes) {
    {
      std::lock_guard lock(mutex_);
      if (closed_ || bytes_ + bytes > max_bytes_) return false;
      bytes_ += bytes;
      items_.push_back({std::move(item), bytes});
    }
    ready_.notify_one();
    return true;
  }
  /// The next item; nullopt once the queue is closed and empty.
  std::optional<Item> pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    entry e = std::move(items_.front());
    items_.pop_front();
    bytes_ -= e.bytes;
    return std::move(e.item);
  }
  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    ready_.notify_all();
  }

private:
  struct entry {
    Item item;
    std::size_t bytes;
  };
  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<entry> items_;
  std::size_t bytes_ = 0;
  bool closed_ = false;
};

}  // namespace replayer
