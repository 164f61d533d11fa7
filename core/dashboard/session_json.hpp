#pragma once
// A session as the pages show it: wallet, position, sidebet (with its countdown), equity and P&L
// at the last price, the risk rails and a halt. One function for the live page and the viewer.
#include "core/tick.hpp"
#include "core/trading/session.hpp"

#include <boost/json/object.hpp>

namespace replayer::dashboard {

/// `last` is the tick the session saw last (null before any): the price it is marked at.
boost::json::object session_json(const session& s, const tick* last);

}  // namespace replayer::dashboard
