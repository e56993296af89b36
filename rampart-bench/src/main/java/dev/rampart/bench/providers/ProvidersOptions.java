package dev.rampart.bench.providers;

import dev.rampart.bench.gateway.GatewayChain;
import dev.rampart.bench.process.LaunchCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How to run the {@code providers} benchmark: one server from the jar with its built-in simulator on a
 * fixed loopback port, so that the harness can call the simulator directly as well as through the
 * platform, and the modes to run.
 *
 * @param command launch template with {@code {java}}, {@code {jar}} and {@code {simPort}}
 * @param jvmArgs inserted after the java executable (e.g. JFR settings, or a property to compare with)
 * @param env extra environment, on top of port, data directory and bootstrap admin
 * @param rates offered requests per second per side (direct, platform) in {@code overhead}
 * @param prime unrecorded non-streaming load on both sides at {@code primeRate} before anything is
 *     measured, so the JIT has compiled both paths (zero: none)
 * @param warmup per scenario of {@code overhead} and {@code ttft}, not recorded
 * @param duration measured window per scenario of {@code overhead} and {@code ttft}
 * @param ttftRate offered streams per second per side in {@code ttft}
 * @param ttft the simulator's time to first token in {@code ttft}
 * @param interToken the simulator's delay between tokens in {@code ttft}
 * @param soakRate offered requests per second in {@code soak} (platform only)
 * @param soakLatency the simulator's time to first token in {@code soak}: a slow model
 * @param soakWarmup before the soak's measured window, not recorded (zero: every request counts)
 * @param heapSettle how long the server stays idle before each heap reading of the soak, so that
 *     connections and caches an earlier scenario left have expired alike before and after (the JDK
 *     client's idle connections live 30 s)
 * @param message the user message of every call; no personal data, so masking finds nothing
 * @param dataDir null = a new temporary directory, deleted afterwards unless {@code keepData}
 */
public record ProvidersOptions(
    Set<Mode> modes,
    Path serverJar,
    String command,
    List<String> jvmArgs,
    Map<String, String> env,
    List<Long> rates,
    Duration prime,
    long primeRate,
    Duration warmup,
    Duration duration,
    long ttftRate,
    Duration ttft,
    Duration interToken,
    long soakRate,
    Duration soakLatency,
    Duration soakWarmup,
    Duration soakDuration,
    Duration heapSettle,
    String model,
    String message,
    Duration requestTimeout,
    int clients,
    String email,
    String password,
    Duration readyTimeout,
    Duration stopGrace,
    @Nullable Path dataDir,
    boolean keepData,
    Path markdown,
    @Nullable Path json,
    Path logDir,
    boolean quick) {

  public static final String DEFAULT_SERVER_JAR = "rampart-server/target/rampart-server.jar";

  /** The two quotas of the default plan that direct model calls count against ({@code TenantQuotas}). */
  static final String RAISED_QUOTAS = "'-Drampart.gateway.rate-limits.plans.default.tokens=" + GatewayChain.UNREACHABLE_LIMIT
      + "' -Drampart.gateway.rate-limits.plans.default.concurrent-runs=1000000";

  /** The provider bulkhead: at 500 calls/s of 1.5 s each, about 750 are in flight (the default is 64). */
  static final String RAISED_BULKHEAD = "-Drampart.providers.resilience.max-concurrent-calls=4000";

  /**
   * As {@code ./rampart serve} runs it, with every rate limit and quota raised out of reach of the load
   * (still counted on every request) and the simulator on a port the harness knows.
   */
  public static final String DEFAULT_COMMAND = "{java} " + LaunchCommand.LAUNCHER_JVM_FLAGS + " " + GatewayChain.RAISED_LIMITS
      + " " + RAISED_QUOTAS + " " + RAISED_BULKHEAD + " -Drampart.providers.sim.port={simPort} -jar {jar}";

  public static final String DEFAULT_MODES = "overhead,ttft,soak";
  public static final String DEFAULT_RATES = "20,200,1000";
  public static final String DEFAULT_MODEL = "sim-echo";

  /** About 40 words, as a short real prompt is; nothing in it for masking or screening to find. */
  public static final String DEFAULT_MESSAGE = "Summarize the main trade-offs between event sourcing and a conventional"
      + " relational schema for an order management service, covering auditability, query complexity, schema"
      + " evolution and operational cost, and suggest which approach a small team should start with and why.";

  public ProvidersOptions {
    modes = Set.copyOf(modes);
    jvmArgs = List.copyOf(jvmArgs);
    env = Map.copyOf(env);
    rates = List.copyOf(rates);
    if (modes.isEmpty()) {
      throw new IllegalArgumentException("nothing to measure: no modes");
    }
    if (modes.contains(Mode.OVERHEAD) && rates.isEmpty()) {
      throw new IllegalArgumentException("overhead needs at least one rate");
    }
    if (prime.isNegative() || warmup.isNegative() || soakWarmup.isNegative() || ttft.isNegative() || interToken.isNegative()
        || soakLatency.isNegative() || heapSettle.isNegative()) {
      throw new IllegalArgumentException("durations must be >= 0");
    }
  }

  public boolean runs(Mode mode) {
    return modes.contains(mode);
  }

  /** {@code providers}, or {@code providers-quick} for a smoke run, so that it never overwrites real figures. */
  public String blockId() {
    return quick ? "providers-quick" : "providers";
  }
}
