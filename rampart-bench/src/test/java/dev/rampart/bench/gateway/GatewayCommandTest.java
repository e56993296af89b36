package dev.rampart.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.bench.auth.AuthCommand;
import dev.rampart.bench.auth.AuthOptions;
import dev.rampart.bench.cli.Flags;
import dev.rampart.bench.cli.UsageException;
import dev.rampart.bench.process.LaunchCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayCommandTest {

  private final AuthCommand command = new AuthCommand(GatewayChain.PROFILE);
  private final Flags flags = new Flags(command.flags());

  private static List<String> expanded(String template) {
    return LaunchCommand.expand(template, Map.of("java", "java", "jar", "server.jar"), List.of());
  }

  @Test
  void theDefaultsCompareTheRolesListAtTwoLevelsTwiceOverAndMeasureNoRefresh() throws Exception {
    AuthOptions options = command.options(flags.parse(List.of()));

    assertThat(command.name()).isEqualTo("gateway");
    assertThat(options.path()).isEqualTo("/api/v1/roles");
    assertThat(options.concurrencies()).containsExactly(16, 64);
    assertThat(options.refreshConcurrencies()).isEmpty();
    assertThat(options.rounds()).isEqualTo(2);
    assertThat(options.prime()).isEqualTo(Duration.ofSeconds(20));
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(options.blockId()).isEqualTo("gateway");
    assertThat(options.markdown()).isEqualTo(Path.of("rampart-bench/target/gateway.md"));
  }

  @Test
  void quickShortensEveryScenarioToOneRoundAndWritesItsOwnBlock() throws Exception {
    AuthOptions options = command.options(flags.parse(List.of("--quick", "--path", "/api/v1/providers")));

    assertThat(options.rounds()).isEqualTo(1);
    assertThat(options.prime()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(1));
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(3));
    assertThat(options.path()).isEqualTo("/api/v1/providers");
    assertThat(options.blockId()).isEqualTo("gateway-quick");
  }

  @Test
  void thereIsNoRefreshPartToAskFor() {
    assertThatThrownBy(() -> flags.parse(List.of("--refresh-concurrency", "16")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("refresh-concurrency");
  }

  @Test
  void bothServersRunTheSameJarWithEveryLimitRaisedAndTheBaselineAlsoSwitchesTheChainOff() throws Exception {
    AuthOptions options = command.options(flags.parse(List.of()));
    List<String> on = expanded(options.onCommand());
    List<String> off = expanded(options.offCommand());

    assertThat(on).contains("-Drampart.gateway.rate-limits.address=100000000/1m burst 100000000",
        "-Drampart.gateway.rate-limits.plans.default.api-key=100000000/1m burst 100000000",
        "-Drampart.gateway.rate-limits.plans.default.reads=100000000/1m burst 100000000")
        .hasSize(3 + GatewayChain.LIMITS.size() + 2)
        .doesNotContain("-Drampart.gateway.rate-limits.enabled=false");
    assertThat(off).containsSubsequence(on.subList(0, on.size() - 2))
        .contains("-Drampart.gateway.rate-limits.enabled=false", "-Drampart.gateway.mask-responses=false",
            "-Drampart.gateway.threats.enabled=false")
        .endsWith("-jar", "server.jar");
  }
}
