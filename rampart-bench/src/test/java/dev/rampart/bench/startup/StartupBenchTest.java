package dev.rampart.bench.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.bench.process.ChildProcess.Ending;
import dev.rampart.bench.process.ProcessFamily;
import dev.rampart.bench.standin.StandIn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the start-up benchmark against a stand-in server process (a small JVM on loopback). */
class StartupBenchTest {

  @TempDir Path dir;

  private StartupOptions options(String command, Map<String, String> env, Path dataDir) {
    return new StartupOptions(
        dir.resolve("no-jar-needed"), command, List.of("-cp", StandIn.classPath(), StandIn.mainClass()),
        env, StartupOptions.DEFAULT_READINESS_PATH, 1, Duration.ZERO, Duration.ofSeconds(60),
        Duration.ofSeconds(10), dataDir, true, dir.resolve("startup.md"), null, dir.resolve("logs"), false);
  }

  @Test
  void coldThenWarmRunOnTheSameDataDirWithMemoryReadAndAGracefulStop() throws Exception {
    Path dataDir = dir.resolve("data");
    var output = new ByteArrayOutputStream();

    StartupReport report = new StartupBench(
        options("{java}", Map.of("STANDIN_READY_DELAY_MS", "200"), dataDir), new PrintStream(output, true)).run();

    assertThat(report.cold().cold()).isTrue();
    assertThat(report.warm()).hasSize(1).allSatisfy(s -> assertThat(s.cold()).isFalse());
    assertThat(Files.readString(dataDir.resolve("stand-in.marker"))).isEqualTo("warm");
    assertThat(report.all()).allSatisfy(s -> {
      assertThat(s.rssKiB()).isPositive();
      assertThat(s.treePssKiB()).isPositive();
      assertThat(s.ending()).isEqualTo(Ending.TERMINATED);
    });
    assertThat(output.toString()).contains("run 0 (cold)", "run 1 (warm)");
  }

  @Test
  void aDetachedChildStartedFromTheDataDirCountsInTheFamilyMemory() throws Exception {
    Path dataDir = dir.resolve("data-daemon");
    var quiet = new PrintStream(new ByteArrayOutputStream(), true);

    StartupReport report = new StartupBench(options("{java}", Map.of("STANDIN_DAEMON", "stopped"), dataDir), quiet).run();

    assertThat(report.all()).allSatisfy(s -> {
      assertThat(s.processes()).isGreaterThanOrEqualTo(3);
      assertThat(s.treeRssKiB()).isGreaterThan(s.rssKiB());
      assertThat(s.leftovers()).isZero();
    });
  }

  @Test
  void aChildTheServerLeavesRunningIsReportedAndStopped() throws Exception {
    Path dataDir = dir.resolve("data-leak");
    var output = new ByteArrayOutputStream();

    StartupReport report =
        new StartupBench(options("{java}", Map.of("STANDIN_DAEMON", "leaked"), dataDir), new PrintStream(output, true)).run();

    assertThat(report.all()).allSatisfy(s -> assertThat(s.leftovers()).isPositive());
    assertThat(output.toString()).contains("WARNING:", "still running from " + dataDir);
    assertThat(ProcessFamily.leftFrom(dataDir)).isEmpty();
  }

  @Test
  void aProcessThatExitsBeforeReadyFailsWithItsLog() {
    StartupOptions exitsAtOnce = options("{java} -version", Map.of(), dir.resolve("data2"));
    var quiet = new PrintStream(new ByteArrayOutputStream(), true);

    assertThatThrownBy(() -> new StartupBench(exitsAtOnce, quiet).run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited before")
        .hasMessageContaining("log");
  }

  @Test
  void aMissingJarIsReportedWithTheBuildCommand() {
    StartupOptions missing = options("{java} -jar {jar}", Map.of(), dir.resolve("data3"));
    var quiet = new PrintStream(new ByteArrayOutputStream(), true);

    assertThatThrownBy(() -> new StartupBench(missing, quiet).run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("server jar not found")
        .hasMessageContaining("mvn -pl rampart-server package");
  }

  @Test
  void aDataDirThatIsNotEmptyCannotGiveAColdStart() throws IOException {
    Path used = Files.createDirectories(dir.resolve("used"));
    Files.writeString(used.resolve("something"), "x");
    var quiet = new PrintStream(new ByteArrayOutputStream(), true);

    assertThatThrownBy(() -> new StartupBench(options("{java}", Map.of(), used), quiet).run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not empty");
  }
}
