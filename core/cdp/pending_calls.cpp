#include "core/cdp/pending_calls.hpp"

namespace replayer::cdp {

std::string_view reply_match_name(reply_match m) {
  switch (m) {
    case reply_match::waiting: return "waiting";
    case reply_match::late: return "late";
    case reply_match::duplicate: return "duplicate";
    case reply_match::unknown: return "unknown";
  }
  return "?";
}

}  // namespace replayer::cdp
