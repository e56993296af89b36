package dev.rampart.bench.auth;

import dev.rampart.bench.process.LaunchCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How to run a two-server comparison ({@code auth} by default): two servers from the same jar, for
 * {@code auth} one as users run it ({@code onCommand}) and one with authentication and authorization
 * replaced by a fixed principal from the test classes ({@code offCommand}, {@code
 * dev.rampart.identity.internal.SecurityOffServer}); the same GET against both at each of {@code
 * concurrencies}, alternating, {@code rounds} times; then refresh rotation against the first at each
 * of {@code refreshConcurrencies}.
 *
 * @param profile which comparison: labels, checks, target (see {@link Profile})
 * @param onCommand launch template with {@code {java}}, {@code {jar}}, {@code {testClasses}}
 * @param jvmArgs inserted after the java executable in both commands (e.g. JFR settings)
 * @param env extra environment for both, on top of port, data directory and bootstrap admin
 * @param path the authenticated GET both servers answer
 * @param prime unrecorded load on each server before the first round, so that the JIT has compiled
 *     the request path of both before anything is compared (zero: none)
 * @param requests measured requests per scenario; 0 = run for {@code duration}
 * @param dataDir null = new temporary directories, deleted afterwards unless {@code keepData}
 */
public record AuthOptions(
    Profile profile,
    Path serverJar,
    Path testClasses,
    String onCommand,
    String offCommand,
    List<String> jvmArgs,
    Map<String, String> env,
    String path,
    List<Integer> concurrencies,
    List<Integer> refreshConcurrencies,
    int rounds,
    Duration prime,
    Duration warmup,
    Duration duration,
    long requests,
    Duration requestTimeout,
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
  public static final String DEFAULT_TEST_CLASSES = "rampart-server/target/test-classes";
  /**
   * Rate limits off on both sides: this benchmark measures authentication and authorization (#4), and
   * its sign-ins and refreshes from one address would otherwise hit the per-address limits (#5).
   */
  static final String NO_RATE_LIMITS = " -Drampart.gateway.rate-limits.enabled=false";
  /** As {@code ./rampart serve} starts it, rate limits aside. */
  public static final String DEFAULT_ON_COMMAND = "{java} " + LaunchCommand.LAUNCHER_JVM_FLAGS + NO_RATE_LIMITS + " -jar {jar}";
  /** The same jar and flags, with the security-off main class from the test classes. */
  public static final String DEFAULT_OFF_COMMAND = "{java} " + LaunchCommand.LAUNCHER_JVM_FLAGS
      + NO_RATE_LIMITS + " -cp {jar} -Dloader.path={testClasses} -Dloader.main=dev.rampart.identity.internal.SecurityOffServer"
      + " org.springframework.boot.loader.launch.PropertiesLauncher";
  /**
   * A GET every member may call that reads no table: the provider list comes from memory, so what
   * the two servers differ by is the security of the request path alone.
   */
  public static final String DEFAULT_PATH = "/api/v1/providers";
  public static final String DEFAULT_CONCURRENCIES = "16,64";
  public static final String DEFAULT_REFRESH_CONCURRENCIES = "16,64";
  public static final int DEFAULT_ROUNDS = 2;
  public static final String DEFAULT_EMAIL = "bench-admin@example.org";
  public static final String DEFAULT_PASSWORD = "lantern-harbour-quiet-2026";

  public AuthOptions {
    jvmArgs = List.copyOf(jvmArgs);
    env = Map.copyOf(env);
    concurrencies = List.copyOf(concurrencies);
    refreshConcurrencies = List.copyOf(refreshConcurrencies);
    if (!profile.refresh() && !refreshConcurrencies.isEmpty()) {
      throw new IllegalArgumentException(profile.name() + " has no refresh part, got refresh levels " + refreshConcurrencies);
    }
    if (concurrencies.isEmpty() && refreshConcurrencies.isEmpty()) {
      throw new IllegalArgumentException("nothing to measure: no concurrency levels");
    }
    if (prime.isNegative()) {
      throw new IllegalArgumentException("prime must be >= 0, got " + prime);
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
    }
  }

  public String blockId() {
    return profile.blockId(quick);
  }
}
