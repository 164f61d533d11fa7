#include "app/sweep_merge.hpp"

#include <optional>
#include <set>

namespace replayer::app {
namespace {

using merged = boost::system::result<std::vector<sweep_row>, std::string>;

merged fail(std::string why) { return {boost::system::in_place_error, std::move(why)}; }

std::string shown(const json_value& v) {
  std::string text;
  write_python_json(text, v);
  return text.size() > 80 ? text.substr(0, 77) + "..." : text;
}

// Where `b` first differs from `a` ("inputs.run.settings.latency_ticks") and both values.
std::optional<std::string> first_difference(const json_value& a, const json_value& b, const std::string& path) {
  const bool container = a.kind == json_kind::object || a.kind == json_kind::array;
  const bool differs = a.kind != b.kind || a.keys != b.keys || a.items.size() != b.items.size() ||
                       (!container && (a.text != b.text || a.boolean != b.boolean));
  if (differs) return path + " is " + shown(b) + " here but " + shown(a);
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    const std::string at = a.kind == json_kind::object ? path + "." + a.keys[i] : path + "[" + std::to_string(i) + "]";
    if (auto d = first_difference(a.items[i], b.items[i], at)) return d;
  }
  return std::nullopt;
}

std::string shard_name(const sweep_shard& s) { return std::to_string(s.k) + "/" + std::to_string(s.n); }

}  // namespace

merged merge_shards(const std::vector<named_shard>& shards) {
  if (shards.empty()) return fail("no shard files given");
  const named_shard& first = shards.front();
  const std::size_t n = first.file.shard.n, points = first.file.points;
  std::vector<const named_shard*> by_k(n + 1, nullptr);
  for (const named_shard& s : shards) {
    const shard_file& f = s.file;
    if (f.shard.n != n || f.points != points)
      return fail(s.name + ": shard " + shard_name(f.shard) + " of a grid of " + std::to_string(f.points) +
                  " points, but " + first.name + " is shard " + shard_name(first.file.shard) + " of " +
                  std::to_string(points) + " points: not the same sweep");
    if (auto d = first_difference(first.file.inputs, f.inputs, "inputs"))
      return fail(s.name + ": not the same sweep as " + first.name + ": " + *d + " in " + first.name);
    if (by_k[f.shard.k])
      return fail(s.name + ": shard " + shard_name(f.shard) + " again (" + by_k[f.shard.k]->name +
                  " is that shard too); give each shard once");
    by_k[f.shard.k] = &s;
  }
  std::string missing, given;
  for (std::size_t k = 1; k <= n; ++k) {
    std::string& list = by_k[k] ? given : missing;
    list += (list.empty() ? "" : ", ") + std::to_string(k);
  }
  if (!missing.empty())
    return fail("shard " + missing + " of " + std::to_string(n) + " missing (given: " + given +
                "); merge needs every shard of the sweep");
  std::vector<sweep_row> rows;
  rows.reserve(points);
  for (const named_shard& s : shards) {
    const shard_file& f = s.file;
    std::set<std::size_t> seen;
    for (const sweep_row& r : f.rows) {
      if (r.index >= points || !f.shard.plays(r.index) || !seen.insert(r.index).second)
        return fail(s.name + ": point " + std::to_string(r.index) + " is not shard " + shard_name(f.shard) +
                    "'s or is there twice (an edited file?)");
      rows.push_back(r);
    }
    if (seen.size() != f.shard.points_of(points))
      return fail(s.name + ": " + std::to_string(seen.size()) + " points, but shard " + shard_name(f.shard) + " of " +
                  std::to_string(points) + " has " + std::to_string(f.shard.points_of(points)) +
                  " (a truncated or edited file?)");
  }
  return rows;
}

}  // namespace replayer::app
