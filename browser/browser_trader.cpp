#include "browser/browser_trader.hpp"

#include "browser/page_controls.hpp"
#include "core/concat.hpp"
#include "core/trading/paper_executor.hpp"
#include "core/trading/server_fill.hpp"
#include "net/asio_aliases.hpp"

#include <boost/asio/this_coro.hpp>

#include <span>

namespace replayer::browser {
namespace {

using net::as_result;
namespace asio = boost::asio;
using steady = std::chrono::steady_clock;

std::string order_name(const order_request& r) {
  return concat({"order ", std::to_string(r.id), " (", action_name(r.order.action), " ", r.order.amount.str(), ")"});
}

const boost::json::value* path(const boost::json::object& o, std::string_view a, std::string_view b) {
  const auto* first = o.if_contains(a);
  if (!first || !first->is_object()) return nullptr;
  return first->as_object().if_contains(b);
}

}  // namespace

class browser_trader::forwarding_executor final : public executor {
public:
  explicit forwarding_executor(browser_trader& t) : trader_(t) {}
  std::optional<execution_report> submit(const order_request& r, const tick& now, const account& wallet) override {
    return trader_.submit(r, now, wallet);
  }
  std::optional<execution_report> poll(const tick& now, const account&) override {
    trader_.on_tick(now);
    return std::nullopt;
  }
  // An order being clicked cannot be taken back; its late report is ignored by the session.
  void end_game() override {}

private:
  browser_trader& trader_;
};

browser_trader::browser_trader(cdp::locator_table table, browser_trading_settings settings)
    : table_(std::move(table)), settings_(settings), delay_rng_(settings.human_delay_seed.value_or(0)) {}

std::unique_ptr<executor> browser_trader::make_executor() { return std::make_unique<forwarding_executor>(*this); }

std::optional<execution_report> browser_trader::submit(const order_request& r, const tick& now, const account& wallet) {
  on_tick(now);
  ++stats_.orders;
  switch (gate_.admit(r)) {
    case order_gate::verdict::paper:
      log(concat({order_name(r), ": ", gate_.reason()}));
      return paper_execute(r, now, wallet);
    case order_gate::verdict::hold:
      return failure{r.id, false, gate_.reason(), now.index};
    case order_gate::verdict::click:
      break;
  }
  next_ = pending_order{r, wallet.position() ? wallet.position()->qty : decimal{}, now.price.value(), steady::now()};
  if (wake_) wake_->cancel();
  return std::nullopt;
}

void browser_trader::on_tick(const tick& now) {
  last_tick_ = now.index;
  last_price_ = now.price.value();
}

void browser_trader::on_page_event(const cdp::event& e, const page_session& page) {
  if (e.method == "Target.detachedFromTarget" || e.method == "Target.targetCrashed") {
    const auto* id = e.params.if_contains("sessionId");
    const auto* target = e.params.if_contains("targetId");
    if ((id && id->is_string() && id->as_string() == page.session_id) ||
        (target && target->is_string() && target->as_string() == page.target.id))
      lost_ = concat({"the game's tab went away (", e.method, ")"});
  } else if (e.session_id != page.session_id) {
    return;
  } else if (e.method == "Inspector.detached" || e.method == "Inspector.targetCrashed") {
    lost_ = concat({"the game's tab went away (", e.method, ")"});
  } else if (e.method == "Network.webSocketFrameReceived") {
    const auto* opcode = path(e.params, "response", "opcode");
    const auto* payload = path(e.params, "response", "payloadData");
    if (!payload || !payload->is_string() || (opcode && opcode->is_number() && opcode->to_number<double>() != 1)) return;
    auto event = tap_.on_frame(payload->as_string());
    if (event && event->name == "gameStateUpdate") {
      if (auto price = cdp::payload_price(event->payload_json)) page_price_ = *price;
      return;
    }
    if (!event || event->name != "playerUpdate") return;
    auto account = cdp::parse_player_update(event->payload_json);
    if (!account) {
      if (++stats_.bad_player_updates <= 10) log(account.error());
      return;
    }
    server_ = *account;
    ++server_reads_;
    ++stats_.player_updates;
  } else {
    return;
  }
  if (wake_) wake_->cancel();
}

void browser_trader::adopt_server_account() {
  ++stats_.adoptions;
  gate_.server_read();
  on_adopt(*server_);
}

std::string adopt_into(session& s, const cdp::server_account& a, std::int64_t tick) {
  const account& w = s.wallet();
  const decimal held = w.position() ? w.position()->qty : decimal{};
  std::string drift;
  if (w.balance() != a.cash || held != a.position_qty)
    drift = concat({"the wallet adopts the server's account: ", cdp::describe(a), " (the wallet had ", w.balance().str(),
                    " SOL and ", held.str(), " tokens)"});
  std::optional<open_position> position;
  if (a.position_qty.raw() > 0) position = open_position{a.position_qty, a.total_invested, tick};
  s.adopt(a.cash, position);
  return drift;
}

asio::awaitable<void> browser_trader::wait_for_news(steady::time_point until) {
  wake_->expires_at(until);
  co_await wake_->async_wait(as_result);
}

asio::awaitable<std::optional<std::string>> browser_trader::press(cdp_client& client, const page_session& page,
                                                                  panel_control c) {
  // The rate limit, and the seeded human-like delay on top of it.
  auto at = last_click_ + settings_.click_gap;
  if (settings_.human_delay_seed)
    at += std::chrono::milliseconds(std::uniform_int_distribution<std::int64_t>(0, settings_.human_delay_max.count())(delay_rng_));
  if (at > steady::now()) {
    asio::steady_timer pause(co_await asio::this_coro::executor, at);
    co_await pause.async_wait(as_result);
  }
  const std::string name(panel_control_name(c));
  // The panel re-renders after a click: a control may be missing or disabled for a moment.
  auto found = co_await wait_for_control(client, page, table_, name, settings_.control_wait, settings_.call_timeout);
  if (!found && c == panel_control::sidebet) {
    // The sidebet panel opens on demand: open it, then look again.
    auto opener = co_await locate_control(client, page, table_, "sidebet_open", settings_.call_timeout);
    if (!opener) co_return concat({found.error(), "; and ", opener.error()});
    if (auto clicked = co_await click_point(client, page, opener->centre, settings_.call_timeout); !clicked) co_return clicked.error();
    found = co_await wait_for_control(client, page, table_, name, settings_.control_wait, settings_.call_timeout);
  }
  if (!found) co_return found.error();
  auto clicked = co_await click_point(client, page, found->centre, settings_.call_timeout);
  last_click_ = steady::now();
  if (!clicked) co_return clicked.error();
  co_return std::nullopt;
}

asio::awaitable<std::optional<std::string>> browser_trader::check_amount(cdp_client& client, const page_session& page,
                                                                         decimal amount) {
  // The page may show the last click a moment later: look again until control_wait has passed.
  const auto deadline = steady::now() + settings_.control_wait;
  asio::steady_timer pause(co_await asio::this_coro::executor);
  for (;;) {
    auto input = co_await locate_control(client, page, table_, "amount_input", settings_.call_timeout);
    const auto shown = input && input->value ? decimal::parse(*input->value) : std::nullopt;
    if (shown && *shown == amount) co_return std::nullopt;
    if (steady::now() >= deadline) {
      if (!input) co_return concat({"the amount cannot be checked: ", input.error()});
      co_return concat({"the amount input shows \"", input->value.value_or(""), "\", not ", amount.str(), ": not clicked"});
    }
    pause.expires_after(std::chrono::milliseconds(25));
    if (auto [ec] = co_await pause.async_wait(as_result); ec) co_return std::string("cancelled while checking the amount");
  }
}

asio::awaitable<void> browser_trader::trade(cdp_client& client, const page_session& page, pending_order o) {
  const order_request& r = o.request;
  auto plan = click_plan(r.order, settings_.max_amount_clicks);
  if (!plan) {
    ++stats_.click_failures;
    gate_.confirmed();  // nothing was clicked
    on_report(failure{r.id, false, concat({order_name(r), ": ", plan.error()}), last_tick_});
    co_return;
  }
  const cdp::server_account before = *server_;
  // The amount (or the sell percentage) first. A lost increment click would order the wrong
  // amount: the input must show the order's amount before the action is clicked; the amount is
  // built again (at most three times) when it does not.
  const std::span<const panel_control> setup(plan->data(), plan->size() - 1);
  for (int attempt = 1;; ++attempt) {
    for (panel_control c : setup) {
      if (auto problem = co_await press(client, page, c)) {
        ++stats_.click_failures;
        gate_.confirmed();  // the action was not clicked
        on_report(failure{r.id, false, concat({order_name(r), ": ", *problem}), last_tick_});
        co_return;
      }
    }
    if (r.order.action == action::sell) break;
    auto wrong = co_await check_amount(client, page, r.order.amount);
    if (!wrong) break;
    if (attempt == 3) {
      ++stats_.click_failures;
      gate_.confirmed();
      on_report(failure{r.id, false, concat({order_name(r), ": ", *wrong}), last_tick_});
      co_return;
    }
    log(concat({order_name(r), ": ", *wrong, "; building the amount again"}));
  }
  // The action's own click: if it fails, it may still have landed.
  if (auto problem = co_await press(client, page, plan->back())) {
    ++stats_.click_failures;
    gate_.unconfirmed(concat({order_name(r), ": ", *problem}));
    on_report(failure{r.id, false, concat({order_name(r), ": ", *problem}), last_tick_});
    co_return;
  }
  ++stats_.clicked;
  const auto deadline = steady::now() + settings_.confirm_timeout;
  for (;;) {
    if (server_ && *server_ != before) {
      if (auto f = server_fill(r, before, *server_, o.held, last_tick_, last_price_)) {
        ++stats_.confirmed;
        if (stats_.decision_to_fill.size() == browser_trading_stats::max_latency_samples) stats_.decision_to_fill.pop_front();
        stats_.decision_to_fill.push_back(std::chrono::duration_cast<std::chrono::microseconds>(steady::now() - o.decided));
        stats_.decision_to_fill_histogram.observe(steady::now() - o.decided);
        if (auto drift = fill_drift(r, *f, o.held, o.decision_price); !drift.empty()) {
          ++stats_.drifts;
          log(concat({order_name(r), ": ", drift}));
        }
        gate_.confirmed();
        on_report(*f);
        co_return;
      }
    }
    const auto cancelled = (co_await asio::this_coro::cancellation_state).cancelled();
    if (lost_ || steady::now() >= deadline || cancelled != asio::cancellation_type::none) break;
    co_await wait_for_news(deadline);
  }
  ++stats_.timed_out;
  const std::string why = concat({order_name(r), ": the server's account did not show it within ",
                                  std::to_string(settings_.confirm_timeout.count()), " ms",
                                  lost_ ? concat({" (", *lost_, ")"}) : std::string()});
  gate_.unconfirmed(why);
  on_report(failure{r.id, true, why, last_tick_});
}

asio::awaitable<std::string> browser_trader::run(cdp_client& client, const page_session& page) {
  co_await asio::this_coro::throw_if_cancelled(false);
  const auto stopped = [&]() -> asio::awaitable<bool> {
    co_return (co_await asio::this_coro::cancellation_state).cancelled() != asio::cancellation_type::none;
  };
  lost_.reset();
  client.observe_calls(&stats_.cdp_calls);
  wake_ = std::make_unique<asio::steady_timer>(co_await asio::this_coro::executor);
  client.on_event([this, page](const cdp::event& e) { on_page_event(e, page); });
  std::string cause = "stopped";
  if (auto enabled = co_await client.call("Network.enable", {}, page.session_id, settings_.call_timeout); !enabled) {
    cause = concat({"Network.enable: ", enabled.error().what});
  } else {
    gate_.link_back();
    reads_at_hold_ = server_reads_;
    const auto attached = steady::now();
    bool reloaded = false;
    while (!(co_await stopped()) && !lost_ && client.open()) {
      if (gate_.holding() && server_reads_ > reads_at_hold_) adopt_server_account();
      if (next_ && !gate_.holding()) {
        pending_order o = *next_;
        next_.reset();
        co_await trade(client, page, o);
        if (gate_.holding()) reads_at_hold_ = server_reads_;
        continue;
      }
      auto until = steady::now() + std::chrono::hours(1);
      if (!reloaded && server_reads_ == reads_at_hold_ && gate_.holding()) {
        until = attached + settings_.first_read_timeout;
        if (steady::now() >= until) {
          reloaded = true;
          ++stats_.page_reloads;
          log("no playerUpdate from the page yet: reloading the game's tab so that its connection is read from the start");
          if (auto r = co_await client.call("Page.reload", {}, page.session_id, settings_.call_timeout); !r)
            log(concat({"Page.reload: ", r.error().what}));
          continue;
        }
      }
      co_await wait_for_news(until);
    }
    if (lost_) {
      cause = *lost_;
    } else if (!client.open()) {
      cause = concat({"Chrome went away (", client.end_cause().empty() ? "the CDP connection closed" : client.end_cause(), ")"});
    }
  }
  client.on_event({});
  gate_.link_lost(cause);
  if (next_) {
    on_report(failure{next_->request.id, false, concat({order_name(next_->request), ": not clicked: ", cause}), last_tick_});
    next_.reset();
  }
  wake_.reset();
  co_return cause;
}

}  // namespace replayer::browser
