package dev.rampart.bench.load;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Runs one open-loop scenario: a scheduler thread sends request {@code i} at its {@link
 * RateSchedule intended time}, each on a new virtual thread, whether or not earlier ones have been
 * answered, so the offered rate is fixed and the target cannot slow the load down. Requests take
 * turns on the lanes ({@code i % lanes}). Latencies are recorded from the intended time (a stalled
 * target is charged for every request it held up); the time from the actual send is kept beside
 * them as service time, and the gap between the two as send lag.
 *
 * <p>Measured are the requests intended inside the window, however late they complete; after the
 * window the driver waits up to {@link OpenLoopOptions#drainTimeout()} for them and then aborts the
 * rest, which count as errors. A run never outlasts warm-up + duration + drain timeout.
 */
public final class OpenLoopDriver {

  private static final int SIGNIFICANT_DIGITS = 3;

  /** The first request waits this long, so that it is not late because threads were still starting. */
  private static final Duration LEAD = Duration.ofMillis(20);

  public OpenLoopResult run(OpenLoopOptions options, List<Lane> lanes, List<CpuWatch> watched) throws InterruptedException {
    if (lanes.isEmpty()) {
      throw new IllegalArgumentException("an open-loop scenario needs at least one lane");
    }
    int n = lanes.size();
    List<LaneState> states = lanes.stream().map(LaneState::new).toList();
    var schedule = new RateSchedule(System.nanoTime() + LEAD.toNanos(), options.ratePerLane() * n);
    long measureStart = schedule.startNanos() + options.warmup().toNanos();
    long measureEnd = measureStart + options.duration().toNanos();
    long firstMeasured = schedule.firstAtOrAfter(measureStart);
    long end = schedule.firstAtOrAfter(measureEnd);
    var pending = new CountDownLatch(Math.toIntExact(end - firstMeasured));
    var sendLag = new Recorder(SIGNIFICANT_DIGITS);
    var inFlight = new AtomicInteger();
    int maxInFlight = 0;
    var cpu = new CpuWindow(watched, measureStart, measureEnd);

    try (var pool = new ClientPool(options.clients(), options.connectTimeout())) {
      cpu.start();
      for (long i = 0; i < end; i++) {
        long intended = schedule.intendedAt(i);
        parkUntil(intended);
        LaneState lane = states.get((int) (i % n));
        boolean measured = i >= firstMeasured;
        if (inFlight.get() >= options.maxInFlight()) {
          if (measured) {
            lane.results.record(Outcome.failed(intended, System.nanoTime(), ErrorKinds.NOT_SENT,
                options.maxInFlight() + " requests were in flight"));
            pending.countDown();
          }
          continue;
        }
        int now = inFlight.incrementAndGet();
        if (measured) {
          maxInFlight = Math.max(maxInFlight, now);
          lane.inFlight.accumulateAndGet(lane.active.incrementAndGet(), Math::max);
        }
        HttpClient client = pool.forWorker((int) (i % options.clients()));
        Thread.ofVirtual().start(() -> {
          try {
            send(lane, client, intended, measured, sendLag);
          } finally {
            inFlight.decrementAndGet();
            if (measured) {
              lane.active.decrementAndGet();
              pending.countDown();
            }
          }
        });
      }
      long drainUntil = measureEnd + options.drainTimeout().toNanos();
      if (!pending.await(Math.max(0, drainUntil - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        pool.close(); // aborts the stragglers: each fails with an I/O error, which is recorded
        pending.await(Math.max(1, options.drainTimeout().toNanos()), TimeUnit.NANOSECONDS);
      }
    }
    Map<String, Duration> cpuUsed = cpu.used();
    List<OpenLoopResult.LaneResult> results = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      LaneState lane = states.get(j);
      long offered = countFor(j, n, firstMeasured, end);
      results.add(new OpenLoopResult.LaneResult(lane.result(options.duration(), cpuUsed), offered,
          LatencySummary.of(lane.service.getIntervalHistogram())));
    }
    return new OpenLoopResult(results, LatencySummary.of(sendLag.getIntervalHistogram()), maxInFlight);
  }

  private static void send(LaneState lane, HttpClient client, long intended, boolean measured, Recorder sendLag) {
    long sent = System.nanoTime();
    Outcome outcome;
    try {
      outcome = lane.exchange.send(client);
    } catch (InterruptedException e) {
      outcome = Outcome.failed(sent, System.nanoTime(), "interrupted", "the driver was stopped");
    }
    if (!measured) {
      return;
    }
    sendLag.recordValue(Math.max(0, outcome.startNanos() - intended));
    if (outcome.succeeded()) {
      lane.service.recordValue(outcome.endNanos() - outcome.startNanos());
    }
    lane.results.record(new Outcome(intended, outcome.headersNanos(), outcome.firstEventNanos(), outcome.endNanos(),
        outcome.error(), outcome.detail()));
  }

  /** How many of the requests {@code from} (inclusive) to {@code to} (exclusive) go to lane {@code j} of {@code n}. */
  static long countFor(int j, int n, long from, long to) {
    return below(j, n, to) - below(j, n, from);
  }

  /** Requests with index below {@code limit} that go to lane {@code j}: indices j, j + n, j + 2n, ... */
  private static long below(int j, int n, long limit) {
    return limit <= j ? 0 : (limit - j + n - 1) / n;
  }

  /**
   * Parks rather than spins: on two cores shared with the target, spinning would take a core from it.
   * The timer's slack (tens of microseconds) shows up as send lag.
   */
  private static void parkUntil(long nanoTime) {
    long remaining;
    while ((remaining = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(remaining);
    }
  }

  /** One lane's exchange and recorders. */
  private static final class LaneState {
    final Lane lane;
    final Exchange exchange;
    final ScenarioRecorder results = new ScenarioRecorder();
    final Recorder service = new Recorder(SIGNIFICANT_DIGITS);
    final AtomicInteger active = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();

    LaneState(Lane lane) {
      this.lane = lane;
      this.exchange = lane.exchange();
    }

    ScenarioResult result(Duration window, Map<String, Duration> cpu) {
      return new ScenarioResult(lane.name(), lane.url(), lane.streaming(), inFlight.get(), window, results.completed(),
          results.errors(), results.errorSamples(), LatencySummary.of(results.totalNanos()),
          LatencySummary.of(results.headersNanos()), lane.streaming() ? LatencySummary.of(results.firstEventNanos()) : null,
          cpu);
    }
  }

  /**
   * CPU time of the watched processes over the measured window, sampled by its own thread at the
   * window's edges: reading {@code /proc} for a process family takes milliseconds, which the
   * scheduler must not wait for.
   */
  private static final class CpuWindow {
    private final List<CpuWatch> watched;
    private final long from;
    private final long to;
    private final Map<String, Duration> before = new LinkedHashMap<>();
    private final Map<String, Duration> after = new LinkedHashMap<>();
    private final Thread sampler;

    CpuWindow(List<CpuWatch> watched, long from, long to) {
      this.watched = watched;
      this.from = from;
      this.to = to;
      this.sampler = Thread.ofPlatform().daemon().name("open-loop-cpu").unstarted(this::sample);
    }

    void start() {
      sampler.start();
    }

    private void sample() {
      parkUntil(from);
      watched.forEach(w -> before.put(w.label(), w.cpuTime()));
      parkUntil(to);
      watched.forEach(w -> after.put(w.label(), w.cpuTime()));
    }

    Map<String, Duration> used() throws InterruptedException {
      sampler.join();
      Map<String, Duration> delta = new LinkedHashMap<>();
      after.forEach((label, cpu) -> delta.put(label, cpu.minus(before.getOrDefault(label, Duration.ZERO))));
      return delta;
    }
  }
}
