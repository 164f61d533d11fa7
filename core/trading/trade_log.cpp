#include "core/trading/trade_log.hpp"

namespace replayer {

void trade_log::on_event(std::string_view game_id, const trade_event& e) {
  line_ = trade_event_json(game_id, e);
  line_ += '\n';
  hash_.update(line_);
  ++events_;
  if (writer_) writer_(game_id, e, line_);
}

void trade_log::add(std::string_view game_id, const std::vector<trade_event>& events) {
  for (const trade_event& e : events) on_event(game_id, e);
}

}  // namespace replayer
