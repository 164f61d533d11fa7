#pragma once
// When the browser executor may click: the rules as a plain object, no I/O. One order at a
// time; after an order whose fate is unknown (not confirmed in time, the page or Chrome gone)
// nothing more is clicked until the server's account has been read again and adopted, so the
// wallet never trades on a guess. While the browser is unreachable, orders are decided on
// paper (the caller fills them with paper_execute and says so) until the link is back and the
// server's account has been read.
#include "core/trading/execution.hpp"

#include <cstddef>
#include <optional>
#include <string>

namespace replayer {

class order_gate {
public:
  enum class verdict : std::uint8_t { click, paper, hold };

  /// What to do with a new order now.
  verdict admit(const order_request& r);
  /// The order being clicked, if any.
  const std::optional<order_request>& clicking() const { return clicking_; }

  /// The click's effect was confirmed by the server: the next order may be clicked.
  void confirmed();
  /// The click's effect was not seen in time, or could not be sent: hold until a fresh read.
  void unconfirmed(std::string why);
  /// The page's server account was read (a playerUpdate after the hold began): the caller
  /// adopts it; orders are clicked again.
  void server_read();
  /// The browser or the page went away / came back.
  void link_lost(std::string why);
  void link_back();

  bool online() const { return online_; }
  bool holding() const { return hold_.has_value(); }
  /// Why orders are held or decided on paper, for the failure report and the log.
  std::string reason() const;

  std::size_t held_orders() const { return held_; }
  std::size_t paper_orders() const { return paper_; }

private:
  std::optional<order_request> clicking_;
  std::optional<std::string> hold_ = std::string("the server's account has not been read yet");
  std::string offline_why_ = "the browser is not connected yet";
  bool online_ = false;
  std::size_t held_ = 0, paper_ = 0;
};

}  // namespace replayer
