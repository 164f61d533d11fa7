#pragma once
// The calls sent and not yet answered, as a plain object: ids allocated in order (1, 2, ...),
// each incoming reply matched to its call and taken out, and every reply that matches nothing
// counted by why: late (its call gave up first: a deadline or a cancellation), duplicate (its
// call was answered already), unknown (an id never issued). Bounded: a call beyond max_pending
// is refused (counted). The ids of calls given up are remembered, up to max_abandoned (the
// oldest forgotten first, counted), so that a late reply is told from a duplicate one.
// The Waiter is whatever the transport needs to wake the caller (the CDP client: a pointer to
// the call's timer and outcome); the table never looks inside it.
#include "core/cdp/message.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace replayer::cdp {

/// What a CDP client has seen and done, for logs and tests: a plain struct.
struct client_counters {
  std::uint64_t messages = 0;           // text messages received
  std::uint64_t bytes = 0;              // bytes of those messages
  std::uint64_t calls = 0;              // ids allocated (calls registered)
  std::uint64_t replies = 0;            // replies matched to a waiting call
  std::uint64_t error_replies = 0;      // of those, replies with an "error" member
  std::uint64_t events = 0;             // events received
  std::uint64_t late_replies = 0;       // replies to calls that had given up (dropped)
  std::uint64_t duplicate_replies = 0;  // replies to calls answered already (dropped)
  std::uint64_t unknown_replies = 0;    // replies with an id never issued (dropped)
  std::uint64_t timeouts = 0;           // calls failed by their deadline
  std::uint64_t cancelled = 0;          // calls given up by their caller's cancellation
  std::uint64_t peer_gone = 0;          // calls failed because the connection ended
  std::uint64_t pending_full = 0;       // calls refused: max_pending calls were waiting
  std::uint64_t queue_full = 0;         // calls refused: the outgoing queue was full
  std::uint64_t abandoned_forgotten = 0;  // given-up ids forgotten beyond max_abandoned
  std::uint64_t protocol_errors = 0;    // messages refused by decode(), whatever their kind
  std::array<std::uint64_t, error_kind_count> errors_by_kind{};

  std::uint64_t errors_of(error_kind k) const { return errors_by_kind[static_cast<std::size_t>(k)]; }
  void count(const protocol_error& e) {
    ++protocol_errors;
    ++errors_by_kind[static_cast<std::size_t>(e.kind)];
  }
};

inline constexpr std::size_t default_max_pending = 1024;
inline constexpr std::size_t default_max_abandoned = 4096;

/// How a reply's id matched.
enum class reply_match : std::uint8_t { waiting, late, duplicate, unknown };

/// "waiting", "late", "duplicate", "unknown".
std::string_view reply_match_name(reply_match m);

template <class Waiter>
class pending_calls {
public:
  struct call {
    std::uint64_t id = 0;
    std::string method;  // for messages: "Chrome went away during Runtime.evaluate"
    Waiter waiter;
  };
  struct match {
    reply_match kind = reply_match::unknown;
    std::optional<call> waiting;  // set when kind == waiting: the call, out of the table
  };

  pending_calls(client_counters& counters, std::size_t max_pending = default_max_pending,
                std::size_t max_abandoned = default_max_abandoned)
      : counters_(counters), max_pending_(max_pending), max_abandoned_(max_abandoned) {}

  /// Registers a call and returns its id; nullopt (counted as pending_full) when full.
  std::optional<std::uint64_t> add(std::string method, Waiter waiter) {
    if (waiting_.size() >= max_pending_) {
      ++counters_.pending_full;
      return std::nullopt;
    }
    const std::uint64_t id = ++last_id_;
    waiting_.emplace(id, call{id, std::move(method), std::move(waiter)});
    ++counters_.calls;
    return id;
  }

  /// The reply with this id arrived: its waiting call (taken out and counted as a reply), or
  /// why it matches none (counted).
  match take(std::uint64_t id) {
    match out;
    if (auto it = waiting_.find(id); it != waiting_.end()) {
      out.kind = reply_match::waiting;
      out.waiting = std::move(it->second);
      waiting_.erase(it);
      ++counters_.replies;
    } else if (id == 0 || id > last_id_) {
      out.kind = reply_match::unknown;
      ++counters_.unknown_replies;
    } else if (abandoned_.erase(id) > 0) {
      out.kind = reply_match::late;
      ++counters_.late_replies;
    } else {
      out.kind = reply_match::duplicate;
      ++counters_.duplicate_replies;
    }
    return out;
  }

  /// The caller of `id` gave up (its deadline or its cancellation, counted by the caller): the
  /// call leaves the table and a reply to it will count as late. False if `id` was not waiting.
  bool abandon(std::uint64_t id) {
    if (waiting_.erase(id) == 0) return false;
    abandoned_.insert(id);
    if (abandoned_.size() > max_abandoned_) {
      abandoned_.erase(abandoned_.begin());  // ids grow: the first is the oldest
      ++counters_.abandoned_forgotten;
    }
    return true;
  }

  /// Takes back call `id` that was never sent (its message could not be queued): it leaves the
  /// table without a trace, as no reply can come for it.
  void withdraw(std::uint64_t id) { waiting_.erase(id); }

  /// Every waiting call, in id order, taken out of the table (the connection is gone).
  std::vector<call> take_all() {
    std::vector<call> out;
    out.reserve(waiting_.size());
    for (auto& [id, c] : waiting_) out.push_back(std::move(c));
    waiting_.clear();
    return out;
  }

  bool waiting(std::uint64_t id) const { return waiting_.contains(id); }
  std::size_t size() const { return waiting_.size(); }
  std::size_t abandoned() const { return abandoned_.size(); }
  std::uint64_t last_id() const { return last_id_; }
  std::size_t max_pending() const { return max_pending_; }

private:
  client_counters& counters_;
  std::size_t max_pending_;
  std::size_t max_abandoned_;
  std::uint64_t last_id_ = 0;
  std::map<std::uint64_t, call> waiting_;
  std::set<std::uint64_t> abandoned_;
};

}  // namespace replayer::cdp
