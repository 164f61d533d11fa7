// `replayer browser probe` and `replayer browser click`: the self-test a trader runs before going
// live (which controls of the trading panel are found, how, and what is missing; the server's
// account as the page's own connection reports it) and one order clicked and confirmed, through
// the same trader `live --execute browser` uses.
#include "app/browser_options.hpp"
#include "app/command.hpp"
#include "app/root.hpp"
#include "browser/page_controls.hpp"
#include "core/concat.hpp"
#include "core/trading/settings.hpp"
#include "net/asio_aliases.hpp"
#include "net/cancellation.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>

#include <ostream>

namespace replayer::app {
namespace {

namespace asio = boost::asio;
using namespace asio::experimental::awaitable_operators;
using steady = std::chrono::steady_clock;

// Runs `work` on an open tab while its client reads; closes the tab after. The error of opening
// is printed and is exit 1.
asio::awaitable<int> with_game_tab(const browser_setup& setup, const command_io& io,
                                   std::function<asio::awaitable<int>(browser::game_tab&)> work) {
  auto tab = co_await browser::open_game_tab(setup.tab);
  if (!tab) {
    io.err << "replayer: browser: " << tab.error() << '\n';
    co_return exit_problems_found;
  }
  int code = exit_problems_found;
  auto attached_work = [&]() -> asio::awaitable<void> {
    if (auto attached = co_await browser::attach_game_page(*tab, setup.tab); !attached) {
      io.err << "replayer: browser: " << attached.error() << '\n';
      co_return;
    }
    io.err << "browser: " << tab->browser << ", page " << tab->page.target.url << '\n';
    code = co_await work(*tab);
  };
  co_await (net::branch(tab->client->run()) || net::branch(attached_work()));
  co_await browser::close_game_tab(*tab);
  co_return code;
}

// Waits, 20 ms at a time, until `ready` or `within` has passed.
asio::awaitable<bool> wait_until(std::function<bool()> ready, std::chrono::milliseconds within) {
  const auto deadline = steady::now() + within;
  asio::steady_timer pause(co_await asio::this_coro::executor);
  while (!ready()) {
    if (steady::now() >= deadline) co_return false;
    pause.expires_after(std::chrono::milliseconds(20));
    if (auto [ec] = co_await pause.async_wait(net::as_result); ec) co_return false;
  }
  co_return true;
}

// ---- probe ----------------------------------------------------------------------------------

asio::awaitable<int> probe(const browser_setup& setup, const command_io& io) {
  co_return co_await with_game_tab(setup, io, [&](browser::game_tab& tab) -> asio::awaitable<int> {
    // The server's account first: the trader reloads the tab if the page's connection is older
    // than the tap; then the panel, once it is drawn.
    browser::browser_trader trader(setup.table, setup.trading);
    auto read = [&]() -> asio::awaitable<void> {
      co_await wait_until([&] { return trader.server().has_value(); }, setup.trading.first_read_timeout + setup.tab.timeout);
    };
    co_await (net::branch(trader.run(*tab.client, tab.page)) || net::branch(read()));
    co_await browser::wait_for_control(*tab.client, tab.page, setup.table, "buy", setup.tab.timeout, setup.trading.call_timeout);
    std::vector<std::string> names;
    for (const auto& c : setup.table.controls) names.push_back(c.name);
    auto view = co_await browser::locate(*tab.client, tab.page, setup.table, names, setup.trading.call_timeout);
    if (!view) {
      io.err << "replayer: browser: " << view.error() << '\n';
      co_return exit_problems_found;
    }
    bool usable = true;
    bool sidebet_opens = false;
    for (const auto& c : view->controls) {
      if (c.name == "sidebet_open" && c.found) sidebet_opens = true;
    }
    for (const auto& c : view->controls) {
      io.out << "  " << c.describe() << '\n';
      const auto* rule = setup.table.find(c.name);
      const bool clickable = rule && rule->use == cdp::control_use::click;
      // Disabled is there (SELL with no position); the sidebet button may sit in a panel that opens.
      const bool present = c.found || c.problem.starts_with("disabled") || (c.name == "sidebet" && sidebet_opens);
      if (clickable && c.name != "sidebet_open" && !present) usable = false;
    }
    if (trader.server()) {
      io.out << "server: " << cdp::describe(*trader.server()) << " (the page's playerUpdate)\n";
    } else {
      io.out << "server: no playerUpdate from the page (is the wallet connected?)\n";
      usable = false;
    }
    io.out << (usable ? "ready: every trading control was found\n" : "not ready: see the lines above\n");
    co_return usable ? exit_ok : exit_problems_found;
  });
}

// ---- click ----------------------------------------------------------------------------------

struct click_flags {
  browser_flags browser;
  std::string action;
  std::string amount;
  int percent = 0;
};

std::string report_text(const execution_report& r) {
  if (const auto* f = std::get_if<fill>(&r)) {
    if (f->action == action::sidebet) return concat({"filled: ", f->amount.str(), " SOL"});
    return concat({"filled: ", f->amount.str(), " SOL, ", f->qty.str(), " tokens at ", f->price.str()});
  }
  if (const auto* x = std::get_if<rejection>(&r)) return concat({"rejected: ", reject_reason_name(x->reason)});
  const auto& e = std::get<failure>(r);
  return concat({e.timed_out ? "not confirmed: " : "failed: ", e.what});
}

asio::awaitable<int> click(const browser_setup& setup, order o, const command_io& io) {
  co_return co_await with_game_tab(setup, io, [&](browser::game_tab& tab) -> asio::awaitable<int> {
    browser::browser_trader trader(setup.table, setup.trading);
    trader.log = [&](const std::string& line) { io.err << "browser: " << line << '\n'; };
    trading_settings settings;
    account wallet(settings);
    trader.on_adopt = [&](const cdp::server_account& a) {
      std::optional<open_position> position;
      if (a.position_qty.raw() > 0) position = open_position{a.position_qty, a.total_invested, 0};
      wallet.adopt(a.cash, position);
    };
    std::optional<execution_report> result;
    trader.on_report = [&](const execution_report& r) { result = r; };
    auto drive = [&]() -> asio::awaitable<void> {
      const auto ready = [&] { return trader.gate().online() && !trader.gate().holding(); };
      if (!co_await wait_until(ready, setup.trading.first_read_timeout + setup.tab.timeout)) {
        result = failure{1, false, trader.gate().reason(), 0};
        co_return;
      }
      order_request r;
      r.id = 1;
      r.order = o;
      tick now;
      if (trader.page_price()) now.price = *trader.page_price();
      if (auto immediate = trader.send(r, now, wallet)) result = *immediate;
      co_await wait_until([&] { return result.has_value(); }, setup.trading.confirm_timeout * 10);
    };
    co_await (net::branch(trader.run(*tab.client, tab.page)) || net::branch(drive()));
    if (!result) result = failure{1, false, "no report before the deadline", 0};
    io.out << action_name(o.action) << ' ' << o.amount.str() << ": " << report_text(*result) << '\n';
    if (trader.server()) io.out << "server: " << cdp::describe(*trader.server()) << '\n';
    co_return std::holds_alternative<fill>(*result) ? exit_ok : exit_problems_found;
  });
}

int run_click(const click_flags& f, const command_io& io) {
  auto setup = browser_setup_from(f.browser);
  if (!setup) return report_usage(io, setup.error());
  order o;
  if (f.action == "sell") {
    if (f.percent != 10 && f.percent != 25 && f.percent != 50 && f.percent != 100)
      return report_usage(io, usage_error{"sell needs --percent 10, 25, 50 or 100"});
    o = {action::sell, decimal::from_int(f.percent) / decimal::from_int(100)};
  } else {
    auto amount = decimal::parse(f.amount);
    if (f.amount.empty() || !amount || !(amount->raw() > 0))
      return report_usage(io, usage_error{concat({f.action, " needs --amount SOL (a positive number, e.g. 0.01)"})});
    o = {f.action == "buy" ? action::buy : action::sidebet, *amount};
  }
  return run_root([&] { return click(*setup, o, io); });
}

}  // namespace

void add_browser_command(CLI::App& root, command_main& selected) {
  auto* browser = root.add_subcommand("browser", "Check and use execution in your Chrome (DevTools Protocol)");
  browser->require_subcommand(1);

  auto probe_flags = std::make_shared<browser_flags>();
  auto* probe_cmd = browser->add_subcommand("probe", "Find the trading panel's controls and the server's account; change nothing");
  add_browser_flags(probe_cmd, *probe_flags);
  probe_cmd->callback([probe_flags, &selected]() {
    selected = [probe_flags](const command_io& io) {
      auto setup = browser_setup_from(*probe_flags);
      if (!setup) return report_usage(io, setup.error());
      return run_root([&] { return probe(*setup, io); });
    };
  });

  auto click_opts = std::make_shared<click_flags>();
  auto* click_cmd = browser->add_subcommand("click", "Place one order by clicking, and wait for the server to confirm it");
  click_cmd->add_option("action", click_opts->action, "buy, sell or sidebet")
      ->required()
      ->check(CLI::IsMember({"buy", "sell", "sidebet"}));
  click_cmd->add_option("--amount", click_opts->amount, "SOL to spend (buy, sidebet)");
  click_cmd->add_option("--percent", click_opts->percent, "The share of the position to sell: 10, 25, 50 or 100");
  add_browser_flags(click_cmd, click_opts->browser);
  click_cmd->callback([click_opts, &selected]() {
    selected = [click_opts](const command_io& io) { return run_click(*click_opts, io); };
  });
}

}  // namespace replayer::app
