package dev.rampart.bench.load;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Percentiles of one latency distribution, in milliseconds. Values come from an HdrHistogram with
 * three significant digits, so each is exact to within 0.1%. A summary made {@link #of} a histogram
 * keeps a copy of it, so that summaries of several windows can be {@link #combined} into the
 * percentiles of all their exchanges together (a p99 of several rounds is not the mean of their p99s).
 *
 * @param histogram the nanoseconds behind the figures; null when the summary was written by hand
 */
public record LatencySummary(long count, double p50, double p90, double p99, double max, double mean,
    @Nullable Histogram histogram) {

  public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

  private static final double NANOS_PER_MILLI = 1_000_000.0;

  private static final int SIGNIFICANT_DIGITS = 3;

  /** Figures without their histogram (they cannot be combined). */
  public LatencySummary(long count, double p50, double p90, double p99, double max, double mean) {
    this(count, p50, p90, p99, max, mean, null);
  }

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
        nanos.getMean() / NANOS_PER_MILLI,
        nanos.copy());
  }

  /**
   * The distribution of every exchange of {@code summaries} together: their histograms added up.
   * Empty summaries count for nothing; throws IllegalArgumentException for a non-empty summary
   * without its histogram.
   */
  public static LatencySummary combined(List<LatencySummary> summaries) {
    Histogram all = new Histogram(SIGNIFICANT_DIGITS);
    for (LatencySummary summary : summaries) {
      if (summary.count() == 0) {
        continue;
      }
      if (summary.histogram == null) {
        throw new IllegalArgumentException("a latency summary without its histogram cannot be combined");
      }
      all.add(summary.histogram);
    }
    return of(all);
  }

  /** A copy: the summary's figures stay those of the histogram it was made of. */
  @Override
  public @Nullable Histogram histogram() {
    return histogram == null ? null : histogram.copy();
  }

  private static double millis(long nanos) {
    return nanos / NANOS_PER_MILLI;
  }
}
