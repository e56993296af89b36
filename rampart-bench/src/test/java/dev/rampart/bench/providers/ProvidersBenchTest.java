package dev.rampart.bench.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.bench.auth.AuthOptions;
import dev.rampart.bench.load.OpenLoopResult.LaneResult;
import dev.rampart.bench.load.ScenarioResult;
import dev.rampart.bench.report.RunContext;
import dev.rampart.bench.standin.StandIn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole {@code providers} run against a stand-in server process with a stand-in simulator; counts, never timings. */
class ProvidersBenchTest {

  private static final String STAND_IN = "{java} -Xmx64m -Drampart.providers.sim.port={simPort} -cp " + StandIn.classPath()
      + " " + StandIn.mainClass();

  @TempDir Path dir;

  private ProvidersOptions options(String command, Set<Mode> modes) {
    Duration window = Duration.ofMillis(400);
    return new ProvidersOptions(modes, dir.resolve("no-jar-needed"), command, List.of(), Map.of(), List.of(50L),
        Duration.ofMillis(200), 50, Duration.ofMillis(100), window, 50, Duration.ofMillis(20), Duration.ofMillis(5), 50,
        Duration.ofMillis(1500), Duration.ZERO, window, Duration.ZERO, ProvidersOptions.DEFAULT_MODEL, ProvidersOptions.DEFAULT_MESSAGE,
        Duration.ofSeconds(10), 2, AuthOptions.DEFAULT_EMAIL, AuthOptions.DEFAULT_PASSWORD, Duration.ofSeconds(60),
        Duration.ofSeconds(10), null, false, dir.resolve("providers.md"), null, dir.resolve("logs"), true);
  }

  @Test
  void comparesDirectAndPlatformCallsAtTheOfferedRateThenStreamsThenSoaks() throws Exception {
    var output = new ByteArrayOutputStream();

    ProvidersReport report = new ProvidersBench(options(STAND_IN, EnumSet.allOf(Mode.class)), new PrintStream(output, true))
        .run(RunContext.of("providers", List.of("--quick")));

    // 50 requests per second per side for 0.4 s: 20 each, every one answered.
    assertThat(report.overhead()).singleElement().satisfies(o -> {
      assertThat(o.rate()).isEqualTo(50);
      assertThat(o.direct().scenario().name()).isEqualTo("direct, 50/s");
      assertThat(o.platform().scenario().name()).isEqualTo("platform, 50/s");
      assertThat(List.of(o.direct(), o.platform())).allSatisfy(ProvidersBenchTest::allAnswered);
      assertThat(o.met()).isNull();
    });
    assertThat(report.ttft()).isNotNull();
    assertThat(List.of(report.ttft().direct(), report.ttft().platform())).allSatisfy(lane -> {
      allAnswered(lane);
      assertThat(lane.scenario().firstEvent().count()).isEqualTo(20);
    });
    assertThat(report.soak()).isNotNull();
    allAnswered(report.soak().platform());
    assertThat(report.soak().successPercent()).isEqualTo(100.0);
    // The stand-in is a JVM too, so jcmd reads its heap.
    assertThat(report.soak().heapBefore()).isPositive();
    assertThat(report.soak().heapAfter()).isPositive();
    assertThat(report.all()).extracting(ScenarioResult::name).containsExactly("direct, 50/s", "platform, 50/s",
        "direct, stream, 50/s", "platform, stream, 50/s", "platform, soak 50/s");
    assertThat(report.markdown()).contains("smoke run (quick)", "**Gateway overhead, non-streaming**",
        "**Streaming, time to first token**", "**Soak**", "-Drampart.providers.sim.port=", "Driver send lag");
    assertThat(report.jsonLines()).hasSize(6).last().asString().startsWith("{\"benchmark\":\"providers-summary\"");
    assertThat(output.toString()).contains("priming both paths", "heap used after a full GC, before the soak");
  }

  @Test
  void onlyTheModesAskedForRun() throws Exception {
    ProvidersReport report = new ProvidersBench(options(STAND_IN, EnumSet.of(Mode.TTFT)), quiet())
        .run(RunContext.of("providers", List.of("--mode", "ttft")));

    assertThat(report.overhead()).isEmpty();
    assertThat(report.soak()).isNull();
    assertThat(report.all()).hasSize(2);
  }

  @Test
  void aServerWithoutItsSimulatorOnTheGivenPortIsRefusedBeforeAnythingIsMeasured() {
    // Without the fixed simulator port nobody answers the direct call.
    String noSimulator = "{java} -Xmx64m -Dunused={simPort} -cp " + StandIn.classPath() + " " + StandIn.mainClass();

    assertThatThrownBy(() -> new ProvidersBench(options(noSimulator, EnumSet.allOf(Mode.class)), quiet())
        .run(RunContext.of("providers", List.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the simulator does not answer at http://127.0.0.1:");
  }

  private static void allAnswered(LaneResult lane) {
    assertThat(lane.offered()).isEqualTo(20);
    assertThat(lane.scenario().succeeded()).isEqualTo(20);
    assertThat(lane.scenario().errors()).isEmpty();
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true);
  }
}
