#include "core/fair/game_simulator.hpp"

#include "core/append_int.hpp"
#include "core/fair/python_float.hpp"
#include "core/fair/sha256.hpp"
#include "core/json_value.hpp"
#include "core/record.hpp"
#include "core/tick.hpp"

#include <algorithm>
#include <charconv>

namespace replayer {
namespace {

using namespace std::chrono;

constexpr std::int64_t cooldown_first = 15000, cooldown_last = 10100;
constexpr std::int64_t presale_first = 10000, presale_last = 100;

// Writes `v` as `width` digits (zero padded) at `p`.
void put_digits(char* p, std::uint64_t v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
}

// "2025-01-01T00:00:02.250000" (26 characters, the recorder's layout); years 0..9999.
std::string_view format_time(timestamp t, char (&buf)[32]) {
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const auto micros = static_cast<std::uint64_t>((t - day).count());
  put_digits(buf, static_cast<std::uint64_t>(static_cast<int>(ymd.year())), 4);
  buf[4] = '-';
  put_digits(buf + 5, unsigned(ymd.month()), 2);
  buf[7] = '-';
  put_digits(buf + 8, unsigned(ymd.day()), 2);
  buf[10] = 'T';
  put_digits(buf + 11, micros / 3'600'000'000u, 2);
  buf[13] = ':';
  put_digits(buf + 14, micros / 60'000'000u % 60, 2);
  buf[16] = ':';
  put_digits(buf + 17, micros / 1'000'000u % 60, 2);
  buf[19] = '.';
  put_digits(buf + 20, micros % 1'000'000u, 6);
  return {buf, 26};
}

// The n-th of `count` timer values spaced evenly from `first` down to `last`, in whole 100 ms.
std::int64_t timer_value(std::int64_t first, std::int64_t last, int n, int count) {
  if (count <= 1) return first;
  const std::int64_t steps = (first - last) / 100;                               // 100 ms steps in all
  const std::int64_t k = (2 * steps * n + (count - 1)) / (2 * (count - 1));      // round(steps * n / (count - 1))
  return first - 100 * k;
}

// u in [0, 1) from the first 13 hex digits (52 bits) of a hex digest.
double unit_from_hex(std::string_view hex) {
  std::uint64_t v = 0;
  std::from_chars(hex.data(), hex.data() + 13, v, 16);
  return static_cast<double>(v) / static_cast<double>(std::uint64_t{1} << 52);
}

}  // namespace

game_simulator::game_simulator(simulation_settings settings)
    : settings_(std::move(settings)), clock_(settings_.start) {}

void game_simulator::next(simulated_game& game) {
  game.number = ++number_;
  game.version = settings_.version;
  game.start = clock_;

  std::string key = settings_.seed;
  key += ':';
  append_int(key, game.number);
  game.server_seed = sha256_hex(key);
  game.server_seed_hash = sha256_hex(game.server_seed);

  const auto day = floor<days>(game.start);
  const year_month_day ymd{day};
  char date[8];
  put_digits(date, static_cast<std::uint64_t>(static_cast<int>(ymd.year())), 4);
  put_digits(date + 4, unsigned(ymd.month()), 2);
  put_digits(date + 6, unsigned(ymd.day()), 2);
  key = settings_.seed;
  key += ":id:";
  append_int(key, game.number);
  game.id.assign(date, sizeof date);
  game.id += '-';
  game.id += std::string_view(sha256_hex(key)).substr(0, 16);

  generate_price_path(game.server_seed, game.id, game.version, game.path);
  // Like the server's: at most 0.02, and at most 0.02 times the last price.
  const double factor = 0.002 + 0.018 * unit_from_hex(game.server_seed_hash);
  game.rug_price = factor * std::min(1.0, game.path.back());

  // Lines: cooldown and presale every 100 ms, then path.size() ticks and two rug lines every
  // 250 ms; the next game starts 250 ms after the last line.
  const auto lines = settings_.cooldown_lines + settings_.presale_lines;
  clock_ = game.start + line_step * lines + tick_step * static_cast<std::int64_t>(game.path.size() + 2);
}

bool game_simulator::append_recording(std::string& out, const simulated_game& game) const {
  char time_buf[32];
  std::string number;
  tick t;
  t.game_id = *inline_text<tick::max_game_id>::from(std::string_view(game.id).substr(0, tick::max_game_id));
  auto set_time = [&](timestamp when) {
    t.time = when;
    t.timestamp_text = *inline_text<tick::max_timestamp>::from(format_time(when, time_buf));
  };
  auto line = [&] {
    encode_tick(out, t);
    out += '\n';
  };
  auto set_price = [&](double value) {
    number.clear();
    append_python_float(number, value);
    const auto p = price::parse(number);
    if (!p) return false;
    t.price = *p;
    return true;
  };

  timestamp when = game.start;
  out += "{\"type\": \"game_start\", \"timestamp\": \"";
  out += format_time(when, time_buf);
  out += "\", \"game_id\": ";
  write_python_json_string(out, game.id);
  out += "}\n";

  // Cooldown, then presale: tick 0, price 1.0, waiting for the round.
  t.index = 0;
  t.price = price::one();
  t.active = false;
  t.rugged = false;
  t.trade_count = 0;
  t.phase = phase::unknown;
  for (int k = 0; k < settings_.cooldown_lines; ++k, when += line_step) {
    set_time(when);
    t.cooldown_ms = timer_value(cooldown_first, cooldown_last, k, settings_.cooldown_lines);
    line();
  }
  t.phase = phase::presale;
  for (int k = 0; k < settings_.presale_lines; ++k, when += line_step) {
    set_time(when);
    t.cooldown_ms = timer_value(presale_first, presale_last, k, settings_.presale_lines);
    line();
  }

  // The game: tick 0 activates it, then one tick per price of the path.
  t.cooldown_ms = 0;
  t.active = true;
  double low = 1.0, high = 1.0;
  for (std::size_t k = 0; k < game.path.size(); ++k, when += tick_step) {
    set_time(when);
    t.index = static_cast<std::int64_t>(k);
    t.phase = k == 0 ? phase::game_activation : phase::active_gameplay;
    if (!set_price(game.path[k])) return false;
    low = std::min(low, game.path[k]);
    high = std::max(high, game.path[k]);
    line();
  }

  // The rug: the first rugged frame at tick path.size(), then RUG_EVENT_1 one tick later.
  if (!set_price(game.rug_price)) return false;
  low = std::min(low, game.rug_price);
  t.rugged = true;
  t.index = static_cast<std::int64_t>(game.path.size());
  t.phase = phase::active_gameplay;
  set_time(when);
  line();
  when += tick_step;
  ++t.index;
  t.phase = phase::rug_event_1;
  set_time(when);
  line();

  const auto tick_lines = static_cast<std::uint64_t>(settings_.cooldown_lines + settings_.presale_lines) +
                          game.path.size() + 2;
  out += "{\"type\": \"game_end\", \"timestamp\": \"";
  out += format_time(when, time_buf);
  out += "\", \"game_id\": ";
  write_python_json_string(out, game.id);
  out += ", \"total_ticks\": ";
  append_int(out, tick_lines);
  out += ", \"tick_range\": [0, ";
  append_int(out, static_cast<std::uint64_t>(t.index));
  out += "], \"price_range\": [";
  append_python_float(out, low);
  out += ", ";
  append_python_float(out, high);
  out += "], \"peak_price\": ";
  append_python_float(out, high);
  out += ", \"final_price\": ";
  append_python_float(out, game.rug_price);
  out += "}\n";
  return true;
}

void game_simulator::append_revealed(std::string& out, const simulated_game& game) {
  out += "{\"id\": ";
  write_python_json_string(out, game.id);
  out += ", \"serverSeed\": ";
  write_python_json_string(out, game.server_seed);
  out += ", \"serverSeedHash\": ";
  write_python_json_string(out, game.server_seed_hash);
  out += ", \"version\": \"";
  out += fair_version_name(game.version);
  out += "\", \"prices\": [";
  double peak = 0;
  for (double p : game.path) {
    append_python_float(out, p);
    out += ", ";
    peak = std::max(peak, p);
  }
  append_python_float(out, game.rug_price);
  out += ']';
  out += ", \"peakMultiplier\": ";
  append_python_float(out, peak);
  out += "}\n";
}

}  // namespace replayer
