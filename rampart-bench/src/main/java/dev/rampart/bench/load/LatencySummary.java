package dev.rampart.bench.load;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency distribution, in milliseconds. Values come from an HdrHistogram with
 * three significant digits, so each is exact to within 0.1%.
 */
public record LatencySummary(long count, double p50, double p90, double p99, double max, double mean) {

  public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

  private static final double NANOS_PER_MILLI = 1_000_000.0;

  /** The histogram must hold nanoseconds. */
  public static LatencySummary of(Histogram nanos) {
    if (nanos.getTotalCount() == 0) {
      return EMPTY;
    }
    return new LatencySummary(
        nanos.getTotalCount(),
        millis(nanos.getValueAtPercentile(50)),
        millis(nanos.getValueAtPercentile(90)),
        millis(nanos.getValueAtPercentile(99)),
        millis(nanos.getMaxValue()),
        nanos.getMean() / NANOS_PER_MILLI);
  }

  private static double millis(long nanos) {
    return nanos / NANOS_PER_MILLI;
  }
}
