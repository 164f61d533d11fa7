#pragma once
// The execution seam of a session. An executor takes an order request and answers with one
// report: at once, on a later tick (poll), or from outside the session's call (the browser
// executor hands its reports to session::on_report). Executors never change the wallet.
#include "core/tick.hpp"
#include "core/trading/account.hpp"
#include "core/trading/execution.hpp"

#include <optional>

namespace replayer {

class executor {
public:
  virtual ~executor() = default;
  /// The session sends `r`, decided on `now`; a report that is ready at once is returned.
  virtual std::optional<execution_report> submit(const order_request& r, const tick& now, const account& wallet) = 0;
  /// A new live tick: the report that falls due on it, if any.
  virtual std::optional<execution_report> poll(const tick& now, const account& wallet) = 0;
  /// The game is over: an order still waiting is dropped (the session has logged it).
  virtual void end_game() = 0;
};

}  // namespace replayer
