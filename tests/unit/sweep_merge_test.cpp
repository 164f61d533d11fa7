// The shard file's round trip and the rules of `replayer merge` (app/sweep_shard_file,
// app/sweep_merge, app/sweep_rows): merged shards print what the unsharded sweep prints, and
// shards of different sweeps, missing, repeated or edited shards and other files are refused
// with one line naming the file and what differs.
#include "app/sweep_merge.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>

using namespace replayer;
using namespace replayer::app;

namespace {

const std::string inputs = R"({"run": {"strategy": "conservative", "settings": {"latency_ticks": "0"}}, )"
                           R"("sweeps": ["buy_below=1:1.9:0.1"], "sort": "pnl", "holdout": null, )"
                           R"("recordings": [{"path": "a.jsonl", "bytes": 10}], "games_digest": "ab12"})";

// Ten points; 3 and 7 tie with 5 (so grid order must break the tie), values that print long.
std::vector<sweep_row> grid() {
  const double values[] = {0.1, -0.5, 0.30000000000000004, 2.5, 1e-300, 2.5, -0.0, 2.5, 0.7, -1e9};
  std::vector<sweep_row> rows;
  for (std::size_t i = 0; i < 10; ++i) {
    const std::string label = "buy_below=1." + std::to_string(i);
    rows.push_back({i, label, values[i], label + "  pnl " + std::to_string(values[i]),
                    R"({"strategy": "conservative", "pnl": ")" + std::to_string(i) + R"(", "note": "\u00e9\"x"})", {}, {}});
  }
  return rows;
}

std::string shard_text(std::size_t k, std::size_t n, const std::string& in = inputs, std::size_t points = 10) {
  std::vector<sweep_row> mine;
  for (const sweep_row& r : grid())
    if (sweep_shard{k, n}.plays(r.index)) mine.push_back(r);
  return shard_file_text({k, n}, points, in, mine);
}

named_shard named(const std::string& name, const std::string& text) {
  auto f = parse_shard_file(text);
  BOOST_TEST_REQUIRE(f.has_value(), name << ": " << f.error());
  return {name, std::move(*f)};
}

std::string merge_error(const std::vector<named_shard>& shards) {
  auto r = merge_shards(shards);
  BOOST_TEST_REQUIRE(!r.has_value());
  return r.error();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  BOOST_TEST_REQUIRE(at != std::string::npos, from);
  return text.replace(at, from.size(), to);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sweep_merge)

BOOST_AUTO_TEST_CASE(a_shard_file_reads_back_as_written) {
  const auto f = parse_shard_file(shard_file_text({2, 3}, 10, inputs, grid()));
  BOOST_TEST_REQUIRE(f.has_value());
  BOOST_TEST(f->shard.k == 2u);
  BOOST_TEST(f->shard.n == 3u);
  BOOST_TEST(f->points == 10u);
  const auto rows = grid();
  BOOST_TEST_REQUIRE(f->rows.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    BOOST_TEST(f->rows[i].index == rows[i].index);
    BOOST_TEST(f->rows[i].label == rows[i].label);
    BOOST_TEST(f->rows[i].line == rows[i].line);
    BOOST_TEST(f->rows[i].result == rows[i].result);  // written back byte for byte
    BOOST_TEST(f->rows[i].sort_value == rows[i].sort_value);  // every bit of the double
    BOOST_TEST(f->rows[i].holdout_block.empty());
  }
  BOOST_TEST(shard_view(f->inputs, true).sort == "pnl");
  BOOST_TEST(!shard_view(f->inputs, true).holdout);
}

BOOST_AUTO_TEST_CASE(merged_shards_print_the_unsharded_output_byte_for_byte) {
  for (bool json : {false, true}) {
    const sweep_view view{"pnl", std::nullopt, json};
    const std::string unsharded = sweep_output(grid(), view);
    // Shards given in any order.
    auto rows = merge_shards({named("s3", shard_text(3, 4)), named("s1", shard_text(1, 4)),
                              named("s4", shard_text(4, 4)), named("s2", shard_text(2, 4))});
    BOOST_TEST_REQUIRE(rows.has_value());
    BOOST_TEST(rows->size() == 10u);
    BOOST_TEST(sweep_output(*rows, view) == unsharded);
  }
  // Ties in grid order: the three 2.5s are points 3, 5, 7.
  const std::string table = sweep_output(grid(), {"pnl", std::nullopt, false});
  BOOST_TEST(table.starts_with("buy_below=1.3  pnl 2.500000\nbuy_below=1.5  pnl 2.500000\nbuy_below=1.7  pnl"));
  const std::string json = sweep_output(grid(), {"pnl", std::nullopt, true});
  BOOST_TEST(json.starts_with(R"({"point": "buy_below=1.3", "strategy": "conservative", "pnl": "3", "note": "\u00e9\"x"})"
                              "\n"));
}

BOOST_AUTO_TEST_CASE(holdout_prints_the_best_points_block_once) {
  auto rows = grid();
  for (auto& r : rows) {
    r.holdout_block = "block of " + r.label + "\n";
    r.out_of_sample = R"({"pnl": "-1"})";
  }
  const std::string table = sweep_output(rows, {"pnl", "0.25", false});
  BOOST_TEST(table.ends_with("\nblock of buy_below=1.3\n"));
  const std::string json = sweep_output(rows, {"pnl", "0.25", true});
  BOOST_TEST(json.ends_with(R"({"type": "holdout", "point": "buy_below=1.3", "sort": "pnl", "fraction": "0.25", )"
                            R"("in_sample": {"strategy": "conservative", "pnl": "3", "note": "\u00e9\"x"}, )"
                            R"("out_of_sample": {"pnl": "-1"}})"
                            "\n"));
  BOOST_TEST(std::count(json.begin(), json.end(), '\n') == 11);
}

BOOST_AUTO_TEST_CASE(shards_of_different_sweeps_are_refused_naming_the_input) {
  const std::string other = replaced(inputs, R"("latency_ticks": "0")", R"("latency_ticks": "2")");
  BOOST_TEST(merge_error({named("a.json", shard_text(1, 2)), named("b.json", shard_text(2, 2, other))}) ==
             R"(b.json: not the same sweep as a.json: inputs.run.settings.latency_ticks is "2" here but "0" in a.json)");
  const std::string recordings = replaced(inputs, R"("bytes": 10)", R"("bytes": 11)");
  BOOST_TEST(merge_error({named("a.json", shard_text(1, 2)), named("b.json", shard_text(2, 2, recordings))}) ==
             "b.json: not the same sweep as a.json: inputs.recordings[0].bytes is 11 here but 10 in a.json");
  const std::string games = replaced(inputs, R"("ab12")", R"("cd34")");
  BOOST_TEST(merge_error({named("a.json", shard_text(1, 2)), named("b.json", shard_text(2, 2, games))}) ==
             R"(b.json: not the same sweep as a.json: inputs.games_digest is "cd34" here but "ab12" in a.json)");
  const std::string sweeps = replaced(inputs, R"(["buy_below=1:1.9:0.1"])", R"(["buy_below=1:1.9:0.1", "x=1:2:1"])");
  BOOST_TEST(merge_error({named("a.json", shard_text(1, 2)), named("b.json", shard_text(2, 2, sweeps))})
                 .starts_with("b.json: not the same sweep as a.json: inputs.sweeps is "));
  BOOST_TEST(merge_error({named("a.json", shard_text(1, 2)), named("b.json", shard_text(2, 3))}) ==
             "b.json: shard 2/3 of a grid of 10 points, but a.json is shard 1/2 of 10 points: not the same sweep");
}

BOOST_AUTO_TEST_CASE(missing_and_repeated_shards_are_refused) {
  BOOST_TEST(merge_error({named("a", shard_text(1, 4)), named("b", shard_text(2, 4)), named("d", shard_text(4, 4))}) ==
             "shard 3 of 4 missing (given: 1, 2, 4); merge needs every shard of the sweep");
  BOOST_TEST(merge_error({named("b", shard_text(2, 4))}) ==
             "shard 1, 3, 4 of 4 missing (given: 2); merge needs every shard of the sweep");
  BOOST_TEST(merge_error({named("a", shard_text(1, 2)), named("b", shard_text(2, 2)), named("c", shard_text(2, 2))}) ==
             "c: shard 2/2 again (b is that shard too); give each shard once");
  BOOST_TEST(merge_shards({named("only", shard_text(1, 1))})->size() == 10u);
}

BOOST_AUTO_TEST_CASE(edited_or_truncated_shards_are_refused) {
  std::vector<sweep_row> missing_one;
  for (const sweep_row& r : grid())
    if (r.index % 2 == 0 && r.index != 4) missing_one.push_back(r);
  BOOST_TEST(merge_error({named("a", shard_file_text({1, 2}, 10, inputs, missing_one)), named("b", shard_text(2, 2))}) ==
             "a: 4 points, but shard 1/2 of 10 has 5 (a truncated or edited file?)");
  auto foreign = missing_one;
  foreign.push_back(grid()[3]);
  BOOST_TEST(merge_error({named("a", shard_file_text({1, 2}, 10, inputs, foreign)), named("b", shard_text(2, 2))}) ==
             "a: point 3 is not shard 1/2's or is there twice (an edited file?)");
}

BOOST_AUTO_TEST_CASE(other_files_are_not_shard_files) {
  const std::string recording = R"({"type": "tick", "game_id": "x", "tick": 1})";
  BOOST_TEST(parse_shard_file(recording).error() ==
             "not a sweep shard file (backtest --sweep ... --shard K/N --out FILE writes them): no \"type\": "
             "\"replayer-sweep-shard\"");
  BOOST_TEST(parse_shard_file("not json").error().starts_with("not a sweep shard file (backtest --sweep ... --shard "
                                                              "K/N --out FILE writes them): not JSON at byte "));
  const std::string text = shard_text(1, 2);
  BOOST_TEST(parse_shard_file(text.substr(0, text.size() / 2)).error().find("not JSON") != std::string::npos);
  BOOST_TEST(parse_shard_file(replaced(text, R"("format": 1)", R"("format": 2)")).error().starts_with("\"format\" is not 1"));
  BOOST_TEST(parse_shard_file(replaced(text, R"("shard": 1)", R"("shard": 3)")).error() ==
             "\"shard\", \"shards\" and \"points\" must be counts with 1 <= shard <= shards");
  BOOST_TEST(parse_shard_file(replaced(text, R"("line": )", R"("lines": )")).error() == "results[0]: no \"line\" string");
}

BOOST_AUTO_TEST_SUITE_END()
