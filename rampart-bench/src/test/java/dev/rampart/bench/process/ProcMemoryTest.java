package dev.rampart.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcMemoryTest {

  private static final String STATUS = """
      Name:\tjava
      VmPeak:\t 5000000 kB
      VmRSS:\t  123456 kB
      RssAnon:\t   100000 kB
      """;

  @Test
  void readsTheNamedLineInKibibytes() {
    assertThat(ProcMemory.parseKiB(STATUS, "VmRSS")).isEqualTo(OptionalLong.of(123_456));
  }

  @Test
  void aPrefixOfAnotherFieldDoesNotMatch() {
    assertThat(ProcMemory.parseKiB(STATUS, "Rss")).isEmpty();
    assertThat(ProcMemory.parseKiB(STATUS, "Pss")).isEmpty();
  }

  @Test
  void theRunningJvmHasAResidentSetOnLinux() {
    OptionalLong rss = ProcMemory.rssKiB(ProcessHandle.current().pid());

    assertThat(rss).isPresent();
    assertThat(rss.getAsLong()).isPositive();
    assertThat(ProcMemory.sumPssKiB(List.of(ProcessHandle.current()))).isPositive();
  }
}
