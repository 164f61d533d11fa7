#include "core/fair/recording_check.hpp"

#include "core/fair/price_path.hpp"
#include "core/concat.hpp"
#include "core/fair/exact_match.hpp"
#include "core/fair/python_float.hpp"
#include "core/fair/sha256.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <initializer_list>

namespace replayer {
namespace {

constexpr std::array<std::string_view, 4> kind_names = {
    "truncated_seed", "hash_mismatch", "unknown_version", "price_mismatch",
};

constexpr std::size_t full_seed_digits = 64;

bool is_hex_digit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

seed_check_problem problem(seed_check_kind kind, std::string message) {
  seed_check_problem p;
  p.kind = kind;
  p.message = std::move(message);
  return p;
}

bool carries_path_price(const tick& t) {
  return !t.rugged && (t.phase == phase::game_activation || t.phase == phase::active_gameplay);
}

}  // namespace

std::string_view seed_check_kind_name(seed_check_kind k) { return kind_names[static_cast<std::size_t>(k)]; }

bool is_truncated_seed(std::string_view seed) {
  return !seed.empty() && seed.size() < full_seed_digits && std::all_of(seed.begin(), seed.end(), is_hex_digit);
}

seed_check_result recording_seed_checker::check(const game& recorded, const revealed_game& revealed) {
  seed_check_result r;
  const std::string_view seed = revealed.server_seed;
  if (is_truncated_seed(seed)) {
    r.unverifiable = true;
    r.problems.push_back(problem(seed_check_kind::truncated_seed,
                                 concat({"revealed seed is truncated (", std::to_string(seed.size()),
                                      " hex digits); cannot verify"})));
    return r;
  }

  if (!revealed.server_seed_hash.empty()) {
    if (auto hash = sha256_mismatch(seed, revealed.server_seed_hash)) {
      seed_check_problem p = problem(seed_check_kind::hash_mismatch,
                                     concat({"serverSeedHash ", revealed.server_seed_hash,
                                          " is not the SHA-256 of the revealed seed (", *hash, ")"}));
      p.expected = std::move(*hash);
      p.recorded = revealed.server_seed_hash;
      r.problems.push_back(std::move(p));
    }
  }

  const auto version = parse_fair_version(revealed.version);
  if (!version) {
    r.problems.push_back(problem(
        seed_check_kind::unknown_version,
        revealed.version.empty()
            ? std::string("the revealed game names no version (v1, v2 or v3); cannot compute its path")
            : concat({"unknown version \"", revealed.version, "\" (known: v1, v2, v3); cannot compute its path"})));
    return r;
  }

  generate_price_path(seed, recorded.id, *version, path_);
  r.path_length = path_.size();
  std::string expected;
  for (const tick& t : recorded.ticks) {
    if (!carries_path_price(t) || t.index < 0 || static_cast<std::uint64_t>(t.index) >= path_.size()) continue;
    ++r.ticks_compared;
    const double want = path_[static_cast<std::size_t>(t.index)];
    if (same_bits(t.price.approx(), want)) continue;
    expected.clear();
    append_python_float(expected, want);
    seed_check_problem p = problem(seed_check_kind::price_mismatch,
                                   concat({"tick ", std::to_string(t.index), ": recorded ", t.price.text(),
                                        ", the seed gives ", expected}));
    p.tick = t.index;
    p.recorded = std::string(t.price.text());
    p.expected = expected;
    r.problems.push_back(std::move(p));
  }
  return r;
}

std::optional<text_line> recorded_seed_tap::next() {
  auto line = lines_.next();
  if (line && !line->overlong && line->text.find("server_seed") != std::string_view::npos) inspect(*line);
  return line;
}

void recorded_seed_tap::inspect(const text_line& line) {
  if (parser_.parse(line.text)) return;  // not JSON: the recording reader reports the line
  auto string_member = [&](std::string_view key) -> const json_node* {
    const json_node* n = parser_.member(key);
    return n && n->kind == json_kind::string ? n : nullptr;
  };
  const json_node* type = string_member("type");
  if (!type || (type->text != "game_end" && type->text != "game_complete")) return;
  const json_node* id = string_member("game_id");
  const json_node* seed = string_member("server_seed");
  if (!id || !seed || id->text.empty() || seed->text.empty()) return;

  recorded_seed& found = seeds_.emplace_back();
  found.line = line.number;
  found.game.id.assign(id->text);
  found.game.server_seed.assign(seed->text);
  if (const json_node* hash = string_member("server_seed_hash")) found.game.server_seed_hash.assign(hash->text);
  const json_node* version = nullptr;
  for (std::string_view key : {"version", "game_version", "gameVersion"})
    if (!version) version = string_member(key);
  found.game.version.assign(version ? version->text : assumed_version);
}

}  // namespace replayer
