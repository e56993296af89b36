package dev.rampart.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.bench.auth.AuthBench;
import dev.rampart.bench.auth.AuthOptions;
import dev.rampart.bench.auth.AuthReport;
import dev.rampart.bench.load.ScenarioResult;
import dev.rampart.bench.report.RunContext;
import dev.rampart.bench.standin.StandIn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway comparison against two stand-in server processes, bounded by request count; counts, never timings. */
class GatewayBenchTest {

  private static final String STAND_IN = "-cp " + StandIn.classPath() + " " + StandIn.mainClass();

  /** Both stand-ins demand a token; only this one answers with a rate-limit policy, as the chain does. */
  private static final String CHAIN_ON = "{java} -Dstandin.rate-limits=on " + STAND_IN;

  @TempDir Path dir;

  private AuthOptions options(String onCommand, String offCommand) {
    return new AuthOptions(GatewayChain.PROFILE, dir.resolve("no-jar-needed"), dir.resolve("no-test-classes"), onCommand,
        offCommand, List.of("-Xmx64m"), Map.of(), GatewayChain.DEFAULT_PATH, List.of(2), List.of(), 2,
        Duration.ofMillis(200), Duration.ZERO, Duration.ofSeconds(60), 40, Duration.ofSeconds(10), AuthOptions.DEFAULT_EMAIL,
        AuthOptions.DEFAULT_PASSWORD, Duration.ofSeconds(60), Duration.ofSeconds(10), null, false,
        dir.resolve("gateway.md"), null, dir.resolve("logs"), true);
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true);
  }

  @Test
  void comparesTheSameAuthenticatedGetWithTheChainOffAndOnRoundByRound() throws Exception {
    var output = new ByteArrayOutputStream();

    AuthReport measured = new AuthBench(options(CHAIN_ON, "{java} " + STAND_IN), new PrintStream(output, true))
        .run(RunContext.of("gateway", List.of("--quick")));
    GatewayReport report = new GatewayReport(measured);

    assertThat(measured.refresh()).isEmpty();
    assertThat(measured.overhead()).singleElement().satisfies(c -> {
      assertThat(c.off()).extracting(ScenarioResult::name)
          .containsExactly("GET /api/v1/roles, gateway chain off, round 1", "GET /api/v1/roles, gateway chain off, round 2");
      assertThat(c.on()).extracting(ScenarioResult::name)
          .containsExactly("GET /api/v1/roles, gateway chain on, round 1", "GET /api/v1/roles, gateway chain on, round 2");
      assertThat(c.errors()).isZero();
    });
    assertThat(measured.all()).allSatisfy(r -> assertThat(r.completed()).isEqualTo(40));
    assertThat(report.levels()).singleElement().satisfies(level -> {
      assertThat(level.off().count()).isEqualTo(80);
      assertThat(level.on().count()).isEqualTo(80);
    });
    assertThat(report.markdown()).contains("smoke run (quick)", "**Gateway chain on `GET /api/v1/roles`**",
        "gateway chain on `", "gateway chain off `", "-Dstandin.rate-limits=on");
    assertThat(report.jsonLines()).hasSize(5);
    assertThat(output.toString()).contains("starting the server with gateway chain off",
        "priming the server with gateway chain on");
  }

  @Test
  void aBaselineThatIsStillRateLimitedIsRefusedBeforeAnythingIsMeasured() {
    assertThatThrownBy(() -> new AuthBench(options(CHAIN_ON, CHAIN_ON), quiet()).run(RunContext.of("gateway", List.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("with the gateway chain off, the GET must not be rate limited")
        .hasMessageContaining("answered 200 with RateLimit-Policy");
  }

  @Test
  void aServerWithoutRateLimitingOrWithoutSecurityIsRefusedToo() {
    var notLimited = options("{java} " + STAND_IN, "{java} " + STAND_IN);
    var unsecured = options(CHAIN_ON, "{java} -Dstandin.security=off " + STAND_IN);

    assertThatThrownBy(() -> new AuthBench(notLimited, quiet()).run(RunContext.of("gateway", List.of())))
        .hasMessageContaining("with the gateway chain on, the GET must be rate limited");
    assertThatThrownBy(() -> new AuthBench(unsecured, quiet()).run(RunContext.of("gateway", List.of())))
        .hasMessageContaining("with the gateway chain off, a request without a token must still be refused");
  }
}
