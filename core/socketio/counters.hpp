#pragma once
// What a client or server machine has seen, for logs and health reports: a plain struct.
#include "core/socketio/protocol_error.hpp"

#include <array>
#include <cstdint>

namespace replayer::socketio {

struct counters {
  std::uint64_t frames = 0;         // text frames received
  std::uint64_t bytes = 0;          // bytes of those frames
  std::uint64_t binary_frames = 0;  // binary frames received (always refused)
  std::uint64_t events = 0;         // client: events delivered; server: events written
  std::uint64_t pings = 0;          // client: pings received; server: pings sent
  std::uint64_t pongs = 0;          // client: pongs sent; server: pongs received
  std::uint64_t noops = 0;          // Engine.IO noop packets received
  std::uint64_t errors = 0;         // every refusal, whatever its kind
  std::array<std::uint64_t, error_kind_count> errors_by_kind{};

  std::uint64_t errors_of(error_kind k) const { return errors_by_kind[static_cast<std::size_t>(k)]; }
  void count(const protocol_error& e) {
    ++errors;
    ++errors_by_kind[static_cast<std::size_t>(e.kind)];
  }
};

}  // namespace replayer::socketio
