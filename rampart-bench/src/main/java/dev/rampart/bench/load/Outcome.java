package dev.rampart.bench.load;

import org.jspecify.annotations.Nullable;

/**
 * One completed exchange, in {@code System.nanoTime} readings.
 *
 * @param headersNanos when the status line and headers had arrived
 * @param firstEventNanos when the first SSE event was dispatched (streaming only), else -1
 * @param error the {@link ErrorKinds} name, or null for a 2xx answer read to its end
 * @param detail what happened, for a human reading one sample per error kind
 */
record Outcome(
    long startNanos, long headersNanos, long firstEventNanos, long endNanos, @Nullable String error, @Nullable String detail) {

  static Outcome failed(long startNanos, long endNanos, String error, String detail) {
    return new Outcome(startNanos, -1, -1, endNanos, error, detail);
  }

  boolean succeeded() {
    return error == null;
  }
}
