#include "core/dashboard/metrics_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace replayer::dashboard {
namespace {

void escape_into(std::string& out, std::string_view text, bool quote) {
  for (char c : text) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (quote && c == '"') out += "\\\"";
    else out += c;
  }
}

}  // namespace

latency_histogram::latency_histogram()
    : latency_histogram({0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}) {}

latency_histogram::latency_histogram(std::vector<double> upper_bounds_seconds)
    : bounds_(std::move(upper_bounds_seconds)), counts_(bounds_.size() + 1, 0) {
  if (!std::is_sorted(bounds_.begin(), bounds_.end())) throw std::logic_error("histogram bounds must be sorted");
}

void latency_histogram::observe(std::chrono::nanoseconds d) {
  const double s = std::chrono::duration<double>(d).count();
  const auto at = std::lower_bound(bounds_.begin(), bounds_.end(), s) - bounds_.begin();
  ++counts_[static_cast<std::size_t>(at)];
  ++count_;
  sum_ += s;
}

double latency_histogram::quantile_bound(double q) const {
  if (count_ == 0) return 0;
  const auto wanted = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(count_)));
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < bounds_.size(); ++i) {
    seen += counts_[i];
    if (seen >= std::max<std::uint64_t>(wanted, 1)) return bounds_[i];
  }
  return INFINITY;
}

std::string metric_number(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (std::isnan(v)) return "NaN";
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

void metrics_text::header(std::string_view name, std::string_view type, std::string_view help) {
  out_ += "# HELP ";
  out_ += name;
  out_ += ' ';
  escape_into(out_, help, false);
  out_ += "\n# TYPE ";
  out_ += name;
  out_ += ' ';
  out_ += type;
  out_ += '\n';
}

void metrics_text::sample(std::string_view name, const std::vector<std::pair<std::string, std::string>>& labels,
                          double value) {
  out_ += name;
  if (!labels.empty()) {
    out_ += '{';
    for (std::size_t i = 0; i < labels.size(); ++i) {
      if (i) out_ += ',';
      out_ += labels[i].first;
      out_ += "=\"";
      escape_into(out_, labels[i].second, true);
      out_ += '"';
    }
    out_ += '}';
  }
  out_ += ' ';
  out_ += metric_number(value);
  out_ += '\n';
}

void metrics_text::counter(std::string_view name, std::string_view help, double value) {
  counter(name, help, std::vector<labelled>{{{}, value}});
}

void metrics_text::gauge(std::string_view name, std::string_view help, double value) {
  gauge(name, help, std::vector<labelled>{{{}, value}});
}

void metrics_text::counter(std::string_view name, std::string_view help, const std::vector<labelled>& samples) {
  header(name, "counter", help);
  for (const auto& s : samples) sample(name, s.labels, s.value);
}

void metrics_text::gauge(std::string_view name, std::string_view help, const std::vector<labelled>& samples) {
  header(name, "gauge", help);
  for (const auto& s : samples) sample(name, s.labels, s.value);
}

void metrics_text::histogram(std::string_view name, std::string_view help, const latency_histogram& h) {
  header(name, "histogram", help);
  const std::string bucket = std::string(name) + "_bucket";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i <= h.bounds().size(); ++i) {
    cumulative += h.counts()[i];
    const std::string le = i < h.bounds().size() ? metric_number(h.bounds()[i]) : "+Inf";
    sample(bucket, {{"le", le}}, static_cast<double>(cumulative));
  }
  sample(std::string(name) + "_sum", {}, h.sum_seconds());
  sample(std::string(name) + "_count", {}, static_cast<double>(h.count()));
}

}  // namespace replayer::dashboard
