package dev.rampart.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.bench.auth.AuthReport;
import dev.rampart.bench.auth.AuthReport.Comparison;
import dev.rampart.bench.load.LatencySummary;
import dev.rampart.bench.load.ScenarioResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The arithmetic and the wording of issue #5's latency target, on made-up scenario results. */
class GatewayReportTest {

  private static final long MS = 1_000_000;

  /** {@code ok} requests in 10 s: 98% take {@code fastMs}, 2% {@code slowMs}; 2 s of server CPU, 1 s of DB CPU. */
  private static ScenarioResult round(String name, int concurrency, int ok, long fastMs, long slowMs, Map<String, Long> errors) {
    Histogram nanos = new Histogram(3);
    for (int i = 0; i < ok; i++) {
      nanos.recordValue((i % 50 == 49 ? slowMs : fastMs) * MS);
    }
    LatencySummary latency = LatencySummary.of(nanos);
    long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
    return new ScenarioResult(name, "http://127.0.0.1:1/api/v1/roles", false, concurrency, Duration.ofSeconds(10),
        ok + errorCount, errors, Map.of(), latency, latency, null,
        Map.of("server", Duration.ofSeconds(2), "db", Duration.ofSeconds(1), "driver", Duration.ofSeconds(1)));
  }

  private static GatewayReport report(Comparison... levels) {
    return new GatewayReport(new AuthReport("/api/v1/roles", List.of(levels), List.of(), "Command: `x`\n"));
  }

  @Test
  void theP99OfEachSideIsOverAllItsRoundsAndTheRatioIsOnOverOff() {
    // off: p99 of each round 4 ms; on: round 1 has its slow 2% at 5 ms, round 2 at 6 ms, so the p99 of all
    // of on's requests is 5 ms (the mean of the rounds' p99s would say 5.5, the worst 6).
    var level = GatewayReport.Level.of(new Comparison(16,
        List.of(round("off 1", 16, 10_000, 1, 4, Map.of()), round("off 2", 16, 10_000, 1, 4, Map.of())),
        List.of(round("on 1", 16, 10_000, 1, 5, Map.of()), round("on 2", 16, 10_000, 1, 6, Map.of()))));

    assertThat(level.off().count()).isEqualTo(20_000);
    assertThat(level.off().p99()).isCloseTo(4, within(0.01));
    assertThat(level.on().p99()).isCloseTo(5, within(0.01));
    assertThat(level.on().p50()).isCloseTo(1, within(0.01));
    assertThat(level.p99Ratio()).isCloseTo(1.25, within(0.005));
    assertThat(level.met()).isTrue();
  }

  @Test
  void aRatioAboveTheTargetOrAnyErrorMissesIt() {
    var slow = new Comparison(64, List.of(round("off", 64, 10_000, 1, 4, Map.of())),
        List.of(round("on", 64, 10_000, 1, 6, Map.of())));
    var failing = new Comparison(16, List.of(round("off", 16, 10_000, 1, 4, Map.of())),
        List.of(round("on", 16, 10_000, 1, 4, Map.of("http_429", 3L))));
    var fine = new Comparison(16, List.of(round("off", 16, 10_000, 1, 4, Map.of())),
        List.of(round("on", 16, 10_000, 1, 5, Map.of())));

    assertThat(GatewayReport.Level.of(slow).p99Ratio()).isCloseTo(1.5, within(0.005));
    assertThat(GatewayReport.Level.of(slow).met()).isFalse();
    assertThat(GatewayReport.Level.of(failing).met()).isFalse();
    assertThat(report(fine).met()).isTrue();
    assertThat(report(fine, slow).met()).isFalse();
    assertThat(report().met()).isFalse();
  }

  @Test
  void theMarkdownAndTheJsonCarryEveryLevelAndTheVerdict() {
    var fine = new Comparison(16, List.of(round("off 1", 16, 10_000, 1, 4, Map.of())),
        List.of(round("on 1", 16, 9_000, 1, 5, Map.of())));
    var slow = new Comparison(64, List.of(round("off 1", 64, 10_000, 2, 8, Map.of())),
        List.of(round("on 1", 64, 10_000, 2, 12, Map.of())));
    GatewayReport report = report(fine, slow);

    assertThat(report.markdown())
        .startsWith("Command: `x`")
        .contains("**Gateway chain on `GET /api/v1/roles`**", "target p99 on/off ≤ 1.30. Missed.")
        .contains("| 16 | 1 | 1000 | 900 | 1.00 | 1.00 | 4.00 | 5.00 | 1.25 | 200.0 | 222.2 | 100.0 | 111.1 | 0 | met |")
        .contains("| 64 | 1 | 1000 | 1000 | 2.00 | 2.00 | 8.00 | 12.00 | 1.50 | 200.0 | 200.0 | 100.0 | 100.0 | 0 | missed |")
        .contains("| off 1 | 16 | 10000 |", "| on 1 | 64 | 10000 |");
    List<String> lines = report.jsonLines();
    assertThat(lines).hasSize(5);
    assertThat(lines.getFirst()).startsWith("{\"benchmark\":\"gateway\",\"scenario\":\"off 1\"");
    // 12.001 / 8.004 ms, as HdrHistogram's three significant digits hold 12 and 8 ms
    assertThat(lines.getLast()).startsWith("{\"benchmark\":\"gateway-summary\",\"path\":\"/api/v1/roles\"")
        .contains("\"p99_ratio_target\":1.300", "\"c16\":{\"rounds\":1", "\"p99_ratio\":1.250", "\"p99_ratio\":1.499")
        .endsWith("\"met\":false}");
  }
}
