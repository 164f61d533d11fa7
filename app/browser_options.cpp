#include "app/browser_options.hpp"

#include "app/input_file.hpp"
#include "core/concat.hpp"

namespace replayer::app {
namespace {

using setup_result = boost::system::result<browser_setup, usage_error>;

setup_result refuse(std::string message) { return setup_result(boost::system::in_place_error, usage_error{std::move(message)}); }

// The host of a URL ("https://rugs.fun/x" -> "rugs.fun"): the default rule for the game's tab.
std::string url_host(std::string_view url) {
  if (auto scheme = url.find("://"); scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  return std::string(url.substr(0, url.find_first_of("/?#")));
}

constexpr std::uintmax_t max_locator_bytes = 1 << 20;

}  // namespace

void add_browser_flags(CLI::App* sub, browser_flags& f) {
  with_env(sub->add_option("--cdp", f.cdp, "A Chrome you run with --remote-debugging-port: http://127.0.0.1:PORT "
                                           "(default: launch one)"));
  sub->add_flag("--allow-remote-cdp", f.allow_remote, "Allow a --cdp host other than this machine (the endpoint has no password)");
  with_env(sub->add_option("--chrome", f.chrome, "The Chrome or Chromium to launch (default: the first found)"));
  with_env(sub->add_option("--profile", f.profile, "Chrome's profile folder (default: a temporary one, removed at the end)"));
  with_env(sub->add_option("--extension", f.extension, "An unpacked extension for the launched Chrome (a wallet)"));
  sub->add_flag("--headless", f.headless, "Launch Chrome headless (tests)");
  sub->add_option("--open", f.url, "The page the launched Chrome opens")->capture_default_str();
  sub->add_option("--page", f.page, "The game's tab: a text its URL contains (default: the host of --open)");
  with_env(sub->add_option("--locator", f.locator, "A JSON file that overrides the locator table (docs/browser.md)"));
  sub->add_option("--timeout", f.timeout_ms, "Deadline in ms for launching, connecting and attaching")->capture_default_str();
  sub->add_option("--confirm-timeout", f.confirm_timeout_ms, "Deadline in ms for the server to confirm a click")
      ->capture_default_str();
  sub->add_option("--click-gap", f.click_gap_ms, "At least this many ms between two clicks")->capture_default_str();
  sub->add_option("--human-delay-seed", f.human_delay_seed, "Add a seeded random delay (0-40 ms) before each click");
}

setup_result browser_setup_from(const browser_flags& f) {
  browser_setup s;
  const auto positive = [](int ms) { return ms > 0 && ms <= 600'000; };
  if (!positive(f.timeout_ms)) return refuse("--timeout: a number of milliseconds from 1 to 600000");
  if (!positive(f.confirm_timeout_ms)) return refuse("--confirm-timeout: a number of milliseconds from 1 to 600000");
  if (f.click_gap_ms < 0 || f.click_gap_ms > 60'000) return refuse("--click-gap: a number of milliseconds from 0 to 60000");
  if (!f.cdp.empty()) {
    if (auto where = cdp::parse_cdp_url(f.cdp, f.allow_remote); !where) return refuse(where.error());
  }
  s.tab.cdp_url = f.cdp;
  s.tab.allow_remote = f.allow_remote;
  s.tab.launch.binary = f.chrome;
  s.tab.launch.profile_dir = f.profile;
  s.tab.launch.extension_dir = f.extension;
  s.tab.launch.headless = f.headless;
  s.tab.launch.start_url = f.url;
  s.tab.page.text = f.page.empty() ? url_host(f.url) : f.page;
  if (s.tab.page.text.empty()) return refuse("--page: the game's tab needs a text its URL contains");
  s.tab.timeout = std::chrono::milliseconds(f.timeout_ms);
  s.tab.launch.start_timeout = s.tab.timeout;

  s.table = cdp::default_locator_table();
  if (!f.locator.empty()) {
    auto text = read_input_file(f.locator, max_locator_bytes);
    if (!text) return refuse(concat({"--locator ", f.locator, ": ", text.error().reason}));
    auto table = cdp::apply_locator_override(s.table, *text, f.locator);
    if (!table) return refuse(table.error());
    s.table = std::move(*table);
  }
  s.trading.confirm_timeout = std::chrono::milliseconds(f.confirm_timeout_ms);
  s.trading.click_gap = std::chrono::milliseconds(f.click_gap_ms);
  // A Chrome replayer launches opened the page before the tap was there: reload it at once
  // rather than waiting for a playerUpdate that its connection will not show.
  if (f.cdp.empty()) s.trading.first_read_timeout = std::chrono::milliseconds(0);
  if (f.human_delay_seed >= 0) s.trading.human_delay_seed = static_cast<std::uint64_t>(f.human_delay_seed);
  return s;
}

}  // namespace replayer::app
