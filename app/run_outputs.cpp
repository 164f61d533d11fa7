#include "app/run_outputs.hpp"

#include "app/recording_paths.hpp"

#include "core/append_int.hpp"
#include "core/csv_field.hpp"

#include <ostream>

namespace replayer::app {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view equity_header = "game,tick,price,equity\n";

bool open_one(const std::string& path, std::optional<output_file>& out, const command_io& io) {
  if (path.empty()) return true;
  auto file = output_file::create(path);
  if (!file) {
    io.err << "replayer: " << file.error() << " (check the folder exists and is writable)\n";
    return false;
  }
  out.emplace(std::move(*file));
  return true;
}

bool close_one(std::optional<output_file>& out, const command_io& io) {
  if (!out) return true;
  const auto error = out->commit();
  out.reset();
  if (error) io.err << "replayer: " << *error << '\n';
  return !error;
}

// The same file: equivalent() follows symlinks and sees hard links.
bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  return fs::equivalent(a, b, ec) && !ec;
}

}  // namespace

std::optional<usage_error> outputs_overlap(const std::vector<std::pair<std::string, std::string>>& outputs,
                                           const std::vector<fs::path>& inputs) {
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const auto& [flag, path] = outputs[i];
    if (path.empty()) continue;
    for (const fs::path& input : inputs)
      if (same_file(path, input))
        return usage_error{flag + " " + path + ": is an input recording (" + input.string() +
                           "); write outputs to another path"};
    for (std::size_t j = 0; j < i; ++j)
      if (!outputs[j].second.empty() && (outputs[j].second == path || same_file(outputs[j].second, path)))
        return usage_error{flag + " " + path + ": is also the path of " + outputs[j].first + "; give each output its own path"};
  }
  return std::nullopt;
}

bool run_outputs::open(const std::string& trades_path, const std::string& equity_path, const command_io& io) {
  trades_csv_ = trades_path.ends_with(".csv");
  if (!trades_path.empty() && !trades_csv_ && !is_trade_log_file(trades_path)) {
    report_usage(io, usage_error{"--trades " + trades_path +
                                 ": name a trade log OUT.trades.jsonl (folder scans pass over those, so it is never "
                                 "read as a recording) or OUT.csv"});
    return false;
  }
  return open_one(trades_path, trades_, io) && open_one(equity_path, equity_, io);
}

bool run_outputs::open_report(const std::string& report_path, const command_io& io) {
  return open_one(report_path, report_, io);
}

trade_log::writer run_outputs::trades_writer() {
  if (!trades_) return {};
  if (trades_csv_) {
    trades_->write(trade_event_csv_header());
    trades_->write("\n");
    return [this](std::string_view game_id, const trade_event& e, std::string_view) {
      trades_->write(trade_event_csv(game_id, e));
      trades_->write("\n");
    };
  }
  return [this](std::string_view, const trade_event&, std::string_view line) { trades_->write(line); };
}

void run_outputs::equity_rows(const game_outcome& g) {
  if (!equity_header_) equity_->write(equity_header);
  equity_header_ = true;
  std::string id;
  append_csv_field(id, g.id);
  std::string row;
  for (const trace_point& p : g.trace) {
    row = id;
    row += ',';
    append_int(row, p.tick);
    row += ',';
    row += p.price.text();
    row += ',';
    row += p.equity.str();
    row += '\n';
    equity_->write(row);
  }
}

void run_outputs::write_report(const std::string& html) {
  if (report_) report_->write(html);
}

bool run_outputs::close(const command_io& io) {
  if (equity_ && !equity_header_) equity_->write(equity_header);
  const bool trades_ok = close_one(trades_, io);
  const bool equity_ok = close_one(equity_, io);
  return close_one(report_, io) && trades_ok && equity_ok;
}

}  // namespace replayer::app
