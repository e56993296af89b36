package dev.rampart.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import java.util.List;
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
  void combinedRoundsArePercentilesOfAllTheirExchangesNotAnAverageOfPercentiles() {
    Histogram fast = new Histogram(3);
    Histogram slow = new Histogram(3);
    for (int i = 0; i < 980; i++) {
      fast.recordValue(MS);
    }
    for (int i = 0; i < 20; i++) {
      slow.recordValue(10 * MS);
    }

    LatencySummary all = LatencySummary.combined(List.of(LatencySummary.of(fast), LatencySummary.EMPTY, LatencySummary.of(slow)));

    // 20 slow exchanges of 1,000 are 2%: the p99 of the whole is slow, the p50 fast; slow's own p50 is 10 ms.
    assertThat(all.count()).isEqualTo(1000);
    assertThat(all.p50()).isCloseTo(1, withPercentage(0.1));
    assertThat(all.p99()).isCloseTo(10, withPercentage(0.1));
    assertThat(all.mean()).isCloseTo(1.18, withPercentage(0.2));
  }

  @Test
  void aSummaryWrittenByHandCannotBeCombined() {
    assertThat(LatencySummary.combined(List.of(LatencySummary.EMPTY))).isEqualTo(LatencySummary.EMPTY);
    assertThatThrownBy(() -> LatencySummary.combined(List.of(new LatencySummary(10, 1, 1, 1, 1, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without its histogram");
  }

  @Test
  void theSummaryKeepsItsOwnCopyOfTheHistogram() {
    Histogram h = new Histogram(3);
    h.recordValue(MS);
    LatencySummary s = LatencySummary.of(h);

    h.recordValue(1000 * MS);
    s.histogram().recordValue(1000 * MS);

    assertThat(LatencySummary.combined(List.of(s)).max()).isCloseTo(1, withPercentage(0.1));
  }

  @Test
  void emptyHistogramIsAnEmptySummaryNotAnError() {
    assertThat(LatencySummary.of(new Histogram(3))).isEqualTo(LatencySummary.EMPTY);
  }
}
