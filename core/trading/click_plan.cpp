#include "core/trading/click_plan.hpp"

#include "core/concat.hpp"

#include <array>

namespace replayer {

std::string_view panel_control_name(panel_control c) {
  static constexpr std::array<std::string_view, 12> names = {
      "buy", "sell", "sidebet", "clear", "add_0_001", "add_0_01", "add_0_1", "add_1", "sell_10", "sell_25", "sell_50", "sell_100"};
  return names[static_cast<std::size_t>(c)];
}

boost::system::result<std::vector<panel_control>, std::string> click_plan(const order& o, std::size_t max_amount_clicks) {
  using out = boost::system::result<std::vector<panel_control>, std::string>;
  if (o.action == action::sell) {
    static constexpr std::array<std::pair<std::string_view, panel_control>, 4> fractions = {
        {{"0.1", panel_control::sell_10}, {"0.25", panel_control::sell_25}, {"0.5", panel_control::sell_50}, {"1", panel_control::sell_100}}};
    for (const auto& [fraction, button] : fractions) {
      if (o.amount == decimal_literal(fraction)) return std::vector<panel_control>{button, panel_control::sell};
    }
    return out(boost::system::in_place_error,
               concat({"a sell of ", o.amount.str(), " of the position: the panel offers 10, 25, 50 and 100 %"}));
  }
  const decimal thousandth = decimal_literal("0.001");
  if (!(o.amount.raw() > 0) || o.amount.raw() % thousandth.raw() != 0)
    return out(boost::system::in_place_error,
               concat({"an amount of ", o.amount.str(), " SOL: the panel's buttons build whole thousandths only"}));
  auto units = static_cast<std::uint64_t>(o.amount.raw() / thousandth.raw());
  std::vector<panel_control> plan{panel_control::clear};
  static constexpr std::array<std::pair<std::uint64_t, panel_control>, 4> steps = {
      {{1000, panel_control::add_1}, {100, panel_control::add_0_1}, {10, panel_control::add_0_01}, {1, panel_control::add_0_001}}};
  std::uint64_t clicks = 0;
  for (const auto& [size, button] : steps) {
    clicks += units / size;
    if (clicks > max_amount_clicks)
      return out(boost::system::in_place_error, concat({"an amount of ", o.amount.str(), " SOL needs more than ",
                                                        std::to_string(max_amount_clicks), " button clicks"}));
    plan.insert(plan.end(), units / size, button);
    units %= size;
  }
  plan.push_back(o.action == action::buy ? panel_control::buy : panel_control::sidebet);
  return plan;
}

}  // namespace replayer
