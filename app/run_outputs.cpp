#include "app/run_outputs.hpp"

#include "core/csv_field.hpp"

#include <ostream>

namespace replayer::app {
namespace {

bool cannot_write(const std::string& path, const command_io& io) {
  io.err << "replayer: cannot write " << path << " (check the folder exists and is writable)\n";
  return false;
}

bool open_one(const std::string& path, std::ofstream& out, const command_io& io) {
  if (path.empty()) return true;
  out.open(path, std::ios::binary | std::ios::trunc);
  return out.is_open() || cannot_write(path, io);
}

bool close_one(const std::string& path, std::ofstream& out, const command_io& io) {
  if (!out.is_open()) return true;
  out.close();
  return !out.fail() || cannot_write(path, io);
}

constexpr std::string_view equity_header = "game,tick,price,equity\n";

}  // namespace

bool run_outputs::open(const std::string& trades_path, const std::string& equity_path, const command_io& io) {
  trades_path_ = trades_path;
  equity_path_ = equity_path;
  return open_one(trades_path_, trades_, io) && open_one(equity_path_, equity_, io);
}

trade_log::writer run_outputs::trades_writer() {
  if (!trades_.is_open()) return {};
  if (trades_path_.ends_with(".csv")) {
    trades_ << trade_event_csv_header() << '\n';
    return [this](std::string_view game_id, const trade_event& e, std::string_view) {
      trades_ << trade_event_csv(game_id, e) << '\n';
    };
  }
  return [this](std::string_view, const trade_event&, std::string_view line) { trades_ << line; };
}

void run_outputs::equity_rows(const game_outcome& g) {
  if (!equity_header_) equity_ << equity_header;
  equity_header_ = true;
  std::string id;
  append_csv_field(id, g.id);
  for (const trace_point& p : g.trace)
    equity_ << id << ',' << p.tick << ',' << p.price.text() << ',' << p.equity.str() << '\n';
}

bool run_outputs::close(const command_io& io) {
  if (equity_.is_open() && !equity_header_) equity_ << equity_header;
  return close_one(trades_path_, trades_, io) && close_one(equity_path_, equity_, io);
}

bool write_file(const std::string& path, const std::string& text, const command_io& io) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  return !out.fail() || cannot_write(path, io);
}

}  // namespace replayer::app
