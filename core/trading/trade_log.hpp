#pragma once
// The canonical trade log: one JSON line per event, in the order the events happened, and the
// SHA-256 of those lines kept as they come. A backtest and a live run that trade alike have the
// same digest. An optional writer receives every line (the --trades file).
#include "core/fair/sha256.hpp"
#include "core/trading/session.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace replayer {

class trade_log final : public trade_sink {
public:
  using writer = std::function<void(std::string_view game_id, const trade_event& e, std::string_view json_line)>;

  explicit trade_log(writer w = {}) : writer_(std::move(w)) {}

  void on_event(std::string_view game_id, const trade_event& e) override;
  /// Every event of `events`, in order, as if they had come one by one.
  void add(std::string_view game_id, const std::vector<trade_event>& events);

  std::size_t events() const { return events_; }
  std::string digest() const { return hash_.hex(); }

private:
  writer writer_;
  sha256_stream hash_;
  std::string line_;
  std::size_t events_ = 0;
};

}  // namespace replayer
