// `replayer record` and `replayer live`: the live feed (net/feed_client) on the root coroutine,
// through the live pipeline to the recorder and to the trading session, the same session as
// `backtest` with the paper executor. Both run until SIGINT / SIGTERM, then close the game in
// progress (incomplete), close their files, print what they did, and exit 0.
#include "app/backtest_report.hpp"
#include "app/browser_options.hpp"
#include "app/command.hpp"
#include "app/dashboard.hpp"
#include "app/live_dashboard.hpp"
#include "app/live_pipeline.hpp"
#include "app/logging.hpp"
#include "app/root.hpp"
#include "app/run_outputs.hpp"
#include "app/strategy_source.hpp"
#include "core/concat.hpp"
#include "core/feed/fake_feed.hpp"
#include "core/line_source.hpp"
#include "core/socketio/request_target.hpp"
#include "core/trading/paper_executor.hpp"
#include "net/asio_aliases.hpp"
#include "net/cancellation.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>

#include <algorithm>
#include <ostream>

namespace replayer::app {
namespace {

namespace asio = boost::asio;

struct feed_options {
  std::string url = std::string(default_feed_url);
  bool insecure = false;
};

void add_feed_options(CLI::App* sub, feed_options& o) {
  with_env(sub->add_option("--url", o.url, "The live server (ws://, wss://, http:// or https://)")->capture_default_str());
  sub->add_flag("--insecure", o.insecure, "Do not verify the server's TLS certificate (testing only)");
}

std::optional<net::feed_client_options> client_options(const feed_options& o, const command_io& io) {
  auto url = parse_feed_url(o.url);
  if (!url) {
    report_usage(io, usage_error{url.error()});
    return std::nullopt;
  }
  if (auto target = socketio::socketio_request_target(url->path_and_query); !target) {
    report_usage(io, usage_error{concat({"--url '", o.url, "': ", target.error().reason})});
    return std::nullopt;
  }
  if (o.insecure) log_warning("--insecure: the server's certificate is not checked");
  net::feed_client_options c;
  c.url = *url;
  c.insecure = o.insecure;
  c.backoff.seed = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  return c;
}

std::unique_ptr<recorder> open_recorder(const std::string& dir, bool raw, const command_io& io) {
  std::vector<std::string> recovered;
  recorder::settings settings;
  settings.dir = dir;
  settings.raw = raw;
  auto r = recorder::open(settings, &recovered);
  if (!r) {
    report_usage(io, usage_error{r.error()});
    return nullptr;
  }
  for (const auto& name : recovered) log_warning(concat({dir, "/", name, ": left by a crash; closed as incomplete"}));
  return std::move(*r);
}

std::string feed_report(const live_pipeline& p, const recorder* r) {
  const auto& t = p.ticks();
  std::string out = concat({"feed: ", std::to_string(p.metrics().connects), " connections, ",
                            std::to_string(p.metrics().reconnects), " disconnects, ", std::to_string(t.updates),
                            " updates, ", std::to_string(t.ticks), " ticks (", std::to_string(t.backfilled_ticks),
                            " backfilled), ", std::to_string(t.gaps), " gaps (", std::to_string(t.missing_ticks),
                            " ticks lost), ", std::to_string(t.duplicates + t.out_of_order + t.repeats_in_play),
                            " updates dropped, ", std::to_string(t.phase_anomalies), " phase anomalies, ",
                            std::to_string(p.metrics().frames_refused + p.metrics().payloads_refused), " refused\n"});
  if (r) {
    const auto& s = r->stats();
    out += concat({"recorder: ", std::to_string(s.files.load()), " files, ", std::to_string(s.ticks.load()), " ticks, ",
                   std::to_string(s.bytes.load()), " bytes, ", std::to_string(s.dropped_ticks.load()),
                   " ticks dropped, ", std::to_string(s.write_errors.load()), " write errors\n"});
  }
  return out;
}

// ---- record ---------------------------------------------------------------------------------

struct record_options {
  feed_options feed;
  std::string out;
  bool raw = false;
  std::string from_raw;
  http_flags http;
};

// The feed, and with --http the dashboard beside it, until the run is stopped.
asio::awaitable<void> run_feed_and_dashboard(const net::feed_client_options& client, live_pipeline& pipeline,
                                             dashboard_server* server) {
  using namespace asio::experimental::awaitable_operators;
  if (!server) {
    co_await net::run_feed(client, pipeline);
  } else {
    co_await (net::branch(net::run_feed(client, pipeline)) || net::branch(server->run()));
  }
}

// Opens the --http dashboard (none without the flag) and says where it is.
boost::system::result<std::unique_ptr<dashboard_server>, usage_error> open_dashboard(const http_flags& flags,
                                                                                     asio::any_io_executor ex,
                                                                                     live_dashboard& source,
                                                                                     const command_io& io) {
  if (flags.listen.empty()) return std::unique_ptr<dashboard_server>();
  auto server = dashboard_server::open(flags, ex, source);
  if (server) {
    source.watch_pipeline();
    io.err << "dashboard: " << (*server)->url() << '\n';
    io.err.flush();
  }
  return server;
}

// `record --from-raw FILE`: the events of a raw file through the same pipeline, with the times
// they were received. A line that is not an event is reported and skipped.
int rebuild_from_raw(const record_options& opts, const command_io& io) {
  auto lines = file_lines::open(opts.from_raw);
  if (!lines) return report_usage(io, usage_error{concat({"--from-raw ", opts.from_raw, ": cannot read: ", lines.error().message()})});
  auto rec = open_recorder(opts.out, false, io);
  if (!rec) return exit_usage;
  live_pipeline pipeline(nullptr, {}, rec.get());
  std::size_t skipped = 0;
  timestamp last{};
  while (auto line = lines->next()) {
    if (line->text.empty()) continue;
    const auto at = capture_line_time(line->text);
    auto e = at ? parse_capture_line(line->text, *at)
                : boost::system::result<scripted_event, std::string>(boost::system::in_place_error, "no readable timestamp");
    if (!e) {
      if (++skipped <= 20) log_warning(concat({opts.from_raw, ":", std::to_string(line->number), ": ", e.error(), "; skipped"}));
      continue;
    }
    last = *at;
    socketio::event event;
    event.name = e->name;
    event.payload_json = e->payload;
    event.arguments_json = e->payload;
    event.argument_count = 1;
    pipeline.on_event(event, *at);
  }
  pipeline.finish(last);
  rec->close(last);
  io.err << feed_report(pipeline, rec.get());
  if (skipped) io.err << "replayer: " << opts.from_raw << ": " << skipped << " lines were not events and were skipped\n";
  if (auto failure = rec->failure()) {
    io.err << "replayer: recording stopped: " << *failure << '\n';
    return exit_problems_found;
  }
  return exit_ok;
}

asio::awaitable<int> record_main(const record_options& opts, net::feed_client_options client, std::unique_ptr<recorder> rec,
                                 const command_io& io) {
  live_pipeline pipeline(nullptr, {}, rec.get());
  const trading_settings no_trading;
  live_dashboard board(pipeline, rec.get(), false, {}, no_trading, nullptr);
  auto server = open_dashboard(opts.http, co_await asio::this_coro::executor, board, io);
  if (!server) co_return report_usage(io, server.error());
  co_await run_feed_and_dashboard(client, pipeline, server->get());
  pipeline.finish(wall_clock_now());
  rec->close(wall_clock_now());
  io.err << feed_report(pipeline, rec.get());
  if (auto failure = rec->failure()) {
    io.err << "replayer: recording stopped: " << *failure << '\n';
    co_return exit_problems_found;
  }
  co_return exit_ok;
}

int run_record(const record_options& opts, const command_io& io) {
  if (!opts.from_raw.empty()) return rebuild_from_raw(opts, io);
  auto client = client_options(opts.feed, io);
  if (!client) return exit_usage;
  auto rec = open_recorder(opts.out, opts.raw, io);
  if (!rec) return exit_usage;
  return run_root([&] { return record_main(opts, *client, std::move(rec), io); }, true);
}

// ---- live -----------------------------------------------------------------------------------

struct live_options {
  feed_options feed;
  std::string strategy;
  std::vector<std::string> sets;
  std::string wallet;
  std::string record_dir;
  std::string trades_path;
  bool json = false;
  std::string execute = "paper";
  browser_flags browser;
  http_flags http;
};

// Prints every event as the session makes it.
class event_printer final : public trade_sink {
public:
  event_printer(std::ostream& out, bool json) : out_(out), json_(json) {}
  void on_event(std::string_view game_id, const trade_event& e) override {
    if (json_) {
      out_ << trade_event_json(game_id, e) << '\n';
    } else {
      out_ << "game " << game_id << " tick " << e.tick << ": " << event_kind_name(e.kind);
      if (e.reason) out_ << " (" << reject_reason_name(*e.reason) << ')';
      out_ << ' ' << e.amount.str() << " at " << e.price.str() << ", balance " << e.balance.str() << '\n';
    }
    out_.flush();
  }

private:
  std::ostream& out_;
  bool json_;
};

// The browser link of `live --execute browser`: the game's tab opened, traded in until Chrome
// or the tab goes away, then opened again after a backoff, until the run is stopped. While it is
// down, the trader decides on paper and says so.
asio::awaitable<void> run_browser_link(browser::browser_trader& trader, const browser_setup& setup) {
  using namespace asio::experimental::awaitable_operators;
  co_await asio::this_coro::throw_if_cancelled(false);
  reconnect_backoff::settings backoff_settings;
  backoff_settings.seed = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  reconnect_backoff backoff(backoff_settings);
  asio::steady_timer pause(co_await asio::this_coro::executor);
  for (;;) {
    const auto opened = std::chrono::steady_clock::now();
    std::string cause;
    if (auto tab = co_await browser::open_game_tab(setup.tab); !tab) {
      cause = tab.error();
    } else {
      auto trade = [&]() -> asio::awaitable<void> {
        if (auto attached = co_await browser::attach_game_page(*tab, setup.tab); !attached) {
          cause = attached.error();
          co_return;
        }
        log_info(concat({"browser: trading in ", tab->page.target.url, " (", tab->browser, ")"}));
        cause = co_await trader.run(*tab->client, tab->page);
      };
      co_await (net::branch(tab->client->run()) || net::branch(trade()));
      co_await browser::close_game_tab(*tab);
    }
    if ((co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none) co_return;
    const auto delay = backoff.next_delay(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - opened));
    log_warning(concat({"browser: ", cause, "; orders are decided on paper; trying again in ", std::to_string(delay.count()),
                        " ms"}));
    pause.expires_after(delay);
    co_await pause.async_wait(net::as_result);
  }
}

// "; decision to confirmed fill p50 41.2 ms, p99 88.0 ms (19 orders)", or "" without any.
std::string latency_text(const std::deque<std::chrono::microseconds>& samples) {
  if (samples.empty()) return {};
  std::vector<std::chrono::microseconds> sorted(samples.begin(), samples.end());
  std::sort(sorted.begin(), sorted.end());
  const auto at = [&](double q) {
    return fixed(static_cast<double>(sorted[static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1))].count()) / 1000.0, 1);
  };
  return concat({"; decision to confirmed fill p50 ", at(0.5), " ms, p99 ", at(0.99), " ms (", std::to_string(sorted.size()),
                 " orders)"});
}

std::string browser_report(const browser::browser_trader& t) {
  const auto& s = t.stats();
  return concat({"browser: ", std::to_string(s.orders), " orders, ", std::to_string(s.clicked), " clicked, ",
                 std::to_string(s.confirmed), " confirmed, ", std::to_string(s.timed_out), " not confirmed, ",
                 std::to_string(s.click_failures), " click failures, ", std::to_string(t.gate().held_orders()), " held, ",
                 std::to_string(t.gate().paper_orders()), " on paper, ", std::to_string(s.drifts), " drifts, ",
                 std::to_string(s.adoptions), " adoptions of the server's account", latency_text(s.decision_to_fill), "\n"});
}

asio::awaitable<int> live_main(const live_options& opts, net::feed_client_options client, rule_strategy strategy,
                               trading_settings settings, std::optional<browser_setup> browser_mode,
                               std::unique_ptr<recorder> rec, const command_io& io) {
  using namespace asio::experimental::awaitable_operators;
  run_outputs outputs;
  if (!outputs.open(opts.trades_path, {}, io)) co_return exit_usage;
  backtest_run run(settings, [&] { return std::make_unique<rule_strategy>(strategy); },
                   {false, false, outputs.trades_writer(), {}});
  event_printer printer(io.out, opts.json);
  std::unique_ptr<browser::browser_trader> trader;
  if (browser_mode) {
    trader = std::make_unique<browser::browser_trader>(browser_mode->table, browser_mode->trading);
    trader->log = [](const std::string& line) { log_warning(concat({"browser: ", line})); };
  }
  // A session wallet: one session for the whole run; per-game wallets: a fresh one per game.
  // Trade events go to the dashboard (with --http), which passes them on to the printer.
  std::unique_ptr<session> current;
  trade_sink* sink = &printer;
  auto trading = [&](std::string_view) -> session& {
    if (!current || settings.wallet == wallet_mode::per_game) {
      const auto make_strategy = [&] { return std::make_unique<rule_strategy>(strategy); };
      current = trader ? std::make_unique<session>(settings, make_strategy(), trader->make_executor(), session::options{false, sink})
                       : make_paper_session(settings, make_strategy, {false, sink});
    }
    return *current;
  };
  if (trader) {
    trader->on_report = [&](const execution_report& r) {
      if (current) current->on_report(r);
    };
    trader->on_adopt = [&](const cdp::server_account& a) {
      if (!current) return;
      if (auto drift = browser::adopt_into(*current, a, trader->last_tick()); !drift.empty()) log_warning(concat({"browser: ", drift}));
    };
  }
  live_pipeline pipeline(&run, trading, rec.get());
  live_dashboard board(pipeline, rec.get(), true, strategy.name(), settings, &printer);
  board.set_session([&]() -> const session* { return current.get(); });
  board.set_trader(trader.get());
  auto server = open_dashboard(opts.http, co_await asio::this_coro::executor, board, io);
  if (!server) co_return report_usage(io, server.error());
  if (*server) sink = &board;
  if (trader) {
    co_await (net::branch(run_feed_and_dashboard(client, pipeline, server->get())) ||
              net::branch(run_browser_link(*trader, *browser_mode)));
  } else {
    co_await run_feed_and_dashboard(client, pipeline, server->get());
  }
  pipeline.finish(wall_clock_now());
  if (rec) rec->close(wall_clock_now());
  const backtest_summary summary = run.summary();
  if (!outputs.close(io)) co_return exit_usage;
  const run_inputs inputs{strategy, settings, opts.sets, 0};
  io.out << (opts.json ? summary_json(summary, inputs) + "\n" : summary_table(summary, inputs));
  io.out.flush();
  io.err << feed_report(pipeline, rec.get());
  if (trader) io.err << browser_report(*trader);
  co_return exit_ok;
}

int run_live(const live_options& opts, const command_io& io) {
  auto setup = load_trading_setup(opts.strategy, opts.wallet, opts.sets);
  if (!setup) return report_usage(io, setup.error());
  auto client = client_options(opts.feed, io);
  if (!client) return exit_usage;
  std::optional<browser_setup> browser_mode;
  if (opts.execute == "browser") {
    auto b = browser_setup_from(opts.browser);
    if (!b) return report_usage(io, b.error());
    browser_mode = std::move(*b);
  }
  std::unique_ptr<recorder> rec;
  if (!opts.record_dir.empty() && !(rec = open_recorder(opts.record_dir, false, io))) return exit_usage;
  return run_root(
      [&] { return live_main(opts, *client, setup->strategy, setup->settings, std::move(browser_mode), std::move(rec), io); },
      true);
}

}  // namespace

void add_record_command(CLI::App& root, command_main& selected) {
  auto opts = std::make_shared<record_options>();
  auto* sub = root.add_subcommand("record", "Record the live feed, one file per game, until Ctrl-C");
  add_feed_options(sub, opts->feed);
  with_env(sub->add_option("--out", opts->out, "Folder for the recordings (created if missing)"))->required();
  sub->add_flag("--raw", opts->raw, "Also keep every Socket.IO event as received (DIR/events_<date>_<time>.raw.jsonl)");
  sub->add_option("--from-raw", opts->from_raw, "Rebuild the recordings from a raw file instead of the feed");
  add_http_flags(sub, opts->http);
  sub->callback([opts, &selected]() { selected = [opts](const command_io& io) { return run_record(*opts, io); }; });
}

void add_live_command(CLI::App& root, command_main& selected) {
  auto opts = std::make_shared<live_options>();
  auto* sub = root.add_subcommand("live", "Paper-trade a strategy on the live feed, the same loop as backtest");
  with_env(sub->add_option("--strategy", opts->strategy, "A built-in strategy (replayer strategies) or a rule-table JSON file"))
      ->required();
  sub->add_option("--set", opts->sets, "Change a strategy parameter or trading setting: key=value (repeatable)");
  with_env(sub->add_option("--wallet", opts->wallet, "session (default) or per-game"));
  add_feed_options(sub, opts->feed);
  sub->add_option("--record", opts->record_dir, "Also record the games into this folder");
  sub->add_option("--trades", opts->trades_path, "Write the trade log: OUT.jsonl or OUT.csv");
  sub->add_flag("--json", opts->json, "Events and the summary as JSON lines");
  sub->add_option("--execute", opts->execute, "paper: fills by the game's rules; browser: clicks in Chrome, confirmed by the server")
      ->check(CLI::IsMember({"paper", "browser"}))
      ->capture_default_str();
  add_browser_flags(sub, opts->browser);
  add_http_flags(sub, opts->http);
  sub->callback([opts, &selected]() { selected = [opts](const command_io& io) { return run_live(*opts, io); }; });
}

}  // namespace replayer::app
