package dev.rampart.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

  private static final long MS = 1_000_000;

  @Test
  void uniformOneToThousandMillisecondsGivesTheTextbookPercentiles() {
    Histogram h = new Histogram(3);
    for (long i = 1; i <= 1000; i++) {
      h.recordValue(i * MS);
    }

    LatencySummary s = LatencySummary.of(h);

    assertThat(s.count()).isEqualTo(1000);
    assertThat(s.p50()).isCloseTo(500, withPercentage(0.1));
    assertThat(s.p90()).isCloseTo(900, withPercentage(0.1));
    assertThat(s.p99()).isCloseTo(990, withPercentage(0.1));
    assertThat(s.max()).isCloseTo(1000, withPercentage(0.1));
    assertThat(s.mean()).isCloseTo(500.5, withPercentage(0.1));
  }

  @Test
  void oneOutlierMovesTheMeanAndMaxButNotTheP99OfAHundred() {
    Histogram h = new Histogram(3);
    for (int i = 0; i < 99; i++) {
      h.recordValue(MS);
    }
    h.recordValue(1000 * MS);

    LatencySummary s = LatencySummary.of(h);

    assertThat(s.p50()).isCloseTo(1, withPercentage(0.1));
    assertThat(s.p99()).isCloseTo(1, withPercentage(0.1));
    assertThat(s.max()).isCloseTo(1000, withPercentage(0.1));
    assertThat(s.mean()).isCloseTo(10.99, withPercentage(0.1));
  }

  @Test
  void subMillisecondValuesKeepTheirPrecision() {
    Histogram h = new Histogram(3);
    h.recordValue(123_456);

    assertThat(LatencySummary.of(h).p50()).isCloseTo(0.123456, within(0.0002));
  }

  @Test
  void emptyHistogramIsAnEmptySummaryNotAnError() {
    assertThat(LatencySummary.of(new Histogram(3))).isEqualTo(LatencySummary.EMPTY);
  }
}
