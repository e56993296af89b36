package dev.rampart.bench.startup;

import dev.rampart.bench.process.LaunchCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How to launch the server and how many times: one cold run on an empty data directory, then
 * {@code warmRuns} on the same directory.
 *
 * @param command launch template with {@code {java}}, {@code {jar}}, {@code {port}}, {@code {dataDir}}
 * @param env extra environment on top of {@code RAMPART_PORT} and {@code RAMPART_DATA_DIR}
 * @param settle idle time after ready before RSS is read, so start-up garbage and lazy init settle
 * @param dataDir null = a new temporary directory, deleted afterwards unless {@code keepData}
 */
public record StartupOptions(
    Path serverJar,
    String command,
    List<String> serverArgs,
    Map<String, String> env,
    String readinessPath,
    int warmRuns,
    Duration settle,
    Duration readyTimeout,
    Duration stopGrace,
    @Nullable Path dataDir,
    boolean keepData,
    Path markdown,
    @Nullable Path json,
    Path logDir,
    boolean quick) {

  public static final String DEFAULT_SERVER_JAR = "rampart-server/target/rampart-server.jar";
  /** As {@code ./rampart serve} starts it. */
  public static final String DEFAULT_COMMAND = "{java} " + LaunchCommand.LAUNCHER_JVM_FLAGS + " -jar {jar}";
  public static final String DEFAULT_READINESS_PATH = "/actuator/health/readiness";
  public static final int DEFAULT_WARM_RUNS = 5;
  public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(10);
  public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(120);
  /** Long enough for a graceful Spring shutdown that also stops an embedded PostgreSQL. */
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);
  public static final String DEFAULT_MARKDOWN = "rampart-bench/target/startup.md";

  /** The contract names from ARCHITECTURE.md §11. */
  static final String PORT_ENV = "RAMPART_PORT";

  static final String DATA_DIR_ENV = "RAMPART_DATA_DIR";

  public StartupOptions {
    serverArgs = List.copyOf(serverArgs);
    env = Map.copyOf(env);
    if (warmRuns < 0) {
      throw new IllegalArgumentException("warm runs must be >= 0, got " + warmRuns);
    }
  }

  String blockId() {
    return quick ? "startup-quick" : "startup";
  }
}
