package dev.rampart.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Collects outcomes from many workers at once. HdrHistogram's {@link Recorder} is wait-free for
 * writers, so one shared instance replaces a histogram per worker (which at 1,000 workers would
 * cost hundreds of megabytes).
 */
final class ScenarioRecorder {

  /** Three significant digits: every reported value is within 0.1% of the truth. */
  private static final int SIGNIFICANT_DIGITS = 3;

  private final Recorder total = new Recorder(SIGNIFICANT_DIGITS);
  private final Recorder headers = new Recorder(SIGNIFICANT_DIGITS);
  private final Recorder firstEvent = new Recorder(SIGNIFICANT_DIGITS);
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<String, String> errorSamples = new ConcurrentHashMap<>();
  private final LongAdder completed = new LongAdder();
  private final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);

  void record(Outcome outcome) {
    completed.increment();
    lastEnd.accumulateAndGet(outcome.endNanos(), Math::max);
    if (!outcome.succeeded()) {
      errors.computeIfAbsent(outcome.error(), k -> new LongAdder()).increment();
      errorSamples.putIfAbsent(outcome.error(), String.valueOf(outcome.detail()));
      return;
    }
    total.recordValue(outcome.endNanos() - outcome.startNanos());
    if (outcome.headersNanos() >= 0) {
      headers.recordValue(outcome.headersNanos() - outcome.startNanos());
    }
    if (outcome.firstEventNanos() >= 0) {
      firstEvent.recordValue(outcome.firstEventNanos() - outcome.startNanos());
    }
  }

  long completed() {
    return completed.sum();
  }

  /** The end of the latest recorded exchange, or Long.MIN_VALUE when none was recorded. */
  long lastEndNanos() {
    return lastEnd.get();
  }

  Map<String, Long> errors() {
    Map<String, Long> sorted = new TreeMap<>();
    errors.forEach((kind, count) -> sorted.put(kind, count.sum()));
    return sorted;
  }

  /** The first detail seen for each error kind. */
  Map<String, String> errorSamples() {
    return new TreeMap<>(errorSamples);
  }

  /** Call once, after every worker has stopped. */
  Histogram totalNanos() {
    return total.getIntervalHistogram();
  }

  Histogram headersNanos() {
    return headers.getIntervalHistogram();
  }

  Histogram firstEventNanos() {
    return firstEvent.getIntervalHistogram();
  }
}
