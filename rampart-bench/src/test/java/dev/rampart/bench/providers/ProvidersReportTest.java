package dev.rampart.bench.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.bench.load.LatencySummary;
import dev.rampart.bench.load.OpenLoopResult;
import dev.rampart.bench.load.OpenLoopResult.LaneResult;
import dev.rampart.bench.load.ScenarioResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Met or missed, from hand-written percentiles. */
class ProvidersReportTest {

  private static final long MIB = 1 << 20;

  private static LaneResult lane(String name, double p50, double p99, long errors) {
    return lane(name, p50, p99, errors, null);
  }

  private static LaneResult lane(String name, double p50, double p99, long errors, LatencySummary firstPiece) {
    var latency = new LatencySummary(1000 - errors, p50, p99, p99, p99, p50);
    var result = new ScenarioResult(name, "http://127.0.0.1/x", firstPiece != null, 4, Duration.ofSeconds(5), 1000,
        errors == 0 ? Map.of() : Map.of("http_502", errors), Map.of(), latency, latency, firstPiece, Map.of());
    return new LaneResult(result, 1000, latency);
  }

  private static ProvidersReport.Overhead overhead(long rate, double addedP50, double addedP99, long errors) {
    return new ProvidersReport.Overhead(rate, new OpenLoopResult(
        List.of(lane("direct", 1.0, 3.0, 0), lane("platform", 1.0 + addedP50, 3.0 + addedP99, errors)),
        LatencySummary.EMPTY, 8));
  }

  @Test
  void at200PerSecondBothThePercentilesAddedCount() {
    assertThat(overhead(200, 0.4, 1.5, 0).met()).isTrue();
    assertThat(overhead(200, 0.6, 1.5, 0).met()).isFalse();
    assertThat(overhead(200, 0.4, 2.5, 0).met()).isFalse();
    assertThat(overhead(200, 0.4, 1.5, 0).target()).isEqualTo("p50 ≤ 0.5 ms, p99 ≤ 2 ms");
  }

  @Test
  void at1000PerSecondOnlyTheP99AddedCounts() {
    assertThat(overhead(1000, 3.0, 4.0, 0).met()).isTrue();
    assertThat(overhead(1000, 0.1, 5.5, 0).met()).isFalse();
    assertThat(overhead(1000, 0.1, 1.0, 0).target()).isEqualTo("p99 ≤ 5 ms");
  }

  @Test
  void aRateTheIssueSetsNoTargetForIsReportedWithoutAVerdict() {
    assertThat(overhead(500, 9, 99, 0).met()).isNull();
    assertThat(overhead(500, 9, 99, 0).target()).isEqualTo("–");
  }

  @Test
  void anyFailedRequestMissesTheTarget() {
    assertThat(overhead(200, 0.1, 0.2, 1).met()).isFalse();
  }

  @Test
  void ttftComparesTheMediansOfTheFirstPiece() {
    var direct = lane("direct, stream", 40, 60, 0, new LatencySummary(1000, 21.0, 22, 25, 30, 21));
    var fast = lane("platform, stream", 40, 60, 0, new LatencySummary(1000, 21.8, 23, 27, 30, 22));
    var slow = lane("platform, stream", 40, 60, 0, new LatencySummary(1000, 22.2, 23, 27, 30, 22));

    assertThat(ttft(direct, fast).addedP50()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(ttft(direct, fast).met()).isTrue();
    assertThat(ttft(direct, slow).met()).isFalse();
  }

  @Test
  void theSoakNeedsEveryRequestTheTailWithinFiftyMillisecondsAndTheHeapBack() {
    assertThat(soak(1540, 0, 100 * MIB, 105 * MIB).met()).isTrue();
    assertThat(soak(1560, 0, 100 * MIB, 105 * MIB).met()).isFalse();
    assertThat(soak(1540, 1, 100 * MIB, 105 * MIB).met()).isFalse();
    assertThat(soak(1540, 0, 100 * MIB, 120 * MIB).met()).isFalse();
    assertThat(soak(1540, 0, null, 105 * MIB).met()).isFalse();
    assertThat(soak(1540, 1, 100 * MIB, 105 * MIB).successPercent()).isEqualTo(99.9);
  }

  @Test
  void theMarkdownSaysTheAddedFiguresAreADifferenceOfPercentiles() {
    var report = new ProvidersReport("Command: `x`\n", List.of(overhead(200, 0.4, 1.5, 0), overhead(1000, 0.9, 6, 0)), null,
        soak(1540, 0, 100 * MIB, 101 * MIB));

    assertThat(report.markdown())
        .contains("a difference of percentiles")
        .contains("| 200 | 1000 | 1000 | 0 | 1.000 | 3.000 | 1.400 | 4.500 | 0.400 | 1.500 | 0.00 | p50 ≤ 0.5 ms, p99 ≤ 2 ms | met |")
        .contains("| 1000 | 1000 | 1000 | 0 | 1.000 | 3.000 | 1.900 | 9.000 | 0.900 | 6.000 | 0.00 | p99 ≤ 5 ms | missed |")
        .contains("| 1000 | 1000 | 100.00% | 1540.00 | 1540.00 | 1540.00 | 8 | 0.00 | 100.0 | 101.0 | met |")
        .doesNotContain("Streaming, time to first token");
    assertThat(report.jsonLines()).hasSize(6);
  }

  private static ProvidersReport.Ttft ttft(LaneResult direct, LaneResult platform) {
    return new ProvidersReport.Ttft(100, Duration.ofMillis(20), Duration.ofMillis(5),
        new OpenLoopResult(List.of(direct, platform), LatencySummary.EMPTY, 30));
  }

  private static ProvidersReport.Soak soak(double p99, long errors, Long before, Long after) {
    return new ProvidersReport.Soak(500, Duration.ofMillis(1500),
        new OpenLoopResult(List.of(lane("soak", p99, p99, errors)), LatencySummary.EMPTY, 8), before, after);
  }
}
