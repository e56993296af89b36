package dev.rampart.bench.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** The whole benchmark against two stand-in server processes, bounded by request count; counts, never timings. */
class AuthBenchTest {

  private static final String STAND_IN = "-cp " + StandIn.classPath() + " " + StandIn.mainClass();

  @TempDir Path dir;

  private AuthOptions options(String offCommand, List<Integer> levels, List<Integer> refreshLevels) {
    return new AuthOptions(AuthCommand.PROFILE, dir.resolve("no-jar-needed"), dir.resolve("no-test-classes"), "{java} " + STAND_IN,
        offCommand, List.of("-Xmx64m"), Map.of(), AuthOptions.DEFAULT_PATH, levels, refreshLevels, 2,
        Duration.ofMillis(200), Duration.ZERO, Duration.ofSeconds(60), 40, Duration.ofSeconds(10), AuthOptions.DEFAULT_EMAIL,
        AuthOptions.DEFAULT_PASSWORD, Duration.ofSeconds(60), Duration.ofSeconds(10), null, false,
        dir.resolve("auth.md"), null, dir.resolve("logs"), true);
  }

  @Test
  void comparesTheSameGetWithSecurityOffAndOnRoundByRoundThenRotatesRefreshTokens() throws Exception {
    var output = new ByteArrayOutputStream();
    AuthOptions options = options("{java} -Dstandin.security=off " + STAND_IN, List.of(2, 4), List.of(3));

    AuthReport report = new AuthBench(options, new PrintStream(output, true)).run(RunContext.of("auth", List.of("--quick")));

    assertThat(report.overhead()).extracting(AuthReport.Comparison::concurrency).containsExactly(2, 4);
    assertThat(report.overhead()).allSatisfy(c -> {
      assertThat(c.off()).hasSize(2).extracting(ScenarioResult::name)
          .containsExactly("GET /api/v1/providers, security off, round 1", "GET /api/v1/providers, security off, round 2");
      assertThat(c.on()).hasSize(2);
      assertThat(c.errors()).isZero();
    });
    assertThat(report.all()).allSatisfy(r -> {
      assertThat(r.completed()).isEqualTo(40);
      assertThat(r.cpu()).containsKeys("driver", "server", "db");
    });
    assertThat(report.refresh()).singleElement().satisfies(r -> {
      assertThat(r.result().concurrency()).isEqualTo(3);
      assertThat(r.result().errors()).isEmpty();
      assertThat(r.restarts()).isZero();
    });
    assertThat(report.markdown()).contains("smoke run (quick)", "1-minute load average before the run",
        "security off `", "-Dstandin.security=off", "-Xmx64m");
    assertThat(output.toString()).contains("starting the server with security off", "priming the server with security on",
        "signing in 3 times");
  }

  @Test
  void aBaselineThatStillDemandsATokenIsRefusedBeforeAnythingIsMeasured() {
    AuthOptions bothSecured = options("{java} " + STAND_IN, List.of(2), List.of());
    var quiet = new PrintStream(new ByteArrayOutputStream(), true);

    assertThatThrownBy(() -> new AuthBench(bothSecured, quiet).run(RunContext.of("auth", List.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("with security off, a request without a token must be served");
  }

  @Test
  void onlyRefreshLevelsStartOnlyTheServerWithSecurity() throws Exception {
    var output = new ByteArrayOutputStream();

    AuthReport report = new AuthBench(options("{java} " + STAND_IN, List.of(), List.of(2)), new PrintStream(output, true))
        .run(RunContext.of("auth", List.of()));

    assertThat(report.overhead()).isEmpty();
    assertThat(report.refresh()).hasSize(1);
    assertThat(output.toString()).doesNotContain("starting the server with security off");
  }
}
