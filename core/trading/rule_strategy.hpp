#pragma once
// A strategy written as data: an ordered rule table read from JSON (docs/strategies.md). The
// first rule whose action is offered and whose conditions hold decides; no match, no order.
// Conditions compare the tick, the wallet and the session's decision inputs (the game's peak,
// ticks since the last fill, the streaks) with exact decimals; `any` and `all` groups combine
// them. An amount is SOL, a fraction of the balance, and may grow with a streak up to a cap.
#include "core/trading/strategy.hpp"

#include <boost/system/result.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace replayer {

class rule_strategy final : public strategy {
public:
  enum class field : std::uint8_t {
    price, tick, pnl_pct, ticks_held, balance, has_position, has_sidebet, phase,
    peak, from_peak_pct, ticks_since_trade, streak, sidebet_streak,
  };
  enum class comparison : std::uint8_t { lt, le, gt, ge, eq, ne };

  struct condition {
    field subject = field::price;
    comparison op = comparison::lt;
    std::string operand;  // literal, "$parameter", "true"/"false", or a phase name
  };
  /// One element of a `when` list: a condition, or a group of elements of which all or any must hold.
  struct when_node {
    enum class kind : std::uint8_t { condition, all, any };
    kind type = kind::condition;
    condition leaf;                 // for kind::condition
    std::vector<when_node> items;   // for the groups
    std::string path;               // its JSON path, for messages
  };
  /// `"amount"`: a text (SOL, or a sell's fraction), or an object {sol | of_balance, times_after_loss,
  /// times_after_win, max}. Texts may be "$parameter"; empty ones were not given.
  struct amount_spec {
    bool object = false;
    bool of_balance = false;  // base is the fraction of the cash balance
    std::string base;         // SOL, the sell fraction, or the fraction of the balance
    std::string times_after_loss, times_after_win, max;
  };
  struct rule {
    replayer::action action = action::buy;
    amount_spec amount;
    std::vector<when_node> when;  // all must hold
    std::string at_tick;          // empty, or the tick (literal or "$parameter") of the game it holds at
  };

  /// Parses a rule table; the error names `source` and what is wrong.
  static boost::system::result<rule_strategy, std::string> parse(std::string_view json, std::string_view source);

  const std::string& name() const { return name_; }
  const std::string& description() const { return description_; }
  const std::vector<std::pair<std::string, std::string>>& parameters() const { return parameters_; }
  bool has_parameter(std::string_view key) const;
  /// Changes a parameter (as in `--set key=value`); the reason when it is unknown or unusable.
  std::optional<std::string> set_parameter(std::string_view key, std::string_view value);

  std::optional<order> decide(const decision_view& view) override;

  /// Groups nest at most this deep (a group inside `when` is depth 1).
  static constexpr std::size_t max_group_depth = 4;

private:
  // Rules with parameters resolved to exact values, evaluated on every tick.
  struct compiled_node {
    when_node::kind type = when_node::kind::condition;
    field subject = field::price;
    comparison op = comparison::lt;
    decimal value;
    replayer::phase phase_value = phase::unknown;
    std::vector<compiled_node> items;
  };
  struct compiled_amount {
    bool computed = false;  // an object: the result is rounded down to whole thousandths
    bool of_balance = false;
    decimal base;
    decimal after_loss = decimal::from_int(1), after_win = decimal::from_int(1);
    std::optional<decimal> max;
  };
  struct compiled_rule {
    replayer::action action;
    compiled_amount amount;
    std::vector<compiled_node> when;
    std::optional<std::int64_t> at_tick;
  };
  class evaluation;
  std::optional<std::string> compile();
  boost::system::result<compiled_node, std::string> compile_node(const when_node& in) const;
  boost::system::result<compiled_amount, std::string> compile_amount(const rule& in, std::size_t r) const;

  std::string name_;
  std::string description_;
  std::vector<std::pair<std::string, std::string>> parameters_;
  std::vector<rule> rules_;
  std::vector<compiled_rule> compiled_;
};

}  // namespace replayer
