package dev.rampart.bench.gateway;

import dev.rampart.bench.auth.AuthReport;
import dev.rampart.bench.auth.AuthReport.Comparison;
import dev.rampart.bench.auth.BenchReport;
import dev.rampart.bench.load.LatencySummary;
import dev.rampart.bench.load.ScenarioResult;
import dev.rampart.bench.report.Json;
import dev.rampart.bench.report.ScenarioJson;
import dev.rampart.bench.report.ScenarioTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue #5's performance target, from the scenarios of one {@code gateway} run: with the full gateway
 * chain, the same authenticated GET keeps its p99 latency within {@value #P99_RATIO_TARGET} times the
 * p99 with the chain off. Each side's percentiles are over all its rounds' requests together (the
 * rounds' histograms added), not an average of per-round percentiles.
 *
 * @param measured the rounds per concurrency, and what the Markdown block says before the tables
 */
public record GatewayReport(AuthReport measured) implements BenchReport {

  /** p99 with the chain on, over p99 with it off, at most. */
  public static final double P99_RATIO_TARGET = 1.30;

  /** One concurrency: the rounds against each server, and the latency of all of each side's requests. */
  public record Level(Comparison rounds, LatencySummary off, LatencySummary on) {

    static Level of(Comparison rounds) {
      return new Level(rounds, latency(rounds.off()), latency(rounds.on()));
    }

    private static LatencySummary latency(List<ScenarioResult> results) {
      return LatencySummary.combined(results.stream().map(ScenarioResult::total).toList());
    }

    /** 0 when the baseline served nothing. */
    public double p99Ratio() {
      return off.p99() == 0 ? 0 : on.p99() / off.p99();
    }

    /** Both sides served requests, none failed, and the p99 ratio is within the target. */
    public boolean met() {
      return rounds.errors() == 0 && off.count() > 0 && on.count() > 0 && p99Ratio() <= P99_RATIO_TARGET;
    }
  }

  public List<Level> levels() {
    return measured.overhead().stream().map(Level::of).toList();
  }

  /** Every level meets the target. */
  public boolean met() {
    List<Level> levels = levels();
    return !levels.isEmpty() && levels.stream().allMatch(Level::met);
  }

  @Override
  public String markdown() {
    StringBuilder out = new StringBuilder(measured.context().strip()).append("\n\n");
    out.append(String.format(Locale.ROOT,
        "**Gateway chain on `GET %s`**: the same authenticated requests against the server with the chain off and on, "
            + "alternating; p50 and p99 over all the rounds' requests of each side; target p99 on/off ≤ %.2f. %s.%n%n",
        measured.path(), P99_RATIO_TARGET, met() ? "Met" : "Missed"));
    out.append("| concurrency | rounds | off req/s | on req/s | p50 ms off | on | p99 ms off | on | p99 on/off "
        + "| server CPU µs/req off | on | DB CPU µs/req off | on | errors | target |\n");
    out.append("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
    for (Level level : levels()) {
      Comparison c = level.rounds();
      out.append(String.format(Locale.ROOT,
          "| %d | %d | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f | %.1f | %d | %s |%n",
          c.concurrency(), c.on().size(), AuthReport.throughput(c.off()), AuthReport.throughput(c.on()),
          level.off().p50(), level.on().p50(), level.off().p99(), level.on().p99(), level.p99Ratio(),
          AuthReport.micros(c.off(), "server"), AuthReport.micros(c.on(), "server"),
          AuthReport.micros(c.off(), "db"), AuthReport.micros(c.on(), "db"), c.errors(), level.met() ? "met" : "missed"));
    }
    out.append("\nEvery scenario (CPU seconds during each measured window):\n\n")
        .append(ScenarioTable.markdown(measured.all()));
    return out.toString();
  }

  @Override
  public List<String> jsonLines() {
    List<String> lines = new ArrayList<>(measured.all().stream().map(r -> ScenarioJson.of("gateway", r)).toList());
    Json levels = new Json();
    for (Level level : levels()) {
      Comparison c = level.rounds();
      levels.put("c" + c.concurrency(), new Json()
          .put("rounds", c.on().size())
          .put("rps_off", AuthReport.throughput(c.off()))
          .put("rps_on", AuthReport.throughput(c.on()))
          .put("p50_ms_off", level.off().p50())
          .put("p50_ms_on", level.on().p50())
          .put("p99_ms_off", level.off().p99())
          .put("p99_ms_on", level.on().p99())
          .put("p99_ratio", level.p99Ratio())
          .put("server_us_off", AuthReport.micros(c.off(), "server"))
          .put("server_us_on", AuthReport.micros(c.on(), "server"))
          .put("db_us_off", AuthReport.micros(c.off(), "db"))
          .put("db_us_on", AuthReport.micros(c.on(), "db"))
          .put("errors", c.errors())
          .put("met", level.met()));
    }
    lines.add(new Json().put("benchmark", "gateway-summary").put("path", measured.path())
        .put("p99_ratio_target", P99_RATIO_TARGET).put("levels", levels).put("met", met()).toString());
    return lines;
  }
}
