#include "core/trading/order_gate.hpp"

#include "core/concat.hpp"

namespace replayer {

order_gate::verdict order_gate::admit(const order_request& r) {
  if (!online_) {
    ++paper_;
    return verdict::paper;
  }
  if (hold_ || clicking_) {
    ++held_;
    return verdict::hold;
  }
  clicking_ = r;
  return verdict::click;
}

void order_gate::confirmed() { clicking_.reset(); }

void order_gate::unconfirmed(std::string why) {
  clicking_.reset();
  hold_ = std::move(why);
}

void order_gate::server_read() { hold_.reset(); }

void order_gate::link_lost(std::string why) {
  online_ = false;
  offline_why_ = std::move(why);
  // Whatever was being clicked is of unknown fate: the server is read again before the next click.
  if (clicking_) unconfirmed(concat({"order ", std::to_string(clicking_->id), " was being clicked when ", offline_why_}));
  if (!hold_) hold_ = concat({"reconnected: ", offline_why_});
}

void order_gate::link_back() { online_ = true; }

std::string order_gate::reason() const {
  if (!online_) return concat({"decided on paper: ", offline_why_});
  if (hold_) return concat({"held until the server's account is read again: ", *hold_});
  if (clicking_) return concat({"order ", std::to_string(clicking_->id), " is still being clicked"});
  return {};
}

}  // namespace replayer
