package dev.rampart.bench.load;

/**
 * When each request of an open-loop scenario is meant to be sent: request {@code i} at {@code
 * startNanos + i / rate} seconds, whatever happened to the requests before it. Latency is measured
 * from these intended times, so a target that stalls is charged for every request it delayed, and
 * not only for the one it was serving (no coordinated omission). Integer arithmetic, so the times
 * never drift from the rate however long the run.
 *
 * @param startNanos {@code System.nanoTime} reading of request 0
 * @param ratePerSecond requests per second, all lanes together
 */
public record RateSchedule(long startNanos, long ratePerSecond) {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  public RateSchedule {
    if (ratePerSecond < 1) {
      throw new IllegalArgumentException("rate must be at least 1 request per second, got " + ratePerSecond);
    }
  }

  /** The intended send time of request {@code index} (0-based). */
  public long intendedAt(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("request index must be >= 0, got " + index);
    }
    return startNanos + index / ratePerSecond * NANOS_PER_SECOND
        + index % ratePerSecond * NANOS_PER_SECOND / ratePerSecond;
  }

  /** The index of the first request intended at or after {@code nanoTime}: how many come before it. */
  public long firstAtOrAfter(long nanoTime) {
    long offset = nanoTime - startNanos;
    if (offset <= 0) {
      return 0;
    }
    long seconds = offset / NANOS_PER_SECOND;
    long rest = offset % NANOS_PER_SECOND;
    // ceil(rest * rate / 1e9), exact: rest < 1e9 and the rate is far below 9.2e9.
    return seconds * ratePerSecond + (rest * ratePerSecond + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
  }
}
