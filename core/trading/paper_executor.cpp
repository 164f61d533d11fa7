#include "core/trading/paper_executor.hpp"

namespace replayer {

execution_report paper_execute(const order_request& r, const tick& t, const account& wallet) {
  if (auto why = wallet.check(r.order, t)) return rejection{r.id, *why, t.index};
  const decimal p = t.price.value();
  fill f{r.id, r.order.action, r.order.amount, {}, p, t.index};
  switch (r.order.action) {
    case action::buy:
      f.qty = r.order.amount / p;
      break;
    case action::sell: {
      const auto& pos = *wallet.position();
      f.qty = r.order.amount == decimal::from_int(1) ? pos.qty : pos.qty * r.order.amount;
      f.amount = f.qty * p;
      break;
    }
    case action::sidebet:
      break;
  }
  return f;
}

std::optional<execution_report> paper_executor::submit(const order_request& r, const tick& now, const account& wallet) {
  if (latency_ticks_ <= 0) return paper_execute(r, now, wallet);
  waiting_ = waiting_order{r, latency_ticks_};
  return std::nullopt;
}

std::optional<execution_report> paper_executor::poll(const tick& now, const account& wallet) {
  if (!waiting_ || --waiting_->ticks_left > 0) return std::nullopt;
  const order_request r = waiting_->request;
  waiting_.reset();
  return paper_execute(r, now, wallet);
}

}  // namespace replayer
