package dev.rampart.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RateScheduleTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void requestsAreEvenlySpacedAtTheRateFromTheStart() {
    var schedule = new RateSchedule(5_000, 200);

    assertThat(schedule.intendedAt(0)).isEqualTo(5_000);
    assertThat(schedule.intendedAt(1)).isEqualTo(5_000 + 5_000_000);
    assertThat(schedule.intendedAt(200)).isEqualTo(5_000 + SECOND);
    assertThat(schedule.intendedAt(1_000)).isEqualTo(5_000 + 5 * SECOND);
  }

  @Test
  void aRateThatDoesNotDivideASecondNeverDrifts() {
    var schedule = new RateSchedule(0, 3);

    assertThat(LongStream.range(0, 4).map(schedule::intendedAt).toArray()).containsExactly(0, 333_333_333, 666_666_666, SECOND);
    // A day later the schedule is still exactly on the rate: integer arithmetic, no accumulated rounding.
    assertThat(schedule.intendedAt(3L * 86_400)).isEqualTo(86_400 * SECOND);
  }

  @Test
  void firstAtOrAfterIsTheInverseOfIntendedAt() {
    var schedule = new RateSchedule(1_000, 7);

    for (long i = 0; i < 50; i++) {
      long at = schedule.intendedAt(i);
      assertThat(schedule.firstAtOrAfter(at)).isEqualTo(i);
      assertThat(schedule.firstAtOrAfter(at + 1)).isEqualTo(i + 1);
    }
    assertThat(schedule.firstAtOrAfter(0)).isZero();
  }

  @Test
  void aWindowHoldsRateTimesItsLengthRequests() {
    var schedule = new RateSchedule(123, 1_000);
    long from = schedule.firstAtOrAfter(123 + 2 * SECOND);
    long to = schedule.firstAtOrAfter(123 + 32 * SECOND);

    assertThat(to - from).isEqualTo(30_000);
  }

  @Test
  void aRateBelowOneIsRefused() {
    assertThatThrownBy(() -> new RateSchedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lanesTakeTurnsSoEachGetsItsShareOfAWindow() {
    // Requests 10..20 over 3 lanes: lane 0 gets 12, 15, 18; lane 1 gets 10, 13, 16, 19; lane 2 gets 11, 14, 17.
    assertThat(OpenLoopDriver.countFor(0, 3, 10, 20)).isEqualTo(3);
    assertThat(OpenLoopDriver.countFor(1, 3, 10, 20)).isEqualTo(4);
    assertThat(OpenLoopDriver.countFor(2, 3, 10, 20)).isEqualTo(3);
    assertThat(OpenLoopDriver.countFor(1, 2, 0, 1)).isZero();
  }
}
