#pragma once
// The Prometheus text exposition format (version 0.0.4), written: families with # HELP and
// # TYPE, samples with escaped label values, histograms with cumulative buckets, _sum and _count.
// Pure: the caller hands in the values.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace replayer::dashboard {

/// A latency histogram with fixed bucket bounds, in seconds. Counts are per bucket; the text
/// makes them cumulative as the format wants.
class latency_histogram {
public:
  /// 0.1 ms .. 10 s, roughly x2.5 apart.
  latency_histogram();
  explicit latency_histogram(std::vector<double> upper_bounds_seconds);

  void observe(std::chrono::nanoseconds d);
  const std::vector<double>& bounds() const { return bounds_; }
  const std::vector<std::uint64_t>& counts() const { return counts_; }  // one more than bounds: +Inf
  std::uint64_t count() const { return count_; }
  double sum_seconds() const { return sum_; }
  /// The upper bound of the bucket holding quantile q (0..1): a coarse p50 / p99 for reports.
  double quantile_bound(double q) const;

private:
  std::vector<double> bounds_;
  std::vector<std::uint64_t> counts_;
  std::uint64_t count_ = 0;
  double sum_ = 0;
};


class metrics_text {
public:
  /// A counter family: name should end in _total.
  void counter(std::string_view name, std::string_view help, double value);
  void gauge(std::string_view name, std::string_view help, double value);
  /// A family with one sample per label set, every sample given at once.
  struct labelled { std::vector<std::pair<std::string, std::string>> labels; double value = 0; };
  void counter(std::string_view name, std::string_view help, const std::vector<labelled>& samples);
  void gauge(std::string_view name, std::string_view help, const std::vector<labelled>& samples);
  void histogram(std::string_view name, std::string_view help, const latency_histogram& h);

  const std::string& text() const { return out_; }

private:
  void header(std::string_view name, std::string_view type, std::string_view help);
  void sample(std::string_view name, const std::vector<std::pair<std::string, std::string>>& labels, double value);
  std::string out_;
};

/// "1", "0.25", "+Inf": numbers as the format writes them.
std::string metric_number(double v);

}  // namespace replayer::dashboard
