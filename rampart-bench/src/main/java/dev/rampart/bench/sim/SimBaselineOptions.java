package dev.rampart.bench.sim;

import dev.rampart.bench.process.LaunchCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How to launch the simulator and which scenarios to run against it: chat completions,
 * non-streaming and streaming, at each of {@code concurrencies}.
 *
 * @param command launch template with {@code {java}}, {@code {jar}} and {@code {port}}
 * @param simArgs appended verbatim after the template (e.g. latency flags)
 * @param requests measured requests per scenario, 0 = run for {@code duration}
 * @param markdown file whose {@code sim-baseline} (or {@code sim-baseline-quick}) block is rewritten
 */
public record SimBaselineOptions(
    Path simJar,
    String command,
    List<String> simArgs,
    String healthPath,
    List<Integer> concurrencies,
    Duration warmup,
    Duration duration,
    long requests,
    Duration requestTimeout,
    String model,
    String message,
    Duration readyTimeout,
    Path markdown,
    @Nullable Path json,
    Path logDir,
    boolean quick) {

  public static final String DEFAULT_SIM_JAR = "rampart-llm-sim/target/rampart-llm-sim-exec.jar";
  /**
   * As {@code ./rampart sim} starts it, with zero latency spelled out rather than left to the
   * simulator's defaults: a baseline that silently picked up an injected delay would make every
   * ratio against it wrong.
   */
  public static final String DEFAULT_COMMAND =
      "{java} " + LaunchCommand.LAUNCHER_JVM_FLAGS + " -jar {jar} --port {port} --ttft-ms 0 --inter-token-ms 0";
  public static final String DEFAULT_HEALTH_PATH = "/sim/health";
  public static final String DEFAULT_CONCURRENCIES = "1,64,1000";
  public static final String DEFAULT_MODEL = "sim-echo";
  /** Small on purpose: the baseline measures per-request overhead, not payload handling. */
  public static final String DEFAULT_MESSAGE = "Hello from rampart-bench";
  public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);
  public static final String DEFAULT_MARKDOWN = "rampart-bench/target/sim-baseline.md";

  public SimBaselineOptions {
    simArgs = List.copyOf(simArgs);
    concurrencies = List.copyOf(concurrencies);
    if (concurrencies.isEmpty()) {
      throw new IllegalArgumentException("at least one concurrency level is needed");
    }
  }

  /** The Markdown block this run writes: quick runs never overwrite the real figures. */
  String blockId() {
    return quick ? "sim-baseline-quick" : "sim-baseline";
  }
}
