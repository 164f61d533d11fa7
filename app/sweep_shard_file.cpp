#include "app/sweep_shard_file.hpp"

#include "core/json_flat.hpp"
#include "core/json_writer.hpp"

#include <charconv>
#include <optional>

namespace replayer::app {
namespace {

constexpr std::string_view file_type = "replayer-sweep-shard";
constexpr int file_format = 1;

using parsed = boost::system::result<shard_file, std::string>;

parsed fail(std::string why) { return {boost::system::in_place_error, std::move(why)}; }

std::string shortest(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

const json_value* member(const json_value& v, std::string_view key, json_kind kind) {
  const json_value* m = v.kind == json_kind::object ? v.find(key) : nullptr;
  return m && m->kind == kind ? m : nullptr;
}

std::optional<std::size_t> count(const json_value& v, std::string_view key) {
  const json_value* m = member(v, key, json_kind::number);
  std::size_t n = 0;
  if (!m) return std::nullopt;
  const auto [end, ec] = std::from_chars(m->text.data(), m->text.data() + m->text.size(), n);
  if (ec != std::errc{} || end != m->text.data() + m->text.size()) return std::nullopt;
  return n;
}

std::string json_text(const json_value& v) {
  std::string out;
  write_python_json(out, v);
  return out;
}

// One element of "results"; the error names what is missing.
boost::system::result<sweep_row, std::string> parse_row(const json_value& v, std::size_t i) {
  const std::string where = "results[" + std::to_string(i) + "]";
  auto missing = [&](std::string_view what) {
    return boost::system::result<sweep_row, std::string>(boost::system::in_place_error,
                                                         where + ": no " + std::string(what));
  };
  sweep_row r;
  const auto index = count(v, "point");
  if (!index) return missing("\"point\" (the point's place in the grid)");
  r.index = *index;
  const json_value* label = member(v, "label", json_kind::string);
  const json_value* sort_value = member(v, "sort_value", json_kind::string);
  const json_value* line = member(v, "line", json_kind::string);
  const json_value* result = member(v, "result", json_kind::object);
  if (!label) return missing("\"label\" string");
  if (!line) return missing("\"line\" string");
  if (!result) return missing("\"result\" object");
  const char* end = sort_value ? sort_value->text.data() + sort_value->text.size() : nullptr;
  if (!sort_value || std::from_chars(sort_value->text.data(), end, r.sort_value).ptr != end)
    return missing("\"sort_value\" number text");
  r.label = label->text;
  r.line = line->text;
  r.result = json_text(*result);
  if (const json_value* block = member(v, "holdout_block", json_kind::string)) r.holdout_block = block->text;
  if (const json_value* oos = member(v, "out_of_sample", json_kind::object)) r.out_of_sample = json_text(*oos);
  return r;
}

}  // namespace

std::string shard_file_text(const sweep_shard& shard, std::size_t points, const std::string& inputs,
                            const std::vector<sweep_row>& rows) {
  json_object_writer head;
  head.string("type", file_type).integer("format", file_format);
  head.integer("shard", static_cast<std::int64_t>(shard.k)).integer("shards", static_cast<std::int64_t>(shard.n));
  head.integer("points", static_cast<std::int64_t>(points)).raw("inputs", inputs);
  std::string text = head.finish();
  text.pop_back();
  text += ", \"results\": [";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const sweep_row& r = rows[i];
    json_object_writer w;
    w.integer("point", static_cast<std::int64_t>(r.index)).string("label", r.label);
    w.string("sort_value", shortest(r.sort_value)).string("line", r.line).raw("result", r.result);
    if (r.holdout_block.empty()) w.null("holdout_block"); else w.string("holdout_block", r.holdout_block);
    if (r.out_of_sample.empty()) w.null("out_of_sample"); else w.raw("out_of_sample", r.out_of_sample);
    text += (i ? ",\n" : "\n") + w.finish();
  }
  text += "\n]}\n";
  return text;
}

parsed parse_shard_file(std::string_view text) {
  const std::string not_one = "not a sweep shard file (backtest --sweep ... --shard K/N --out FILE writes them)";
  json_flat_parser parser;
  if (auto ec = parser.parse(text))
    return fail(not_one + ": not JSON at byte " + std::to_string(parser.error_offset()) + " (" + ec.message() + ")");
  const json_value root = to_json_value(parser.nodes());
  const json_value* type = member(root, "type", json_kind::string);
  if (!type || type->text != file_type) return fail(not_one + ": no \"type\": \"replayer-sweep-shard\"");
  if (count(root, "format") != std::size_t{file_format})
    return fail("\"format\" is not " + std::to_string(file_format) + ", the shard format this replayer reads; "
                "run the shards and the merge with the same replayer");
  shard_file f;
  const auto k = count(root, "shard"), n = count(root, "shards"), points = count(root, "points");
  if (!k || !n || !points || *k == 0 || *k > *n)
    return fail("\"shard\", \"shards\" and \"points\" must be counts with 1 <= shard <= shards");
  f.shard = {*k, *n};
  f.points = *points;
  const json_value* inputs = member(root, "inputs", json_kind::object);
  const json_value* results = member(root, "results", json_kind::array);
  if (!inputs || !results) return fail("no \"inputs\" object or no \"results\" array");
  f.inputs = *inputs;
  for (std::size_t i = 0; i < results->items.size(); ++i) {
    auto row = parse_row(results->items[i], i);
    if (!row) return fail(row.error());
    f.rows.push_back(std::move(*row));
  }
  return f;
}

sweep_view shard_view(const json_value& inputs, bool json) {
  sweep_view view;
  if (const json_value* sort = member(inputs, "sort", json_kind::string)) view.sort = sort->text;
  if (const json_value* holdout = member(inputs, "holdout", json_kind::string)) view.holdout = holdout->text;
  view.json = json;
  return view;
}

}  // namespace replayer::app
