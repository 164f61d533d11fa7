#include "core/fair/verifier.hpp"

#include "core/fair/price_path.hpp"
#include "core/concat.hpp"
#include "core/fair/exact_match.hpp"
#include "core/fair/python_float.hpp"
#include "core/fair/sha256.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>

namespace replayer {
namespace {

constexpr std::array<std::string_view, 7> problem_names = {
    "malformed", "not_revealed", "unknown_version", "hash_mismatch", "price_mismatch", "wrong_length", "peak_mismatch",
};

fair_problem problem(fair_problem_kind kind, std::string message) {
  fair_problem p;
  p.kind = kind;
  p.message = std::move(message);
  return p;
}

}  // namespace

std::string_view fair_problem_name(fair_problem_kind k) { return problem_names[static_cast<std::size_t>(k)]; }

fair_verdict game_verifier::verify(const revealed_game& game) {
  fair_verdict v;
  v.game_id = game.id;
  v.version = game.version;
  if (!game.problem.empty()) {
    v.problems.push_back(problem(fair_problem_kind::malformed, game.problem));
    return v;
  }
  if (game.id.empty()) {
    v.problems.push_back(problem(fair_problem_kind::malformed, "the game has no id"));
    return v;
  }
  if (game.server_seed.empty()) {
    v.problems.push_back(problem(fair_problem_kind::not_revealed,
                                 "no serverSeed: the seed is revealed only after the game; take the game from a "
                                 "later gameHistory"));
    return v;
  }

  if (game.server_seed_hash.empty()) {
    v.problems.push_back(problem(fair_problem_kind::malformed, "no serverSeedHash to check the seed against"));
  } else {
    if (auto hash = sha256_mismatch(game.server_seed, game.server_seed_hash)) {
      fair_problem p = problem(fair_problem_kind::hash_mismatch,
                               concat({"serverSeedHash ", game.server_seed_hash, " is not the SHA-256 of serverSeed (",
                                    *hash, ")"}));
      p.expected = std::move(*hash);
      p.recorded = game.server_seed_hash;
      v.problems.push_back(std::move(p));
    }
  }

  const auto version = parse_fair_version(game.version);
  if (!version) {
    v.problems.push_back(problem(
        fair_problem_kind::unknown_version,
        game.version.empty() ? std::string("the game names no version (gameVersion or version: v1, v2 or v3)")
                             : concat({"unknown version \"", game.version, "\" (known: v1, v2, v3)"})));
    return v;
  }

  generate_price_path(game.server_seed, game.id, *version, path_);
  v.path_length = path_.size();
  v.peak = *std::max_element(path_.begin(), path_.end());

  // The recorded array is the path plus one final element, the rug price.
  const std::size_t recorded_path = game.prices.empty() ? 0 : game.prices.size() - 1;
  const std::size_t common = std::min(path_.size(), recorded_path);
  for (std::size_t k = 0; k < common; ++k) {
    if (same_bits(path_[k], game.prices[k])) continue;
    fair_problem p = problem(fair_problem_kind::price_mismatch, {});
    p.tick = k;
    p.expected = python_float(path_[k]);
    p.recorded = std::string(game.price_text(k));
    p.message = concat({"price at tick ", std::to_string(k), " differs: the seed gives ", p.expected, ", the game has ",
                     p.recorded});
    v.problems.push_back(std::move(p));
    return v;  // later prices follow from this one; the first difference is the finding
  }
  if (game.prices.size() != path_.size() + 1) {
    fair_problem p = problem(fair_problem_kind::wrong_length, {});
    p.expected_count = path_.size() + 1;
    p.recorded_count = game.prices.size();
    p.message = concat({"the seed's game rugs at tick ", std::to_string(path_.size()), ", so ",
                     std::to_string(path_.size() + 1), " prices (path and rug price) are expected; the game has ",
                     std::to_string(game.prices.size())});
    v.problems.push_back(std::move(p));
    return v;
  }
  if (game.peak_multiplier && !same_bits(*game.peak_multiplier, v.peak)) {
    fair_problem p = problem(fair_problem_kind::peak_mismatch, {});
    p.expected = python_float(v.peak);
    p.recorded = game.peak_text;
    p.message = concat({"peakMultiplier ", p.recorded, " is not the path's peak ", p.expected});
    v.problems.push_back(std::move(p));
  }
  return v;
}

}  // namespace replayer
