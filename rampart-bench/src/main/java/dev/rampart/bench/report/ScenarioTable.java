package dev.rampart.bench.report;

import dev.rampart.bench.load.ScenarioResult;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Scenario results as a fixed-width table for terminals and as a Markdown table for the docs.
 * Latencies are of successful exchanges; "ttfb" is the first SSE event when streaming, else the
 * response headers.
 */
public final class ScenarioTable {

  private static final String HEADER_FORMAT = "%-34s %6s %8s %10s %8s %8s %8s %8s %8s %8s %9s %9s %s%n";
  private static final String ROW_FORMAT = "%-34s %6d %8d %10.1f %8d %8.2f %8.2f %8.2f %8.2f %8.2f %9.2f %9.2f %s%n";

  private ScenarioTable() {}

  public static String text(List<ScenarioResult> results) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, HEADER_FORMAT,
        "scenario", "conc", "ok", "req/s", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms", "mean ms",
        "ttfb p50", "ttfb p99", "cpu s"));
    for (ScenarioResult r : results) {
      out.append(String.format(Locale.ROOT, ROW_FORMAT,
          r.name(), r.concurrency(), r.succeeded(), r.throughput(), r.errorCount(),
          r.total().p50(), r.total().p90(), r.total().p99(), r.total().max(), r.total().mean(),
          r.timeToFirst().p50(), r.timeToFirst().p99(), cpu(r)));
      if (r.errorCount() > 0) {
        out.append("    errors: ").append(r.errors()).append('\n');
        r.errorSamples().forEach((kind, detail) ->
            out.append("      first ").append(kind).append(": ").append(detail).append('\n'));
      }
    }
    return out.toString();
  }

  public static String markdown(List<ScenarioResult> results) {
    String header =
        "| scenario | concurrency | ok | req/s | errors | p50 ms | p90 ms | p99 ms | max ms | mean ms | ttfb p50 ms | ttfb p99 ms | CPU s |\n"
            + "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n";
    return header
        + results.stream()
            .map(r -> String.format(Locale.ROOT,
                "| %s | %d | %d | %.1f | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %s |",
                r.name(), r.concurrency(), r.succeeded(), r.throughput(), errors(r),
                r.total().p50(), r.total().p90(), r.total().p99(), r.total().max(), r.total().mean(),
                r.timeToFirst().p50(), r.timeToFirst().p99(), cpu(r)))
            .collect(Collectors.joining("\n", "", "\n"));
  }

  private static String errors(ScenarioResult r) {
    return r.errorCount() == 0 ? "0" : r.errorCount() + " " + r.errors();
  }

  /** e.g. {@code driver 3.1 sim 2.4}: CPU seconds spent during the measured window. */
  private static String cpu(ScenarioResult r) {
    return r.cpu().entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue().toNanos() / 1e9))
        .collect(Collectors.joining(" "));
  }
}
