#include "app/recorder.hpp"

#include "core/concat.hpp"
#include "core/json_value.hpp"
#include "core/record.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace replayer::app {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view part_suffix = ".part";
// Room asked for before a tick is formatted: a tick line is about 250 bytes; the rare line with
// extra members may pass this, and the bound stays a bound.
constexpr std::size_t tick_line_room = 1024;

// A file descriptor that is closed on every path.
class file_descriptor {
public:
  file_descriptor() = default;
  explicit file_descriptor(int fd) : fd_(fd) {}
  file_descriptor(const file_descriptor&) = delete;
  file_descriptor& operator=(const file_descriptor&) = delete;
  file_descriptor& operator=(file_descriptor&& other) noexcept {
    reset();
    fd_ = std::exchange(other.fd_, -1);
    return *this;
  }
  ~file_descriptor() { reset(); }
  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  /// Closes now; false (errno set) when close reports a write error.
  bool reset() {
    const bool ok = fd_ < 0 || ::close(fd_) == 0;
    fd_ = -1;
    return ok;
  }

private:
  int fd_ = -1;
};

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::string os_error() { return std::strerror(errno); }

// A name not taken yet: NAME.jsonl, else NAME_2.jsonl, NAME_3.jsonl, ...
fs::path free_name(const fs::path& wanted) {
  std::error_code ec;
  if (!fs::exists(wanted, ec)) return wanted;
  const std::string stem = wanted.stem().string(), ext = wanted.extension().string();
  for (int n = 2;; ++n) {
    fs::path candidate = wanted.parent_path() / concat({stem, "_", std::to_string(n), ext});
    if (!fs::exists(candidate, ec)) return candidate;
  }
}

// Closes one .part file a crash left; returns the recording's name, or why it could not.
boost::system::result<std::string, std::string> recover(const fs::path& part) {
  std::ifstream in(part, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  if (!in && !in.eof()) return {boost::system::in_place_error, concat({part.string(), ": cannot read: ", os_error()})};
  const std::string text = content.str();
  record_decoder decoder;
  record first;
  std::string game_id = "unknown";
  if (auto decoded = decoder.decode(std::string_view(text).substr(0, text.find('\n')), first); decoded)
    game_id = std::string(first.game_id());
  const fs::path target = free_name(fs::path(part).replace_extension());  // drops ".part"
  std::ofstream out(target, std::ios::binary | std::ios::trunc);
  out << finalise_partial(text, game_id, format_timestamp(wall_clock_now()));
  out.close();
  if (!out) return {boost::system::in_place_error, concat({target.string(), ": cannot write: ", os_error()})};
  std::error_code ec;
  fs::remove(part, ec);
  return {boost::system::in_place_value, target.filename().string()};
}

}  // namespace

boost::system::result<std::unique_ptr<recorder>, std::string> recorder::open(settings s,
                                                                             std::vector<std::string>* recovered) {
  using result = boost::system::result<std::unique_ptr<recorder>, std::string>;
  std::error_code ec;
  fs::create_directories(s.dir, ec);
  if (ec || !fs::is_directory(s.dir))
    return result(boost::system::in_place_error,
                  concat({"--out ", s.dir.string(), ": cannot create the folder: ",
                          ec ? ec.message() : std::string("a file of that name exists")}));
  std::unique_ptr<recorder> r(new recorder(std::move(s)));
  for (const auto& entry : fs::directory_iterator(r->settings_.dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() <= part_suffix.size() || !name.ends_with(part_suffix)) continue;
    auto done = recover(entry.path());
    if (!done) return result(boost::system::in_place_error, done.error());
    ++r->stats_.recovered_files;
    if (recovered) recovered->push_back(*done);
  }
  r->writer_ = std::jthread([p = r.get()] { p->write_loop(); });
  return r;
}

recorder::recorder(settings s) : settings_(std::move(s)), queue_(settings_.queue_bytes) {}

recorder::~recorder() {
  queue_.close();  // the writer drains what is queued, then its thread is joined
}

std::optional<std::string> recorder::failure() const {
  std::lock_guard lock(failure_mutex_);
  return failure_;
}

void recorder::queue(item::kind what, std::string text, bool counts) {
  // Only tick lines count toward the bound: a game's own lines (open, game_start, game_end,
  // finish) always go through, so every file the recorder starts is a whole recording.
  const std::size_t bytes = counts ? text.size() : 0;
  queue_.try_push(item{what, std::move(text)}, bytes);
}

void recorder::begin_game(std::string_view game_id, timestamp at) {
  if (game_) end_game(game_status::incomplete, std::nullopt, at);
  if (failed_) return;
  game_.emplace(game_id, format_timestamp(at));
  queue(item::kind::open, recording_file_name(game_id, at, stats_.games + 1), false);
  line_.clear();
  game_->start_line(line_);
  queue(item::kind::data, line_, false);
  ++stats_.games;
}

void recorder::on_tick(const tick& t) {
  if (!game_ || failed_) return;
  if (!queue_.has_room(tick_line_room)) {
    game_->dropped(1);
    ++stats_.dropped_ticks;
    return;
  }
  line_.clear();
  game_->tick_line(t, line_);
  queue(item::kind::data, line_, true);
  ++stats_.ticks;
}

void recorder::end_game(game_status status, const std::optional<revealed_seed>& seed, timestamp at) {
  if (!game_) return;
  if (!failed_) {
    line_.clear();
    game_->end_line(format_timestamp(at), status, seed, line_);
    queue(item::kind::data, line_, false);
    queue(item::kind::finish, {}, false);
  }
  game_.reset();
}

void recorder::raw_event(std::string_view name, std::string_view payload_json, timestamp at) {
  if (!settings_.raw || failed_) return;
  const std::string when = format_timestamp(at);
  if (raw_name_.empty()) {
    // events_<YYYYMMDD>_<HHMMSS>.raw.jsonl, from the first event's time; folder scans for
    // recordings pass *.raw.jsonl files over.
    raw_name_ = "events_";
    for (char c : std::string_view(when).substr(0, 19))
      if (c >= '0' && c <= '9') raw_name_ += c;
      else if (c == 'T') raw_name_ += '_';
    raw_name_ += ".raw.jsonl";
  }
  std::string line = "{\"timestamp\": ";
  write_python_json_string(line, when);
  line += ", \"event_type\": ";
  write_python_json_string(line, name);
  line += ", \"data\": ";
  line += payload_json.empty() ? std::string_view("null") : payload_json;
  line += "}\n";
  const std::size_t bytes = line.size();
  if (!queue_.try_push(item{item::kind::raw, std::move(line)}, bytes)) {
    ++stats_.dropped_raw_events;
    return;
  }
  ++stats_.raw_events;
}

void recorder::close(timestamp at) {
  end_game(game_status::incomplete, std::nullopt, at);
  queue_.close();
  if (writer_.joinable()) writer_.join();
}

void recorder::write_loop() {
  file_descriptor file, raw;
  fs::path part, target, raw_path;
  auto last_sync = std::chrono::steady_clock::now();
  auto fail = [&](const fs::path& where) {
    std::lock_guard lock(failure_mutex_);
    if (!failure_) failure_ = concat({where.string(), ": ", os_error()});
    ++stats_.write_errors;
    failed_ = true;
  };
  while (auto it = queue_.pop()) {
    if (failed_) continue;  // recording has stopped; drain the queue
    switch (it->what) {
      case item::kind::open:
        target = free_name(settings_.dir / it->text);
        part = target;
        part += part_suffix;
        file = file_descriptor(::open(part.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        if (!file) fail(part);
        break;
      case item::kind::data:
        if (!write_all(file.get(), it->text)) {
          fail(part);
          break;
        }
        stats_.bytes += it->text.size();
        if (std::chrono::steady_clock::now() - last_sync >= settings_.sync_interval) {
          if (::fdatasync(file.get()) != 0) fail(part);
          last_sync = std::chrono::steady_clock::now();
        }
        break;
      case item::kind::raw:
        if (!raw) {
          raw_path = free_name(settings_.dir / raw_name_);
          raw = file_descriptor(::open(raw_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
          if (!raw) {
            fail(raw_path);
            break;
          }
        }
        if (!write_all(raw.get(), it->text)) fail(raw_path);
        stats_.bytes += it->text.size();
        break;
      case item::kind::finish:
        if (::fdatasync(file.get()) != 0 || !file.reset()) {
          fail(part);
          break;
        }
        if (::rename(part.c_str(), target.c_str()) != 0) {
          fail(target);
          break;
        }
        ++stats_.files;
        break;
    }
  }
  if (raw && !failed_ && ::fdatasync(raw.get()) != 0) fail(raw_path);
}

}  // namespace replayer::app
