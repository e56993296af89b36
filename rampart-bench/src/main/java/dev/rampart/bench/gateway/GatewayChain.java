package dev.rampart.bench.gateway;

import dev.rampart.bench.auth.Check;
import dev.rampart.bench.auth.Check.Side;
import dev.rampart.bench.auth.Profile;
import dev.rampart.bench.process.LaunchCommand;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code gateway} comparison (issue #5): two servers from the same jar, both with security, one
 * with the full gateway chain and one with it switched off by flags. The chain's rate limits stay
 * enforced, each bucket counted and described on every response, but every limit is raised far above
 * what the load can reach, so no request is refused and the two servers answer the same.
 */
public final class GatewayChain {

  /** More than two cores can ask for in a minute, and as many at once. */
  public static final String UNREACHABLE_LIMIT = "100000000/1m burst 100000000";

  /** Every limit of {@code rampart.gateway.rate-limits} a GET, a sign-in or a refresh can be counted in. */
  static final List<String> LIMITS = List.of("address", "login", "refresh", "plans.default.principal",
      "plans.default.api-key", "plans.default.tenant", "plans.default.reads", "plans.default.writes", "plans.default.runs");

  /** Both servers get these, quoted because a limit is written with spaces. */
  public static final String RAISED_LIMITS = LIMITS.stream()
      .map(limit -> "'-Drampart.gateway.rate-limits." + limit + "=" + UNREACHABLE_LIMIT + "'")
      .collect(Collectors.joining(" "));

  /**
   * What switches the chain off on the baseline, and nothing else: the rate limits, response masking
   * and threat detection. The checks before measuring rely only on the first (the {@code
   * RateLimit-Policy} header), so this list can follow the server's properties without them.
   */
  public static final String CHAIN_OFF = "-Drampart.gateway.rate-limits.enabled=false"
      + " -Drampart.gateway.mask-responses=false -Drampart.gateway.threats.enabled=false";

  public static final String ON_COMMAND = "{java} " + LaunchCommand.LAUNCHER_JVM_FLAGS + " " + RAISED_LIMITS + " -jar {jar}";

  /** The same jar and flags, with the chain off. */
  public static final String OFF_COMMAND = "{java} " + LaunchCommand.LAUNCHER_JVM_FLAGS + " " + RAISED_LIMITS + " " + CHAIN_OFF
      + " -jar {jar}";

  /**
   * A typical authenticated, tenant-scoped list that reads PostgreSQL (the tenant's role counts and
   * custom roles, in a transaction bound to the tenant) and that the bootstrap admin may call.
   */
  public static final String DEFAULT_PATH = "/api/v1/roles";

  /** Rate limiting answers with its policy on every limited request. */
  static final String POLICY_HEADER = "RateLimit-Policy";

  public static final Profile PROFILE = new Profile(
      "gateway",
      "a GET with the gateway chain (rate limits, validation, masking) on vs off: p99 latency (issue #5)",
      "gateway chain",
      ON_COMMAND,
      OFF_COMMAND,
      DEFAULT_PATH,
      false,
      true,
      List.of(
          Check.answers(Side.OFF, true, 200, "with the gateway chain off, the signed-in bootstrap admin must be served"),
          Check.answers(Side.ON, true, 200, "with the gateway chain on, the signed-in bootstrap admin must be served"),
          Check.answers(Side.OFF, false, 401, "with the gateway chain off, a request without a token must still be refused"),
          Check.answers(Side.ON, false, 401, "with the gateway chain on, a request without a token must be refused"),
          Check.header(Side.ON, POLICY_HEADER, true,
              "with the gateway chain on, the GET must be rate limited (" + POLICY_HEADER + " on the answer)"),
          Check.header(Side.OFF, POLICY_HEADER, false,
              "with the gateway chain off, the GET must not be rate limited (no " + POLICY_HEADER + ")")),
      GatewayReport::new);

  private GatewayChain() {}
}
