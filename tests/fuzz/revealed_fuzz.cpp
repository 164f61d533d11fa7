// libFuzzer target for what `verify` and `check --seeds` read: any bytes as a feed capture line
// or a JSON / JSONL document of revealed games, each game found then verified against its seed
// (the provably-fair model). Invariants:
//   - reading and verifying never crash nor throw, and no sanitizer report;
//   - a refused text comes with a reason;
//   - verifying is a function of the game: the same game verified again after another gives
//     the same verdict (the verifier's scratch path keeps nothing between games).
// Build: cmake --preset fuzz && cmake --build --preset fuzz; run: scripts/fuzz.sh
#include "core/fair/revealed_game.hpp"
#include "core/fair/verifier.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

using namespace replayer;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static revealed_game_reader reader;
  static game_verifier verifier;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<revealed_game> games;
  const auto found = reader.read(text, games);
  if (!found) {
    if (found.error().reason.empty()) {
      std::fprintf(stderr, "revealed_fuzz: refused without a reason\n");
      std::abort();
    }
    return 0;
  }
  std::vector<fair_verdict> first;
  for (const revealed_game& g : games) first.push_back(verifier.verify(g));
  for (std::size_t i = games.size(); i-- > 0;) {
    const fair_verdict again = verifier.verify(games[i]);
    if (again.verified() != first[i].verified() || again.path_length != first[i].path_length ||
        again.problems.size() != first[i].problems.size()) {
      std::fprintf(stderr, "revealed_fuzz: game %zu verified twice gives two verdicts\n", i);
      std::abort();
    }
  }
  return 0;
}
