#include "core/trading/account.hpp"

namespace replayer {
namespace {

bool in_play(const tick& t) { return is_in_play(t.phase) && t.active && !t.rugged; }
bool before_start(const tick& t) { return t.phase == phase::presale && !t.rugged; }

bool valid_fraction(decimal f) {
  static const decimal allowed[] = {decimal_literal("0.1"), decimal_literal("0.25"), decimal_literal("0.5"),
                                    decimal_literal("1")};
  for (decimal a : allowed)
    if (f == a) return true;
  return false;
}

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
    if (position_) close_position(event_kind::liquidation, t, log);
    if (sidebet_)
      resolve_sidebet(t.index <= sidebet_->last_covered_tick ? event_kind::sidebet_won : event_kind::sidebet_lost, t, log);
    return;
  }
  if (sidebet_ && t.index > sidebet_->last_covered_tick) resolve_sidebet(event_kind::sidebet_lost, t, log);
}

void account::end_game(const tick* last, std::vector<trade_event>& log) {
  if (rugged_ || !last) return;
  if (position_) close_position(event_kind::close_incomplete, *last, log);
  if (sidebet_) resolve_sidebet(event_kind::sidebet_refunded, *last, log);
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
      if (!valid_fraction(o.amount)) return reject_reason::bad_fraction;
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

void account::fill(const order& o, const tick& t, std::vector<trade_event>& log) {
  const decimal p = t.price.value();
  trade_event e;
  e.tick = t.index;
  e.price = p;
  switch (o.action) {
    case action::buy: {
      const decimal qty = o.amount / p;
      if (position_) {
        position_->qty += qty;
        position_->invested += o.amount;
      } else {
        position_ = open_position{qty, o.amount, t.index};
      }
      balance_ -= o.amount;
      e.kind = event_kind::buy;
      e.amount = o.amount;
      e.qty = qty;
      break;
    }
    case action::sell: {
      const bool all = o.amount == decimal::from_int(1);
      const decimal qty = all ? position_->qty : position_->qty * o.amount;
      const decimal cost = all ? position_->invested : position_->invested * o.amount;
      const decimal proceeds = qty * p;
      position_->qty -= qty;
      position_->invested -= cost;
      if (all) position_.reset();
      balance_ += proceeds;
      e.kind = event_kind::sell;
      e.amount = proceeds;
      e.qty = qty;
      e.pnl = proceeds - cost;
      break;
    }
    case action::sidebet:
      sidebet_ = open_sidebet{o.amount, t.index, t.index + settings_.sidebet_window};
      balance_ -= o.amount;
      e.kind = event_kind::sidebet_placed;
      e.amount = o.amount;
      break;
  }
  e.balance = balance_;
  log.push_back(e);
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

void account::close_position(event_kind kind, const tick& t, std::vector<trade_event>& log) {
  const decimal proceeds = position_->qty * t.price.value();
  balance_ += proceeds;
  trade_event e;
  e.kind = kind;
  e.tick = t.index;
  e.price = t.price.value();
  e.amount = proceeds;
  e.qty = position_->qty;
  e.pnl = proceeds - position_->invested;
  e.balance = balance_;
  position_.reset();
  log.push_back(e);
}

void account::resolve_sidebet(event_kind kind, const tick& t, std::vector<trade_event>& log) {
  trade_event e;
  e.kind = kind;
  e.tick = t.index;
  e.price = t.price.value();
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
  sidebet_.reset();
  last_resolved_tick_ = t.index;
  log.push_back(e);
}

}  // namespace replayer
