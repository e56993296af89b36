package dev.rampart.bench.providers;

import dev.rampart.bench.auth.BenchReport;
import dev.rampart.bench.load.LatencySummary;
import dev.rampart.bench.load.OpenLoopResult;
import dev.rampart.bench.load.OpenLoopResult.LaneResult;
import dev.rampart.bench.load.ScenarioResult;
import dev.rampart.bench.report.Json;
import dev.rampart.bench.report.ScenarioJson;
import dev.rampart.bench.report.ScenarioTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Issue #6's performance targets, judged from one {@code providers} run. Every latency counts from
 * the intended send time of an open-loop schedule. "Added" is the platform's percentile minus the
 * direct call's percentile, measured in the same scenario with the two kinds of request taking turns:
 * a difference of percentiles, not a percentile of per-request differences (those cannot be paired).
 *
 * @param context what the Markdown block says before the tables (command, date, load, server)
 */
public record ProvidersReport(String context, List<Overhead> overhead, @Nullable Ttft ttft, @Nullable Soak soak)
    implements BenchReport {

  /** Overhead targets by offered rate (requests per second): p50 and p99 added, in ms; null = none. */
  static final Map<Long, double[]> OVERHEAD_TARGETS = Map.of(200L, new double[] {0.5, 2.0}, 1000L, new double[] {Double.NaN, 5.0});
  /** Streaming: time to first token added at p50, in ms. */
  public static final double TTFT_P50_TARGET_MS = 1.0;
  /** Soak: p99 at most the simulated latency plus this, in ms. */
  public static final double SOAK_P99_MARGIN_MS = 50;
  /**
   * Soak: heap used after a full GC after the run, at most this much above the same before it. The
   * live set is "back to its level" when caches that were already warm have not grown and nothing
   * held on to 30,000 requests; 10% leaves room for the noise of one full GC to the next.
   */
  public static final double HEAP_GROWTH_TOLERANCE = 0.10;

  public ProvidersReport {
    overhead = List.copyOf(overhead);
  }

  /** One offered rate: direct (lane 0) and platform (lane 1) requests taking turns. */
  public record Overhead(long rate, OpenLoopResult result) {

    public LaneResult direct() {
      return result.lanes().get(0);
    }

    public LaneResult platform() {
      return result.lanes().get(1);
    }

    public double addedP50() {
      return platform().scenario().total().p50() - direct().scenario().total().p50();
    }

    public double addedP99() {
      return platform().scenario().total().p99() - direct().scenario().total().p99();
    }

    public long errors() {
      return direct().scenario().errorCount() + platform().scenario().errorCount();
    }

    /** The target at this rate, as text; "–" when the issue sets none. */
    public String target() {
      double[] t = OVERHEAD_TARGETS.get(rate);
      if (t == null) {
        return "–";
      }
      List<String> parts = new ArrayList<>();
      if (!Double.isNaN(t[0])) {
        parts.add(String.format(Locale.ROOT, "p50 ≤ %.1f ms", t[0]));
      }
      parts.add(String.format(Locale.ROOT, "p99 ≤ %.0f ms", t[1]));
      return String.join(", ", parts);
    }

    /** Null when the issue sets no target at this rate; false whenever a request failed. */
    public @Nullable Boolean met() {
      double[] t = OVERHEAD_TARGETS.get(rate);
      if (t == null) {
        return null;
      }
      boolean served = direct().scenario().succeeded() > 0 && platform().scenario().succeeded() > 0;
      return served && errors() == 0 && (Double.isNaN(t[0]) || addedP50() <= t[0]) && addedP99() <= t[1];
    }
  }

  /** Streams taking turns, direct (lane 0) and through the platform (lane 1), against a paced simulator. */
  public record Ttft(long rate, Duration simTtft, Duration interToken, OpenLoopResult result) {

    public LaneResult direct() {
      return result.lanes().get(0);
    }

    public LaneResult platform() {
      return result.lanes().get(1);
    }

    static LatencySummary firstPiece(LaneResult lane) {
      LatencySummary first = lane.scenario().firstEvent();
      return first == null ? LatencySummary.EMPTY : first;
    }

    public double addedP50() {
      return firstPiece(platform()).p50() - firstPiece(direct()).p50();
    }

    public long errors() {
      return direct().scenario().errorCount() + platform().scenario().errorCount();
    }

    public boolean met() {
      return errors() == 0 && firstPiece(direct()).count() > 0 && firstPiece(platform()).count() > 0
          && addedP50() <= TTFT_P50_TARGET_MS;
    }
  }

  /**
   * The platform alone under a slow model.
   *
   * @param heapBefore bytes used after a full GC before the run; null when it could not be read
   * @param heapAfter the same after the run, once every request had finished
   */
  public record Soak(long rate, Duration latency, OpenLoopResult result, @Nullable Long heapBefore, @Nullable Long heapAfter) {

    public LaneResult platform() {
      return result.lanes().getFirst();
    }

    public double successPercent() {
      long offered = platform().offered();
      return offered == 0 ? 0 : 100.0 * platform().scenario().succeeded() / offered;
    }

    public double p99TargetMs() {
      return latency.toNanos() / 1e6 + SOAK_P99_MARGIN_MS;
    }

    public @Nullable Boolean heapBack() {
      if (heapBefore == null || heapAfter == null) {
        return null;
      }
      return heapAfter <= heapBefore * (1 + HEAP_GROWTH_TOLERANCE);
    }

    public boolean met() {
      ScenarioResult s = platform().scenario();
      return s.succeeded() > 0 && s.succeeded() == platform().offered() && s.total().p99() <= p99TargetMs()
          && Boolean.TRUE.equals(heapBack());
    }
  }

  /** Every measured scenario, in the order run. */
  public List<ScenarioResult> all() {
    return Stream.of(
            overhead.stream().flatMap(o -> o.result().scenarios().stream()),
            ttft == null ? Stream.<ScenarioResult>empty() : ttft.result().scenarios().stream(),
            soak == null ? Stream.<ScenarioResult>empty() : soak.result().scenarios().stream())
        .flatMap(s -> s)
        .toList();
  }

  @Override
  public String markdown() {
    StringBuilder out = new StringBuilder(context.strip()).append("\n\n");
    if (!overhead.isEmpty()) {
      out.append("**Gateway overhead, non-streaming**: `POST /v1/chat/completions` to the simulator directly and "
          + "`POST /api/v1/providers/sim/chat` through the platform, taking turns on one open-loop schedule at the "
          + "offered rate per side; latency from the intended send time; added = platform percentile − direct "
          + "percentile (a difference of percentiles).\n\n");
      out.append("| offered req/s per side | direct ok | platform ok | errors | direct p50 ms | p99 | platform p50 ms "
          + "| p99 | added p50 ms | added p99 ms | server CPU ms per platform call | target | result |\n");
      out.append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|\n");
      for (Overhead o : overhead) {
        ScenarioResult d = o.direct().scenario();
        ScenarioResult p = o.platform().scenario();
        out.append(String.format(Locale.ROOT,
            "| %d | %d | %d | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f | %s | %s |%n",
            o.rate(), d.succeeded(), p.succeeded(), o.errors(), d.total().p50(), d.total().p99(), p.total().p50(),
            p.total().p99(), o.addedP50(), o.addedP99(), serverMsPerCall(o.platform()), o.target(), verdict(o.met())));
      }
      out.append('\n');
    }
    if (ttft != null) {
      out.append(String.format(Locale.ROOT, "**Streaming, time to first token**: the same two calls with `\"stream\":true`, "
              + "simulator at %d ms to the first token and %d ms between tokens, %d streams/s offered per side; time from "
              + "the intended send time to the first piece of text (OpenAI: the first chunk with content; platform: the "
              + "first `delta` event); target added p50 ≤ %.0f ms.%n%n",
          ttft.simTtft().toMillis(), ttft.interToken().toMillis(), ttft.rate(), TTFT_P50_TARGET_MS));
      out.append("| offered streams/s per side | direct ok | platform ok | errors | direct TTFT p50 ms | p99 "
          + "| platform TTFT p50 ms | p99 | added p50 ms | server CPU ms per platform call | result |\n");
      out.append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
      LatencySummary d = Ttft.firstPiece(ttft.direct());
      LatencySummary p = Ttft.firstPiece(ttft.platform());
      out.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f | %s |%n%n",
          ttft.rate(), ttft.direct().scenario().succeeded(), ttft.platform().scenario().succeeded(), ttft.errors(),
          d.p50(), d.p99(), p.p50(), p.p99(), ttft.addedP50(), serverMsPerCall(ttft.platform()), verdict(ttft.met())));
    }
    if (soak != null) {
      ScenarioResult s = soak.platform().scenario();
      out.append(String.format(Locale.ROOT, "**Soak**: the platform alone, non-streaming, simulator at %d ms per reply, "
              + "%d req/s offered for %d s; target 100%% success, p99 ≤ %.0f ms, heap used after a full GC back within "
              + "%.0f%% of its level before the run.%n%n",
          soak.latency().toMillis(), soak.rate(), s.window().toSeconds(), soak.p99TargetMs(), HEAP_GROWTH_TOLERANCE * 100));
      out.append("| offered | ok | success | p50 ms | p99 ms | max ms | max in flight | server CPU ms per call "
          + "| heap before MiB | after MiB | result |\n");
      out.append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
      out.append(String.format(Locale.ROOT, "| %d | %d | %.2f%% | %.2f | %.2f | %.2f | %d | %.2f | %s | %s | %s |%n%n",
          soak.platform().offered(), s.succeeded(), soak.successPercent(), s.total().p50(), s.total().p99(), s.total().max(),
          soak.result().maxInFlight(), serverMsPerCall(soak.platform()), mebibytes(soak.heapBefore()),
          mebibytes(soak.heapAfter()), verdict(soak.met())));
      if (s.errorCount() > 0) {
        out.append("Soak errors: ").append(s.errors()).append(", first of each: ").append(s.errorSamples()).append("\n\n");
      }
    }
    out.append("Driver send lag (actual send − intended time, every measured request; part of every latency above): ");
    List<String> lags = new ArrayList<>();
    overhead.forEach(o -> lags.add(lag("overhead " + o.rate() + "/s", o.result())));
    if (ttft != null) {
      lags.add(lag("ttft", ttft.result()));
    }
    if (soak != null) {
      lags.add(lag("soak", soak.result()));
    }
    out.append(String.join("; ", lags)).append(".\n\n");
    out.append("Every scenario (latency from the intended send time; for these open-loop scenarios `concurrency` is the "
            + "most requests in flight at once; ttft is the first piece of text when streaming; CPU seconds during the "
            + "measured window, the simulator's inside `server`):\n\n")
        .append(ScenarioTable.markdown(all()));
    return out.toString();
  }

  @Override
  public List<String> jsonLines() {
    List<String> lines = new ArrayList<>(all().stream().map(r -> ScenarioJson.of("providers", r)).toList());
    Json summary = new Json().put("benchmark", "providers-summary");
    Json rates = new Json();
    for (Overhead o : overhead) {
      rates.put("r" + o.rate(), new Json()
          .put("direct_p50_ms", o.direct().scenario().total().p50())
          .put("direct_p99_ms", o.direct().scenario().total().p99())
          .put("platform_p50_ms", o.platform().scenario().total().p50())
          .put("platform_p99_ms", o.platform().scenario().total().p99())
          .put("added_p50_ms", o.addedP50())
          .put("added_p99_ms", o.addedP99())
          .put("errors", o.errors())
          .put("send_lag_p99_ms", o.result().sendLag().p99())
          .put("met", String.valueOf(o.met())));
    }
    summary.put("overhead", rates);
    if (ttft != null) {
      summary.put("ttft", new Json()
          .put("rate", ttft.rate())
          .put("direct_p50_ms", Ttft.firstPiece(ttft.direct()).p50())
          .put("platform_p50_ms", Ttft.firstPiece(ttft.platform()).p50())
          .put("added_p50_ms", ttft.addedP50())
          .put("errors", ttft.errors())
          .put("met", ttft.met()));
    }
    if (soak != null) {
      ScenarioResult s = soak.platform().scenario();
      summary.put("soak", new Json()
          .put("rate", soak.rate())
          .put("latency_ms", soak.latency().toMillis())
          .put("offered", soak.platform().offered())
          .put("succeeded", s.succeeded())
          .put("success_percent", soak.successPercent())
          .put("p50_ms", s.total().p50())
          .put("p99_ms", s.total().p99())
          .put("max_in_flight", soak.result().maxInFlight())
          .put("heap_before_bytes", soak.heapBefore() == null ? -1 : soak.heapBefore())
          .put("heap_after_bytes", soak.heapAfter() == null ? -1 : soak.heapAfter())
          .put("met", soak.met()));
    }
    lines.add(summary.toString());
    return lines;
  }

  /**
   * The server JVM's CPU over the measured window (the in-process simulator's included, for the
   * direct calls too) per platform call that window offered: what one call costs, and so how many the
   * two cores can serve.
   */
  static double serverMsPerCall(LaneResult platform) {
    long calls = platform.offered();
    Duration cpu = platform.scenario().cpu().getOrDefault("server", Duration.ZERO);
    return calls == 0 ? 0 : cpu.toNanos() / 1e6 / calls;
  }

  private static String verdict(@Nullable Boolean met) {
    return met == null ? "–" : met ? "met" : "missed";
  }

  private static String mebibytes(@Nullable Long bytes) {
    return bytes == null ? "?" : String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
  }

  private static String lag(String name, OpenLoopResult result) {
    LatencySummary lag = result.sendLag();
    return String.format(Locale.ROOT, "%s p50 %.3f, p99 %.3f, max %.2f ms", name, lag.p50(), lag.p99(), lag.max());
  }
}
