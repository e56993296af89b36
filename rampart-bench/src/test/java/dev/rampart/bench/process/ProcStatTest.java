package dev.rampart.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcStatTest {

  /** A postmaster's line, with fields 14 to 17 (utime stime cutime cstime) set to 120 30 4500 900. */
  private static final String POSTMASTER =
      "4242 (postgres) S 1 4242 4242 0 -1 4194560 2100 91234 0 3 120 30 4500 900 20 0 1 0 12345 229507072 6377 "
          + "18446744073709551615 1 1 0 0 0 0 4194304 19935232 84487 0 0 0 17 1 0 0 0 0 0";

  @Test
  void readsOwnAndReapedChildrenTimes() {
    assertThat(ProcStat.parse(POSTMASTER)).contains(new ProcStat(120, 30, 4500, 900));
    assertThat(ProcStat.parse(POSTMASTER).orElseThrow().ticks()).isEqualTo(5550);
  }

  @Test
  void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
    String tricky = POSTMASTER.replace("(postgres)", "(postgres: (user) db 127.0.0.1)");

    assertThat(ProcStat.parse(tricky)).contains(new ProcStat(120, 30, 4500, 900));
  }

  @Test
  void aTruncatedOrGarbledLineGivesNothing() {
    assertThat(ProcStat.parse("4242 (postgres) S 1 4242")).isEmpty();
    assertThat(ProcStat.parse("no parentheses at all")).isEmpty();
    assertThat(ProcStat.parse(POSTMASTER.replace(" 120 30 ", " x 30 "))).isEmpty();
  }

  @Test
  void theRunningJvmHasAStatAndAGoneProcessCountsZero() {
    Optional<ProcStat> self = ProcStat.read(ProcessHandle.current().pid());

    assertThat(self).isPresent();
    assertThat(self.orElseThrow().ticks()).isNotNegative();
    assertThat(ProcStat.TICKS_PER_SECOND).isPositive();
    assertThat(ProcStat.read(Long.MAX_VALUE)).isEmpty();
    assertThat(ProcStat.cpuOf(List.of())).isZero();
  }
}
