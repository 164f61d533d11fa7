#pragma once
// How `replay` shows one game and the totals: one text line or one JSON object per game.
#include "core/game.hpp"

#include <cstddef>
#include <string>

namespace replayer::app {

struct replay_totals {
  std::size_t files = 0;
  std::size_t games = 0;
  std::size_t ticks = 0;
  std::size_t bad_lines = 0;
  std::size_t phase_anomalies = 0;
  std::size_t incomplete_games = 0;
  std::size_t skipped = 0;  // folder entries and files that could not be read (each warned about)
  bool interrupted = false;

  void add(const game_facts& f);
};

/// What is wrong with a game, as replay and check both say it ("no rug (incomplete); started
/// mid-game; ..."); empty when nothing is.
std::string game_problems(const game& g, const game_facts& f);
std::string game_text_line(const game& g, const game_facts& f);
std::string game_json_line(const game& g, const game_facts& f);
std::string totals_text(const replay_totals& t);
std::string totals_json(const replay_totals& t);

}  // namespace replayer::app
