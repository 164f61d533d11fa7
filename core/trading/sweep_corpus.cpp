#include "core/trading/sweep_corpus.hpp"

#include "core/append_int.hpp"
#include "core/fair/sha256.hpp"

namespace replayer {

std::string games_digest(const std::vector<game>& games) {
  sha256_stream hash;
  std::string line;
  for (const game& g : games) {
    line = "game ";
    line += g.id;
    line += g.has_start ? " start" : " -";
    line += g.has_end ? " end " : " - ";
    line += g.end_status;
    line += '\n';
    hash.update(line);
    for (const tick& t : g.ticks) {
      line.clear();
      append_int(line, t.index);
      line += ' ';
      line += t.price.text();
      line += ' ';
      line += phase_name(t.phase);
      line += t.active ? " active" : " -";
      line += t.rugged ? " rugged" : " -";
      line += t.backfilled ? " backfilled " : " - ";
      append_int(line, t.cooldown_ms);
      line += ' ';
      append_int(line, t.trade_count);
      line += ' ';
      line += t.timestamp_text.view();
      line += ' ';
      line += t.game_id.view();
      line += '\n';
      hash.update(line);
    }
  }
  return hash.hex();
}

}  // namespace replayer
