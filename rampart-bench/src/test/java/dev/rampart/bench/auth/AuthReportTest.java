package dev.rampart.bench.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.bench.load.LatencySummary;
import dev.rampart.bench.load.ScenarioResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arithmetic behind the two targets, on made-up scenario results. */
class AuthReportTest {

  private static ScenarioResult result(String name, int concurrency, long ok, double windowSeconds, double serverCpuSeconds,
      double dbCpuSeconds, Map<String, Long> errors) {
    long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
    LatencySummary latency = new LatencySummary(ok, 2, 3, 4, 5, 2.5);
    return new ScenarioResult(name, "http://127.0.0.1:1/x", false, concurrency,
        Duration.ofNanos((long) (windowSeconds * 1e9)), ok + errorCount, errors, Map.of(), latency, latency, null,
        Map.of("server", seconds(serverCpuSeconds), "db", seconds(dbCpuSeconds), "driver", seconds(1)));
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos((long) (s * 1e9));
  }

  @Test
  void theRatioAndTheCpuPerRequestAddUpOverTheRounds() {
    // off: 20,000 requests in 10 s with 4 s of server CPU = 200 µs each; on: 16,000 in 10 s with 3.6 s + 0.16 s of DB
    var comparison = new AuthReport.Comparison(16,
        List.of(result("off 1", 16, 10_000, 5, 2, 0, Map.of()), result("off 2", 16, 10_000, 5, 2, 0, Map.of())),
        List.of(result("on 1", 16, 8_000, 5, 1.8, 0.08, Map.of()), result("on 2", 16, 8_000, 5, 1.8, 0.08, Map.of())));

    assertThat(comparison.ratio()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(AuthReport.micros(comparison.off(), "server")).isCloseTo(200, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(comparison.addedServerMicros()).isCloseTo(25, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(comparison.addedMicros()).isCloseTo(35, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(comparison.met()).isTrue();
  }

  @Test
  void aLowRatioTooMuchCpuOrAnyErrorMissesTargetA() {
    var slow = new AuthReport.Comparison(64, List.of(result("off", 64, 10_000, 10, 2, 0, Map.of())),
        List.of(result("on", 64, 7_000, 10, 1.4, 0, Map.of())));
    var costly = new AuthReport.Comparison(64, List.of(result("off", 64, 10_000, 10, 2, 0, Map.of())),
        List.of(result("on", 64, 10_000, 10, 2.6, 0, Map.of())));
    var failing = new AuthReport.Comparison(64, List.of(result("off", 64, 10_000, 10, 2, 0, Map.of())),
        List.of(result("on", 64, 10_000, 10, 2, 0, Map.of("http_401", 1L))));

    assertThat(slow.met()).isFalse();
    assertThat(costly.addedMicros()).isCloseTo(60, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(costly.met()).isFalse();
    assertThat(failing.errors()).isEqualTo(1);
    assertThat(failing.met()).isFalse();
  }

  @Test
  void refreshMeetsItsTargetWhenOneLevelReachesItAndNoLevelHadAnError() {
    var fast = new AuthReport.Refresh(result("refresh 64", 64, 15_000, 10, 6, 2, Map.of()), 0);
    var slow = new AuthReport.Refresh(result("refresh 16", 16, 9_000, 10, 5, 2, Map.of()), 0);
    var failed = new AuthReport.Refresh(result("refresh 16", 16, 15_000, 10, 5, 2, Map.of("http_401", 1L)), 1);

    assertThat(new AuthReport("/x", List.of(), List.of(slow, fast), "").refreshMet()).isTrue();
    assertThat(new AuthReport("/x", List.of(), List.of(slow), "").refreshMet()).isFalse();
    assertThat(new AuthReport("/x", List.of(), List.of(fast, failed), "").refreshMet()).isFalse();
  }

  @Test
  void theMarkdownAndTheJsonCarryEveryRowAndTheVerdicts() {
    var comparison = new AuthReport.Comparison(16, List.of(result("off 1", 16, 10_000, 10, 2, 0, Map.of())),
        List.of(result("on 1", 16, 9_000, 10, 2, 0, Map.of())));
    var refresh = new AuthReport.Refresh(result("refresh 16", 16, 12_000, 10, 6, 2, Map.of()), 0);
    var report = new AuthReport("/api/v1/providers", List.of(comparison), List.of(refresh), "Command: `x`\n");

    assertThat(report.markdown())
        .startsWith("Command: `x`")
        .contains("| 16 | 1 | 1000 | 900 | 0.90 | 200.0 | 222.2 | 22.2 |", "| met |", "| 16 | 12000 | 1200 |")
        .contains("GET /api/v1/providers", "| off 1 | 16 | 10000 |", "| refresh 16 | 16 | 12000 |");
    List<String> lines = report.jsonLines();
    assertThat(lines).hasSize(4);
    assertThat(lines.getLast()).startsWith("{\"benchmark\":\"auth-summary\"")
        .contains("\"ratio\":0.900", "\"overhead_met\":true", "\"refresh_met\":true");
  }

  @Test
  void theLoadAverageIsTheFirstFieldOfProcLoadavg() {
    assertThat(AuthBench.LoadAverage.parse("0.80 1.05 1.37 3/512 4242\n")).isEqualTo("0.80");
    assertThat(AuthBench.LoadAverage.parse("")).isEqualTo("unknown");
  }
}
