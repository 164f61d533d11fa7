#include "app/game_report.hpp"

#include "app/printable_text.hpp"
#include "core/json_writer.hpp"

#include <cstdio>
#include <filesystem>

namespace replayer::app {
namespace {

std::string duration_text(std::chrono::microseconds d) {
  char buf[32];
  const double seconds = static_cast<double>(d.count()) / 1e6;
  if (seconds >= 60)
    std::snprintf(buf, sizeof buf, "%dm%04.1fs", static_cast<int>(seconds / 60), seconds - 60 * static_cast<int>(seconds / 60));
  else
    std::snprintf(buf, sizeof buf, "%.1fs", seconds);
  return buf;
}

}  // namespace

void replay_totals::add(const game_facts& f) {
  ++games;
  ticks += f.ticks;
  phase_anomalies += f.phase_anomalies;
  if (!f.complete()) ++incomplete_games;
}

std::string game_problems(const game& g, const game_facts& f) {
  std::string problems;
  auto note = [&](const std::string& p) { problems += (problems.empty() ? "" : "; ") + p; };
  if (!f.complete()) note("no rug (incomplete)");
  if (f.started_mid_game) note("started mid-game");
  if (g.bad_lines) note(std::to_string(g.bad_lines) + " bad lines");
  if (f.gaps) note(std::to_string(f.gaps) + " gaps (" + std::to_string(f.missing_ticks) + " price ticks missing)");
  if (f.phase_anomalies) {
    note(std::to_string(f.phase_anomalies) + " phase anomalies, first " + f.listed_anomalies.front().describe());
  }
  return problems;
}

std::string game_text_line(const game& g, const game_facts& f) {
  std::string line = std::filesystem::path(g.file).filename().string() + "  " + g.id + "  " +
                     std::to_string(f.ticks) + " tick lines (ticks " + std::to_string(f.first_tick) + ".." +
                     std::to_string(f.last_tick) + ")  peak " + std::string(f.peak ? f.peak->text() : "-") +
                     "  rug " + (f.rug_tick ? std::to_string(*f.rug_tick) : std::string("-")) + "  " +
                     duration_text(f.duration);
  const std::string problems = game_problems(g, f);
  return printable(line + "  " + (problems.empty() ? "ok" : problems));
}

std::string game_json_line(const game& g, const game_facts& f) {
  json_object_writer phases;
  for (std::size_t i = 0; i < phase_count; ++i)
    phases.integer(phase_name(static_cast<phase>(i)), static_cast<std::int64_t>(f.ticks_per_phase[i]));
  json_object_writer w;
  w.string("type", "game").string("file", g.file).string("game_id", g.id).integer("tick_lines", static_cast<std::int64_t>(f.ticks));
  w.integer("first_tick", f.first_tick).integer("last_tick", f.last_tick);
  if (f.peak) w.string("peak", f.peak->text()); else w.null("peak");
  w.optional_integer("rug_tick", f.rug_tick);
  if (f.rug_price) w.string("rug_price", f.rug_price->text()); else w.null("rug_price");
  w.integer("duration_ms", f.duration.count() / 1000);
  w.integer("bad_lines", static_cast<std::int64_t>(g.bad_lines));
  w.integer("phase_anomalies", static_cast<std::int64_t>(f.phase_anomalies));
  w.integer("gaps", static_cast<std::int64_t>(f.gaps)).integer("missing_price_ticks", f.missing_ticks);
  w.boolean("complete", f.complete()).boolean("started_mid_game", f.started_mid_game);
  w.raw("phases", phases.finish());
  return w.finish();
}

std::string totals_text(const replay_totals& t) {
  return std::string(t.interrupted ? "interrupted after " : "replayed ") + std::to_string(t.files) + " files, " +
         std::to_string(t.games) + " games, " + std::to_string(t.ticks) + " tick lines; " + std::to_string(t.bad_lines) +
         " bad lines, " + std::to_string(t.phase_anomalies) + " phase anomalies, " +
         std::to_string(t.incomplete_games) + " incomplete games" +
         (t.skipped ? "; " + std::to_string(t.skipped) + " entries skipped" : std::string());
}

std::string totals_json(const replay_totals& t) {
  json_object_writer w;
  w.string("type", "summary");
  w.integer("files", static_cast<std::int64_t>(t.files)).integer("games", static_cast<std::int64_t>(t.games));
  w.integer("tick_lines", static_cast<std::int64_t>(t.ticks)).integer("bad_lines", static_cast<std::int64_t>(t.bad_lines));
  w.integer("phase_anomalies", static_cast<std::int64_t>(t.phase_anomalies));
  w.integer("incomplete_games", static_cast<std::int64_t>(t.incomplete_games));
  if (t.skipped) w.integer("skipped", static_cast<std::int64_t>(t.skipped));
  w.boolean("interrupted", t.interrupted);
  return w.finish();
}

}  // namespace replayer::app
