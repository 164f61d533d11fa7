#pragma once
// Paper execution: the game's rules applied to an order on the tick it reaches the game, with no
// I/O. `latency_ticks` = N models the delay of a real order: decided on one live tick, it reaches
// the game N live ticks later and fills (or is refused) at that tick's price.
#include "core/trading/executor.hpp"
#include "core/trading/settings.hpp"

namespace replayer {

/// What the game does with `r` on tick `t` for this wallet: a fill at `t`'s price, or a rejection.
execution_report paper_execute(const order_request& r, const tick& t, const account& wallet);

class paper_executor final : public executor {
public:
  explicit paper_executor(std::int64_t latency_ticks) : latency_ticks_(latency_ticks) {}

  std::optional<execution_report> submit(const order_request& r, const tick& now, const account& wallet) override;
  std::optional<execution_report> poll(const tick& now, const account& wallet) override;
  void end_game() override { waiting_.reset(); }

private:
  struct waiting_order {
    order_request request;
    std::int64_t ticks_left = 0;
  };
  std::int64_t latency_ticks_;
  std::optional<waiting_order> waiting_;
};

}  // namespace replayer
