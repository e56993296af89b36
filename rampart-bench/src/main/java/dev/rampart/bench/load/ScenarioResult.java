package dev.rampart.bench.load;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The measured window of one scenario. Latencies cover successful exchanges only: a refused
 * connection fails in microseconds and would make a broken target look fast.
 *
 * @param window the measured wall time that throughput is computed over
 * @param completed exchanges finished inside the window, successful or not
 * @param errors count per {@link ErrorKinds} name, sorted by name
 * @param errorSamples the first detail seen per error kind, for diagnosis only
 * @param total start to last byte
 * @param headers start to response headers (time to first byte)
 * @param firstEvent start to first SSE event; null when the scenario is not streaming
 * @param cpu CPU time used during the window per watched process (e.g. {@code driver}, {@code sim}),
 *     sorted by label
 */
public record ScenarioResult(
    String name,
    String url,
    boolean streaming,
    int concurrency,
    Duration window,
    long completed,
    Map<String, Long> errors,
    Map<String, String> errorSamples,
    LatencySummary total,
    LatencySummary headers,
    @Nullable LatencySummary firstEvent,
    Map<String, Duration> cpu) {

  public ScenarioResult {
    errors = sorted(errors);
    errorSamples = sorted(errorSamples);
    cpu = sorted(cpu);
  }

  private static <V> Map<String, V> sorted(Map<String, V> map) {
    return Collections.unmodifiableMap(new TreeMap<>(map));
  }

  public long succeeded() {
    return total.count();
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Successful exchanges per second of measured window. */
  public double throughput() {
    double seconds = window.toNanos() / 1e9;
    return seconds == 0 ? 0 : succeeded() / seconds;
  }

  /** The latency users wait for before seeing anything: first event when streaming, else headers. */
  public LatencySummary timeToFirst() {
    return firstEvent != null ? firstEvent : headers;
  }
}
