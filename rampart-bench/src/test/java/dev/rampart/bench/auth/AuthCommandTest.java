package dev.rampart.bench.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.bench.cli.Flags;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthCommandTest {

  private final AuthCommand command = new AuthCommand();
  private final Flags flags = new Flags(command.flags());

  @Test
  void theDefaultsMeasureBothTargetsAtTwoLevelsTwiceOverAgainstThePackagedJar() throws Exception {
    AuthOptions options = command.options(flags.parse(List.of()));

    assertThat(options.concurrencies()).containsExactly(16, 64);
    assertThat(options.refreshConcurrencies()).containsExactly(16, 64);
    assertThat(options.rounds()).isEqualTo(2);
    assertThat(options.prime()).isEqualTo(Duration.ofSeconds(20));
    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(options.path()).isEqualTo("/api/v1/providers");
    assertThat(options.offCommand()).contains("-Dloader.main=dev.rampart.identity.internal.SecurityOffServer", "{testClasses}");
    assertThat(options.blockId()).isEqualTo("auth");
  }

  @Test
  void quickShortensEveryScenarioToOneRoundAndWritesItsOwnBlock() throws Exception {
    AuthOptions options = command.options(flags.parse(List.of("--quick", "--refresh-concurrency", "0")));

    assertThat(options.rounds()).isEqualTo(1);
    assertThat(options.prime()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(1));
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(3));
    assertThat(options.refreshConcurrencies()).isEmpty();
    assertThat(options.blockId()).isEqualTo("auth-quick");
  }

  @Test
  void jvmArgumentsAndEnvironmentAreCollectedForBothServers() throws Exception {
    AuthOptions options = command.options(flags.parse(List.of("--jvm-arg", "-XX:StartFlightRecording=filename=a.jfr",
        "--jvm-arg", "-Xmx512m", "--env", "RAMPART_X=1", "--concurrency", "8", "--rounds", "3")));

    assertThat(options.jvmArgs()).containsExactly("-XX:StartFlightRecording=filename=a.jfr", "-Xmx512m");
    assertThat(options.env()).containsEntry("RAMPART_X", "1");
    assertThat(options.concurrencies()).containsExactly(8);
    assertThat(options.rounds()).isEqualTo(3);
  }
}
