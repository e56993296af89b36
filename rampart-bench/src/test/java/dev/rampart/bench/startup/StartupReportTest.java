package dev.rampart.bench.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.bench.process.ChildProcess.Ending;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupReportTest {

  private static StartupSample run(int n, long readyMillis, long rssKiB) {
    return new StartupSample(n, n == 0, Duration.ofMillis(readyMillis), rssKiB, rssKiB + 1000, rssKiB + 500, 1, Ending.TERMINATED, 0);
  }

  @Test
  void warmFiguresLeaveTheColdRunOut() {
    var report = new StartupReport(run(0, 9000, 300_000),
        List.of(run(1, 5000, 200_000), run(2, 4000, 210_000), run(3, 6000, 190_000)), Duration.ofSeconds(10));

    assertThat(report.warmMedian()).isEqualTo(Duration.ofMillis(5000));
    assertThat(report.warmMin()).isEqualTo(Duration.ofMillis(4000));
    assertThat(report.warmMax()).isEqualTo(Duration.ofMillis(6000));
    assertThat(report.medianRssKiB()).isEqualTo(205_000);
    assertThat(report.summary()).startsWith("cold 9.00 s; warm median 5.00 s (min 4.00, max 6.00, 3 runs)");
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    var samples = List.of(run(1, 4000, 1), run(2, 5000, 3), run(3, 7000, 5), run(4, 1000, 7));

    assertThat(StartupReport.median(samples, s -> s.ready().toMillis())).isEqualTo(4500);
  }

  @Test
  void processesLeftRunningAfterStopAreShownInTheRowAndCountedInJson() {
    var leaky = new StartupSample(0, true, Duration.ofSeconds(3), 1, 2, 3, 10, Ending.TERMINATED, 9);

    var report = new StartupReport(leaky, List.of(), Duration.ZERO);

    assertThat(report.markdown()).contains("| terminated, 9 left running (killed) |");
    assertThat(report.json()).contains("\"leftover_processes\":9");
  }

  @Test
  void noWarmRunsIsReportedNotDividedByZero() {
    var report = new StartupReport(run(0, 2500, 100_000), List.of(), Duration.ZERO);

    assertThat(report.warmMedian()).isNull();
    assertThat(report.summary()).contains("no warm runs");
    assertThat(report.json()).contains("\"cold_s\":2.500").doesNotContain("warm_s");
    assertThat(report.markdown()).contains("| 0 | cold | 2.50 |");
  }
}
