#include "core/trading/account.hpp"

#include <algorithm>

namespace replayer {
namespace {

bool in_play(const tick& t) { return is_in_play(t.phase) && t.active && !t.rugged; }
bool before_start(const tick& t) { return t.phase == phase::presale && !t.rugged; }

}  // namespace

account::account(const trading_settings& settings) : settings_(settings), balance_(settings.starting_balance) {}

void account::begin_game() {
  if (settings_.wallet == wallet_mode::per_game) balance_ = settings_.starting_balance;
  position_.reset();
  sidebet_.reset();
  last_resolved_tick_.reset();
  rugged_ = false;
}

void account::observe(const tick& t, std::vector<trade_event>& log) {
  if (rugged_) return;
  if (t.rugged) {
    rugged_ = true;
    if (position_) close_position(event_kind::liquidation, t.index, t.price.value(), log);
    if (sidebet_)
      resolve_sidebet(t.index <= sidebet_->last_covered_tick ? event_kind::sidebet_won : event_kind::sidebet_lost,
                      t.index, t.price.value(), log);
    return;
  }
  if (sidebet_ && t.index > sidebet_->last_covered_tick) resolve_sidebet(event_kind::sidebet_lost, t.index, t.price.value(), log);
}

void account::end_game(std::int64_t last_tick, decimal last_price, std::vector<trade_event>& log) {
  if (rugged_) return;
  if (position_) close_position(event_kind::close_incomplete, last_tick, last_price, log);
  if (sidebet_) resolve_sidebet(event_kind::sidebet_refunded, last_tick, last_price, log);
}

action_set account::offered(const tick& t) const {
  action_set set;
  if (rugged_ || !(in_play(t) || before_start(t))) return set;
  set.add(action::buy);
  if (position_ && in_play(t)) set.add(action::sell);
  if (!sidebet_ && (!last_resolved_tick_ || t.index >= *last_resolved_tick_ + settings_.sidebet_cooldown))
    set.add(action::sidebet);
  return set;
}

std::optional<reject_reason> account::check(const order& o, const tick& t) const {
  if (rugged_ || t.rugged) return reject_reason::rugged;
  switch (o.action) {
    case action::sell:
      if (!in_play(t)) return reject_reason::phase;
      if (!position_) return reject_reason::no_position;
      if (!is_offered_sell_fraction(o.amount)) return reject_reason::bad_fraction;
      return std::nullopt;
    case action::buy:
    case action::sidebet:
      if (!in_play(t) && !before_start(t)) return reject_reason::phase;
      if (o.action == action::sidebet && sidebet_) return reject_reason::sidebet_active;
      if (o.action == action::sidebet && last_resolved_tick_ &&
          t.index < *last_resolved_tick_ + settings_.sidebet_cooldown)
        return reject_reason::sidebet_cooldown;
      if (o.action == action::buy && t.price.value().is_zero()) return reject_reason::zero_price;
      if (o.amount < settings_.min_amount) return reject_reason::below_min;
      if (o.amount > settings_.max_amount) return reject_reason::above_max;
      if (o.amount > balance_) return reject_reason::balance;
      return std::nullopt;
  }
  return reject_reason::phase;
}

void account::adopt(decimal balance, std::optional<open_position> position) {
  balance_ = balance;
  position_ = std::move(position);
}

std::optional<std::string_view> account::apply(const order_request& r, const fill& f, std::vector<trade_event>& log) {
  if (rugged_) return "the game had already rugged";
  trade_event e;
  e.tick = f.tick;
  e.price = f.price;
  switch (f.action) {
    case action::buy:
      if (!(f.qty.raw() > 0) || f.amount.is_negative() || f.amount > balance_) return "a buy fill with no tokens or more SOL than the balance";
      if (position_) {
        position_->qty += f.qty;
        position_->invested += f.amount;
      } else {
        position_ = open_position{f.qty, f.amount, f.tick};
      }
      balance_ -= f.amount;
      e.kind = event_kind::buy;
      e.amount = f.amount;
      e.qty = f.qty;
      break;
    case action::sell: {
      if (!position_ || f.qty > position_->qty || !(f.qty.raw() > 0) || f.amount.is_negative())
        return "a sell fill of more tokens than are held";
      const bool all = f.qty == position_->qty;
      // The cost basis leaves pro rata: by the fraction asked for when that is what was sold.
      const decimal fraction = r.order.action == action::sell && f.qty == position_->qty * r.order.amount
                                   ? r.order.amount
                                   : f.qty / position_->qty;
      const decimal cost = all ? position_->invested : position_->invested * fraction;
      position_->qty -= f.qty;
      position_->invested -= cost;
      if (all) position_.reset();
      balance_ += f.amount;
      e.kind = event_kind::sell;
      e.amount = f.amount;
      e.qty = f.qty;
      e.pnl = f.amount - cost;
      break;
    }
    case action::sidebet:
      if (sidebet_ || f.amount.is_negative() || f.amount > balance_) return "a second sidebet, or more SOL than the balance";
      sidebet_ = open_sidebet{f.amount, f.tick, f.tick + settings_.sidebet_window};
      balance_ -= f.amount;
      e.kind = event_kind::sidebet_placed;
      e.amount = f.amount;
      break;
  }
  e.balance = balance_;
  log.push_back(e);
  return std::nullopt;
}

decimal account::position_value(decimal price) const {
  if (!position_) return decimal{};
  if (position_->qty != cached_qty_ || price != cached_price_) {
    cached_value_ = position_->qty * price;
    cached_qty_ = position_->qty;
    cached_price_ = price;
  }
  return cached_value_;
}

decimal account::equity(decimal price) const {
  return balance_ + position_value(price) + (sidebet_ ? sidebet_->stake : decimal{});
}

void account::close_position(event_kind kind, std::int64_t tick, decimal price, std::vector<trade_event>& log) {
  const decimal proceeds = position_->qty * price;
  balance_ += proceeds;
  trade_event e;
  e.kind = kind;
  e.tick = tick;
  e.price = price;
  e.amount = proceeds;
  e.qty = position_->qty;
  e.pnl = proceeds - position_->invested;
  e.balance = balance_;
  position_.reset();
  log.push_back(e);
}

void account::resolve_sidebet(event_kind kind, std::int64_t tick, decimal price, std::vector<trade_event>& log) {
  trade_event e;
  e.kind = kind;
  e.tick = tick;
  e.price = price;
  const decimal stake = sidebet_->stake;
  if (kind == event_kind::sidebet_won) {
    e.amount = stake * settings_.sidebet_payout;
    e.pnl = e.amount - stake;
  } else if (kind == event_kind::sidebet_refunded) {
    e.amount = stake;
  } else {
    e.amount = stake;
    e.pnl = -stake;
  }
  if (kind != event_kind::sidebet_lost) balance_ += e.amount;
  e.balance = balance_;
  // A lost bet resolved on the first tick past its window, even when a gap hides that tick: the
  // cooldown counts from there, not from whenever the next line happened to arrive.
  last_resolved_tick_ = kind == event_kind::sidebet_lost ? std::min(tick, sidebet_->last_covered_tick + 1) : tick;
  sidebet_.reset();
  log.push_back(e);
}

}  // namespace replayer
