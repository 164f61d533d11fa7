#pragma once
// The flags that say which Chrome and which tab to trade in, shared by `browser probe`,
// `browser click` and `live --execute browser`: --cdp URL (a Chrome the user runs) or a Chrome
// replayer launches (--chrome, --profile, --extension, --headless, --open), the tab (--page), the
// locator table (--locator FILE) and the deadlines.
#include "app/command.hpp"
#include "browser/browser_trader.hpp"
#include "browser/game_tab.hpp"

#include <boost/system/result.hpp>

#include <string>

namespace replayer::app {

struct browser_flags {
  std::string cdp;
  bool allow_remote = false;
  std::string chrome, profile, extension, url = "https://rugs.fun";
  bool headless = false;
  std::string page;  // "" = the host of --url (or rugs.fun)
  std::string locator;
  int timeout_ms = 10000;
  int confirm_timeout_ms = 3000;
  int click_gap_ms = 50;
  long long human_delay_seed = -1;
};

void add_browser_flags(CLI::App* sub, browser_flags& f);

/// What the flags say, checked: the error names the flag and what to do.
struct browser_setup {
  browser::game_tab_options tab;
  cdp::locator_table table;
  browser::browser_trading_settings trading;
};
boost::system::result<browser_setup, usage_error> browser_setup_from(const browser_flags& f);

}  // namespace replayer::app
