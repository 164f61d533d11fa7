#include "core/trading/sweep.hpp"

#include <charconv>

namespace replayer {

boost::system::result<sweep_axis, std::string> parse_sweep(std::string_view text) {
  using result = boost::system::result<sweep_axis, std::string>;
  const std::string where = "--sweep '" + std::string(text) + "': ";
  auto fail = [&](std::string_view why) { return result(boost::system::in_place_error, where + std::string(why)); };
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0) return fail("expected key=from:to:step, e.g. buy_below=1.2:2:0.1");
  std::string_view range = text.substr(eq + 1);
  std::vector<std::string_view> parts;
  for (std::size_t pos = 0;;) {
    const auto colon = range.find(':', pos);
    parts.push_back(range.substr(pos, colon == std::string_view::npos ? std::string_view::npos : colon - pos));
    if (colon == std::string_view::npos) break;
    pos = colon + 1;
  }
  if (parts.size() != 3) return fail("expected from:to:step");
  auto from = decimal::parse(parts[0]), to = decimal::parse(parts[1]), step = decimal::parse(parts[2]);
  if (!from || !to || !step) return fail("from, to and step must be decimal numbers");
  if (!(step->raw() > 0)) return fail("step must be positive");
  if (*to < *from) return fail("from must not be greater than to");
  sweep_axis axis{std::string(text.substr(0, eq)), {}, std::string(text)};
  for (decimal v = *from; v <= *to; v += *step) {
    if (axis.values.size() == 10'000) return fail("more than 10000 values; use a larger step");
    axis.values.push_back(v.str());
  }
  return axis;
}

boost::system::result<std::size_t, std::string> sweep_grid_size(const std::vector<sweep_axis>& axes,
                                                                std::size_t max_points) {
  std::size_t points = 1;
  bool overflowed = false;
  std::string product;
  for (const auto& axis : axes) {
    product += (product.empty() ? "" : " x ") + std::to_string(axis.values.size());
    overflowed = overflowed || __builtin_mul_overflow(points, axis.values.size(), &points);
  }
  if (overflowed || points > max_points)
    return boost::system::result<std::size_t, std::string>(
        boost::system::in_place_error,
        "--sweep: " + product + " = " + (overflowed ? std::string("too many") : std::to_string(points)) +
            " points, more than --max-points " + std::to_string(max_points) +
            " (every point plays every game); use larger steps or raise --max-points");
  return points;
}

std::vector<std::vector<std::pair<std::string, std::string>>> sweep_grid(const std::vector<sweep_axis>& axes) {
  std::vector<std::vector<std::pair<std::string, std::string>>> points{{}};
  for (const auto& axis : axes) {
    std::vector<std::vector<std::pair<std::string, std::string>>> next;
    for (const auto& point : points)
      for (const auto& v : axis.values) {
        auto p = point;
        p.emplace_back(axis.key, v);
        next.push_back(std::move(p));
      }
    points = std::move(next);
  }
  return points;
}

boost::system::result<sweep_shard, std::string> parse_shard(std::string_view text) {
  using result = boost::system::result<sweep_shard, std::string>;
  auto fail = [&](std::string_view why) {
    return result(boost::system::in_place_error, "--shard '" + std::string(text) + "': " + std::string(why));
  };
  auto number = [](std::string_view digits, std::size_t& out) {
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return !digits.empty() && ec == std::errc{} && end == digits.data() + digits.size();
  };
  const auto slash = text.find('/');
  sweep_shard shard;
  if (slash == std::string_view::npos || !number(text.substr(0, slash), shard.k) ||
      !number(text.substr(slash + 1), shard.n))
    return fail("expected K/N, this run's shard K of N (1 <= K <= N), e.g. --shard 2/4");
  if (shard.n == 0 || shard.n > 100'000) return fail("N must be 1 to 100000");
  if (shard.k == 0 || shard.k > shard.n)
    return fail("K must be 1 to N (K is 1-based: a 0-based index such as JOB_COMPLETION_INDEX needs +1)");
  return shard;
}

boost::system::result<decimal, std::string> parse_holdout(std::string_view text) {
  const auto f = decimal::parse(text);
  if (!f || !(f->raw() > 0) || !(*f < decimal::from_int(1)))
    return {boost::system::in_place_error,
            "--holdout '" + std::string(text) + "': expected a fraction between 0 and 1 (exclusive), e.g. 0.25"};
  return *f;
}

boost::system::result<std::size_t, std::string> holdout_split(std::size_t games, decimal fraction) {
  const decimal one = decimal::from_int(1);
  const decimal kept = decimal::from_int(static_cast<std::int64_t>(games)) * (one - fraction);
  const auto in_sample = static_cast<std::size_t>(kept.raw() / one.raw());
  // games x (1 - fraction) < games, so the held-out side always has a game; the in-sample may not.
  if (in_sample == 0)
    return {boost::system::in_place_error,
            "--holdout " + fraction.str() + ": " + std::to_string(games) + (games == 1 ? " game leaves" : " games leave") +
                " no in-sample game (in-sample = floor(games x (1 - fraction))); use a smaller fraction or more games"};
  return in_sample;
}

}  // namespace replayer
