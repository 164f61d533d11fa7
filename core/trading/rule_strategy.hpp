#pragma once
// A strategy written as data: an ordered rule table read from JSON (docs/strategies.md). The
// first rule whose action is offered and whose conditions all hold decides; no match, no order.
#include "core/trading/strategy.hpp"

#include <boost/system/result.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace replayer {

class rule_strategy final : public strategy {
public:
  enum class field : std::uint8_t { price, tick, pnl_pct, ticks_held, balance, has_position, has_sidebet, phase };
  enum class comparison : std::uint8_t { lt, le, gt, ge, eq, ne };

  struct condition {
    field subject = field::price;
    comparison op = comparison::lt;
    std::string operand;  // literal, "$parameter", "true"/"false", or a phase name
  };
  struct rule {
    replayer::action action = action::buy;
    std::string amount;  // literal or "$parameter"
    std::vector<condition> when;
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

private:
  // Conditions with parameters resolved to exact values, evaluated on every tick.
  struct compiled_condition {
    field subject;
    comparison op;
    decimal value;
    replayer::phase phase_value = phase::unknown;
  };
  struct compiled_rule {
    replayer::action action;
    decimal amount;
    std::vector<compiled_condition> when;
    bool needs_pnl = false;
  };
  std::optional<std::string> compile();

  std::string name_;
  std::string description_;
  std::vector<std::pair<std::string, std::string>> parameters_;
  std::vector<rule> rules_;
  std::vector<compiled_rule> compiled_;
};

}  // namespace replayer
