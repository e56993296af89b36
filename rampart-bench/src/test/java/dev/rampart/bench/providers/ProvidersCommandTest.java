package dev.rampart.bench.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.bench.cli.Flags;
import dev.rampart.bench.cli.UsageException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvidersCommandTest {

  private final ProvidersCommand command = new ProvidersCommand();

  private ProvidersOptions options(String... args) throws IOException {
    return command.options(new Flags(command.flags()).parse(List.of(args)));
  }

  @Test
  void defaultsAreIssueSixsRatesAndAllThreeModes() throws IOException {
    ProvidersOptions options = options();

    assertThat(options.modes()).containsExactlyInAnyOrder(Mode.OVERHEAD, Mode.TTFT, Mode.SOAK);
    assertThat(options.rates()).containsExactly(20L, 200L, 1000L);
    assertThat(options.soakRate()).isEqualTo(500);
    assertThat(options.soakLatency()).isEqualTo(Duration.ofMillis(1500));
    assertThat(options.soakDuration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.ttft()).isEqualTo(Duration.ofMillis(20));
    assertThat(options.message()).isEqualTo(ProvidersOptions.DEFAULT_MESSAGE);
    assertThat(options.blockId()).isEqualTo("providers");
    assertThat(options.command()).contains("-Drampart.providers.sim.port={simPort}",
        "-Drampart.providers.resilience.max-concurrent-calls=4000", "plans.default.concurrent-runs=",
        "'-Drampart.gateway.rate-limits.plans.default.tokens=100000000/1m burst 100000000'",
        "'-Drampart.gateway.rate-limits.plans.default.writes=100000000/1m burst 100000000'");
  }

  @Test
  void quickShortensEveryPhaseUnlessGivenAndWritesItsOwnBlock() throws IOException {
    ProvidersOptions options = options("--quick", "--duration", "7s");

    assertThat(options.prime()).isEqualTo(ProvidersCommand.QUICK_PRIME);
    assertThat(options.warmup()).isEqualTo(ProvidersCommand.QUICK_WARMUP);
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(7));
    assertThat(options.soakDuration()).isEqualTo(ProvidersCommand.QUICK_SOAK);
    assertThat(options.heapSettle()).isEqualTo(ProvidersCommand.QUICK_HEAP_SETTLE);
    assertThat(options.blockId()).isEqualTo("providers-quick");
  }

  @Test
  void modesAreChosenByName() throws IOException {
    assertThat(options("--mode", "soak,overhead").modes()).containsExactlyInAnyOrder(Mode.SOAK, Mode.OVERHEAD);
    assertThatThrownBy(() -> options("--mode", "latency"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("unknown mode 'latency'");
  }
}
