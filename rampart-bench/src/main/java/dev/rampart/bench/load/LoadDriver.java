package dev.rampart.bench.load;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Runs one closed-loop scenario: {@code concurrency} virtual threads, each sending its next request
 * as soon as the previous one completed. Only exchanges that start after the warm-up and end
 * inside the measured window are recorded; exchanges still in flight when it closes are given
 * {@link #DRAIN_GRACE} and then aborted, so a run never outlasts warm-up + duration + grace.
 */
public final class LoadDriver {

  /** How long in-flight exchanges may finish after the window before they are cut. */
  static final Duration DRAIN_GRACE = Duration.ofSeconds(5);

  private final Duration drainGrace;

  public LoadDriver() {
    this(DRAIN_GRACE);
  }

  /** Tests shorten the grace so that a stalled target costs them milliseconds, not seconds. */
  LoadDriver(Duration drainGrace) {
    this.drainGrace = drainGrace;
  }

  /**
   * Throws IllegalArgumentException before sending anything when the options cannot form a
   * request (e.g. a header the JDK client reserves).
   */
  public ScenarioResult run(LoadOptions options, List<CpuWatch> watched) throws InterruptedException {
    var exchange = new Exchange(RequestTemplate.of(options), options.streaming());
    return run(options, watched, worker -> exchange::send);
  }

  /**
   * Each worker holds a conversation from {@code conversations} (called once per worker, before the
   * warm-up starts) and sends whatever it asks for next; {@code options} then give the scenario's
   * name, URL for the report, concurrency and timing, and not the request.
   */
  public ScenarioResult converse(LoadOptions options, List<CpuWatch> watched, IntFunction<Conversation> conversations)
      throws InterruptedException {
    if (options.streaming()) {
      throw new IllegalArgumentException("conversations read whole answers; streaming is not supported");
    }
    List<Conversation> started = new ArrayList<>(options.concurrency());
    for (int i = 0; i < options.concurrency(); i++) {
      started.add(conversations.apply(i));
    }
    return run(options, watched, worker -> client -> Exchange.converse(client, started.get(worker)));
  }

  /** Sends one request of a worker and reads its answer. */
  private interface Sender {
    Outcome send(HttpClient client) throws InterruptedException;
  }

  private ScenarioResult run(LoadOptions options, List<CpuWatch> watched, IntFunction<Sender> senders)
      throws InterruptedException {
    var recorder = new ScenarioRecorder();
    var tickets = new AtomicLong();
    var finished = new CountDownLatch(options.concurrency());
    long t0 = System.nanoTime();
    long measureStart = t0 + options.warmup().toNanos();
    long measureEnd = measureStart + options.duration().toNanos();
    var window = new Window(measureStart, measureEnd, options.maxRequests());

    try (var pool = new ClientPool(options.clients(), options.requestTimeout())) {
      List<Thread> workers = new ArrayList<>(options.concurrency());
      for (int i = 0; i < options.concurrency(); i++) {
        int worker = i;
        workers.add(
            Thread.ofVirtual()
                .name("bench-worker-" + i)
                .start(() -> {
                  try {
                    loop(senders.apply(worker), pool.forWorker(worker), window, tickets, recorder);
                  } finally {
                    finished.countDown();
                  }
                }));
      }
      sleepUntil(measureStart);
      Map<String, Duration> cpuBefore = sample(watched);
      // In count mode every worker returns once the tickets are gone; otherwise this times out at
      // the end of the window.
      boolean allDone = finished.await(Math.max(0, measureEnd - System.nanoTime()), TimeUnit.NANOSECONDS);
      long windowEnd = System.nanoTime();
      Map<String, Duration> cpu = difference(sample(watched), cpuBefore);
      if (allDone && recorder.lastEndNanos() != Long.MIN_VALUE) {
        windowEnd = Math.min(recorder.lastEndNanos(), measureEnd);
      } else if (!allDone) {
        windowEnd = measureEnd;
      }
      if (!finished.await(drainGrace.toNanos(), TimeUnit.NANOSECONDS)) {
        workers.forEach(Thread::interrupt);
      }
      pool.close();
      finished.await(drainGrace.toNanos(), TimeUnit.NANOSECONDS);
      return new ScenarioResult(
          options.name(),
          options.uri().toString(),
          options.streaming(),
          options.concurrency(),
          Duration.ofNanos(Math.max(0, windowEnd - measureStart)),
          recorder.completed(),
          recorder.errors(),
          recorder.errorSamples(),
          LatencySummary.of(recorder.totalNanos()),
          LatencySummary.of(recorder.headersNanos()),
          options.streaming() ? LatencySummary.of(recorder.firstEventNanos()) : null,
          cpu);
    }
  }

  private record Window(long start, long end, long maxRequests) {}

  private static void loop(
      Sender sender, HttpClient client, Window window, AtomicLong tickets, ScenarioRecorder recorder) {
    while (!Thread.currentThread().isInterrupted()) {
      long now = System.nanoTime();
      if (now - window.end() >= 0) {
        return;
      }
      boolean measured = now - window.start() >= 0;
      if (measured && window.maxRequests() > 0 && tickets.incrementAndGet() > window.maxRequests()) {
        return;
      }
      Outcome outcome;
      try {
        outcome = sender.send(client);
      } catch (InterruptedException e) {
        return;
      }
      if (measured && outcome.endNanos() - window.end() <= 0) {
        recorder.record(outcome);
      }
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long remaining = nanoTime - System.nanoTime();
    if (remaining > 0) {
      Thread.sleep(Duration.ofNanos(remaining));
    }
  }

  private static Map<String, Duration> sample(List<CpuWatch> watched) {
    Map<String, Duration> sample = new LinkedHashMap<>();
    watched.forEach(w -> sample.put(w.label(), w.cpuTime()));
    return sample;
  }

  private static Map<String, Duration> difference(Map<String, Duration> after, Map<String, Duration> before) {
    Map<String, Duration> delta = new LinkedHashMap<>();
    after.forEach((label, cpu) -> delta.put(label, cpu.minus(before.getOrDefault(label, Duration.ZERO))));
    return delta;
  }
}
