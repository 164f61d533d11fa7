// backtest_property: properties that must hold on every tick of every shared recording
// (REPLAYER_SHARED_DIR/data/recordings), for every built-in strategy and both wallet modes:
//   - the balance never goes negative;
//   - the books balance exactly: balance + position cost + open stake = start + realised P&L
//     (realised summed from the trade events), and equity = balance + qty x price + open stake;
//   - no decision reads a tick other than the one being played: a spy around the strategy sees
//     exactly the tick handed to the session, in order, at most once per tick, and every fill is at
//     that tick's index and price;
//   - the loop driven here is the real one: its trade log has the digest run_backtest gives.
// Skipped, with a message, when the shared recordings are not there.
#include "core/fair/sha256.hpp"
#include "core/line_source.hpp"
#include "core/recording_reader.hpp"
#include "core/trading/backtest.hpp"
#include "core/trading/builtin_strategies.hpp"
#include "core/trading/paper_executor.hpp"
#include "core/trading/session.hpp"
#include "core/trading/rule_strategy.hpp"

#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

using namespace replayer;
using namespace test_support;

namespace {

const std::filesystem::path recordings_dir = shared_recordings_dir();

// Every game of every shared recording, files in name order, read once.
const std::vector<game>& shared_games() {
  static const std::vector<game> games = [] {
    std::error_code ec;
    if (!std::filesystem::is_directory(recordings_dir, ec)) return std::vector<game>{};
    return read_games(jsonl_files(recordings_dir, /*recursive=*/true));
  }();
  return games;
}

struct recordings_present {
  boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const {
    boost::test_tools::assertion_result r(!shared_games().empty());
    if (!r) r.message() << "no shared recordings under " << recordings_dir.string() << "; property test skipped";
    return r;
  }
};

// Wraps a strategy and records the tick object it is shown on every call.
class spy final : public strategy {
public:
  explicit spy(std::unique_ptr<strategy> inner) : inner_(std::move(inner)) {}

  std::optional<order> decide(const decision_view& view) override {
    seen.push_back(&view.now);
    return inner_->decide(view);
  }

  std::vector<const tick*> seen;

private:
  std::unique_ptr<strategy> inner_;
};

decimal realised_by(const trade_event& e) {
  switch (e.kind) {
    case event_kind::sell:
    case event_kind::liquidation:
    case event_kind::close_incomplete:
    case event_kind::sidebet_won:
    case event_kind::sidebet_lost:
      return e.pnl;
    default:
      return decimal{};
  }
}

struct checked_run {
  std::size_t ticks = 0, decisions = 0, events = 0, fills = 0;
  std::string first_problem;  // empty when every property held
  std::string digest;         // over the trade log of this loop

  void problem(const std::string& what) {
    if (first_problem.empty()) first_problem = what;
  }
};

// Collects the events of the session as they happen.
struct event_tap final : trade_sink {
  std::vector<trade_event> events;
  void on_event(std::string_view, const trade_event& e) override { events.push_back(e); }
};

// Plays the games as run_backtest does (one session for a session wallet, a fresh one per game
// for per-game wallets) and checks the properties after every tick and at the end of every game.
checked_run play_and_check(const std::vector<game>& games, const trading_settings& settings,
                           const replayer::rule_strategy& table) {
  checked_run run;
  std::vector<game_outcome> outcomes;
  spy* s = nullptr;
  std::unique_ptr<session> b;
  event_tap tap;
  decimal realised;  // since the wallet last started
  const decimal start = settings.starting_balance;

  auto check_books = [&](const game& g, std::int64_t tick_index, const decimal* price) {
    const account& w = b->wallet();
    const decimal invested = w.position() ? w.position()->invested : decimal{};
    const decimal stake = w.sidebet() ? w.sidebet()->stake : decimal{};
    const std::string where = g.id + " tick " + std::to_string(tick_index) + ": ";
    if (w.balance().is_negative()) run.problem(where + "balance " + w.balance().str() + " < 0");
    if (w.balance() + invested + stake != start + realised)
      run.problem(where + "balance " + w.balance().str() + " + invested " + invested.str() + " + stake " + stake.str() +
                  " != start " + start.str() + " + realised " + realised.str());
    if (w.position() && (w.position()->qty.is_negative() || w.position()->invested.is_negative()))
      run.problem(where + "negative position");
    if (price) {
      const decimal qty = w.position() ? w.position()->qty : decimal{};
      if (w.equity(*price) != w.balance() + qty * *price + stake)
        run.problem(where + "equity " + w.equity(*price).str() + " is not balance + qty x price + stake");
    }
  };

  for (const game& g : games) {
    if (!b || settings.wallet == wallet_mode::per_game) {
      auto strategy = std::make_unique<spy>(std::make_unique<replayer::rule_strategy>(table));
      s = strategy.get();
      b = std::make_unique<session>(settings, std::move(strategy), std::make_unique<paper_executor>(settings.latency_ticks),
                                    session::options{false, &tap});
      realised = decimal{};
    }
    b->begin_game(g.id, g.file);
    for (const tick& t : g.ticks) {
      const std::size_t calls_before = s->seen.size();
      const std::size_t events_before = tap.events.size();
      b->on_tick(t);
      ++run.ticks;
      const std::size_t calls = s->seen.size() - calls_before;
      if (calls > 1) run.problem(g.id + " tick " + std::to_string(t.index) + ": decided more than once");
      if (calls == 1) {
        ++run.decisions;
        if (s->seen.back() != &t)
          run.problem(g.id + " tick " + std::to_string(t.index) + ": the strategy was shown another tick");
      }
      for (std::size_t i = events_before; i < tap.events.size(); ++i) {
        const trade_event& e = tap.events[i];
        if (e.tick != t.index || e.price != t.price.value())
          run.problem(g.id + " tick " + std::to_string(t.index) + ": an event at tick " + std::to_string(e.tick) +
                      " price " + e.price.str());
        if (e.kind == event_kind::buy || e.kind == event_kind::sell || e.kind == event_kind::sidebet_placed) ++run.fills;
        realised += realised_by(e);
      }
      const decimal p = t.price.value();
      check_books(g, t.index, &p);
    }
    const std::size_t events_before = tap.events.size();
    outcomes.push_back(b->end_game());
    for (std::size_t i = events_before; i < tap.events.size(); ++i) realised += realised_by(tap.events[i]);
    check_books(g, g.ticks.empty() ? 0 : g.ticks.back().index, nullptr);
    if (b->wallet().position() || b->wallet().sidebet()) run.problem(g.id + ": left open after the game");
    if (outcomes.back().events.size() != tap.events.size())
      run.problem(g.id + ": the outcome's events are not the ones the sink was told of");
    run.events += tap.events.size();
    tap.events.clear();
  }
  run.digest = sha256_hex(trade_log_text(outcomes));
  return run;
}

void check_everything(const trading_settings& settings, std::string_view label) {
  const auto& games = shared_games();
  for (const auto& builtin_entry : builtin_strategies()) {
    const auto table = builtin(builtin_entry.name);
    const checked_run run = play_and_check(games, settings, table);
    const std::string name = std::string(builtin_entry.name) + ", " + std::string(label);
    BOOST_TEST_MESSAGE(name << ": " << games.size() << " games, " << run.ticks << " ticks, " << run.decisions
                            << " decisions, " << run.fills << " fills, " << run.events << " events");
    BOOST_TEST(run.first_problem.empty(), name << ": " << run.first_problem);
    BOOST_TEST(run.fills > 0u, name << ": never traded");
    const auto result = run_backtest(
        games, settings, [&] { return std::make_unique<replayer::rule_strategy>(table); }, {2, false});
    BOOST_TEST(result.summary.digest == run.digest, name << ": not the loop run_backtest runs");
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(backtest_property, *boost::unit_test::precondition(recordings_present{}))

BOOST_AUTO_TEST_CASE(session_wallet) {
  trading_settings settings;
  check_everything(settings, "session wallet");
}

BOOST_AUTO_TEST_CASE(per_game_wallet) {
  trading_settings settings;
  settings.wallet = wallet_mode::per_game;
  check_everything(settings, "per-game wallet");
}

BOOST_AUTO_TEST_CASE(with_latency_and_risk_rails) {
  // The same properties with orders in flight and rails refusing some of them.
  trading_settings settings;
  settings.latency_ticks = 2;
  settings.max_exposure = decimal_literal("0.012");
  settings.max_orders_per_game = 6;
  settings.starting_balance = decimal_literal("0.05");
  check_everything(settings, "latency 2, rails, start 0.05");
}

BOOST_AUTO_TEST_SUITE_END()
