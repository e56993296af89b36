package dev.rampart.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class RampartBenchTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return RampartBench.run(args, new PrintStream(out, true), new PrintStream(err, true));
  }

  @Test
  void noArgumentsPrintsTheSubcommandsAndIsAUsageError() {
    assertThat(run()).isEqualTo(RampartBench.USAGE);
    assertThat(out.toString()).contains("http", "sim-baseline", "startup", "auth", "gateway");
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    assertThat(run("load")).isEqualTo(RampartBench.USAGE);
    assertThat(err.toString()).contains("unknown subcommand 'load'");
  }

  @Test
  void badFlagNamesTheFlagAndPointsAtTheHelp() {
    assertThat(run("http", "--url", "http://127.0.0.1:1/", "--concurrency", "many")).isEqualTo(RampartBench.USAGE);
    assertThat(err.toString()).contains("http: --concurrency: expected a whole number, got 'many'", "http --help");
  }

  @Test
  void subcommandHelpListsItsFlags() {
    assertThat(run("sim-baseline", "--help")).isEqualTo(RampartBench.OK);
    assertThat(out.toString()).contains("--sim-jar PATH", "rampart-llm-sim/target/rampart-llm-sim-exec.jar", "--quick");
  }

  @Test
  void theAuthBenchmarkNeedsTheServerJarAndSaysHowToBuildIt() {
    assertThat(run("auth", "--server-jar", "/no/such.jar", "--quick")).isEqualTo(RampartBench.FAILED);
    assertThat(err.toString()).contains("server jar not found", "mvn -pl rampart-server -am package");
  }

  @Test
  void aMissingTargetJarIsAFailureNotAUsageError() {
    assertThat(run("startup", "--server-jar", "/no/such.jar")).isEqualTo(RampartBench.FAILED);
    assertThat(err.toString()).contains("server jar not found");
  }
}
