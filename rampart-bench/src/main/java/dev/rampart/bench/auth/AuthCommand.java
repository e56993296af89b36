package dev.rampart.bench.auth;

import dev.rampart.bench.cli.FlagSpec;
import dev.rampart.bench.cli.ParsedFlags;
import dev.rampart.bench.cli.Subcommand;
import dev.rampart.bench.load.LoadOptions;
import dev.rampart.bench.report.Published;
import dev.rampart.bench.report.RunContext;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code auth}: issue #4's targets, the cost of request authentication and authorization, and refresh
 * rotation. Given another {@link Profile}, the same command runs another two-server comparison
 * ({@code gateway}).
 */
public final class AuthCommand implements Subcommand {

  /** Security off and on: the bearer filter and the permission interceptor, against {@code SecurityOffServer}. */
  public static final Profile PROFILE = new Profile(
      "auth",
      "a GET with security on vs off (same jar, same run), and chained refresh-token rotation",
      "security",
      AuthOptions.DEFAULT_ON_COMMAND,
      AuthOptions.DEFAULT_OFF_COMMAND,
      AuthOptions.DEFAULT_PATH,
      true,
      false,
      List.of(
          Check.answers(Check.Side.ON, false, 401, "with security on, a request without a token must be refused"),
          Check.answers(Check.Side.ON, true, 200, "with security on, the signed-in bootstrap admin must be served"),
          Check.answers(Check.Side.OFF, false, 200, "with security off, a request without a token must be served")),
      report -> report);

  static final Duration QUICK_PRIME = Duration.ofSeconds(2);
  static final Duration QUICK_WARMUP = Duration.ofSeconds(1);
  static final Duration QUICK_DURATION = Duration.ofSeconds(3);

  private final Profile profile;

  public AuthCommand() {
    this(PROFILE);
  }

  public AuthCommand(Profile profile) {
    this.profile = profile;
  }

  @Override
  public String name() {
    return profile.name();
  }

  @Override
  public String summary() {
    return profile.summary();
  }

  @Override
  public List<FlagSpec> flags() {
    List<FlagSpec> flags = new ArrayList<>(List.of(
        FlagSpec.value("server-jar", "PATH", AuthOptions.DEFAULT_SERVER_JAR, "server executable jar"),
        FlagSpec.value("test-classes", "PATH", AuthOptions.DEFAULT_TEST_CLASSES,
            "{testClasses} in the templates (auth's baseline, SecurityOffServer, comes from there)"),
        FlagSpec.value("on-command", "TEMPLATE", profile.onCommand(), "server with " + profile.subject()
            + "; {java} {jar} {testClasses} {port} {dataDir} are filled in, quotes keep spaces in one argument"),
        FlagSpec.value("off-command", "TEMPLATE", profile.offCommand(), "server without " + profile.subject() + " (the baseline)"),
        FlagSpec.repeated("jvm-arg", "ARG", "JVM option for both servers, e.g. -XX:StartFlightRecording=..."),
        FlagSpec.repeated("env", "NAME=VALUE", "extra environment variable for both servers"),
        FlagSpec.value("path", "PATH", profile.path(), "the authenticated GET"),
        FlagSpec.value("concurrency", "N,N,...", AuthOptions.DEFAULT_CONCURRENCIES, "GET levels; 0 skips the comparison")));
    if (profile.refresh()) {
      flags.add(FlagSpec.value("refresh-concurrency", "N,N,...", AuthOptions.DEFAULT_REFRESH_CONCURRENCIES,
          "refresh levels (one sign-in per worker first); 0 skips refresh"));
    }
    flags.addAll(List.of(
        FlagSpec.value("rounds", "N", Integer.toString(AuthOptions.DEFAULT_ROUNDS), "off/on alternations per GET level"),
        FlagSpec.value("prime", "DURATION", "20s", "unrecorded GET load on each server before the first round"),
        FlagSpec.value("warmup", "DURATION", "5s", "per scenario, not recorded"),
        FlagSpec.value("duration", "DURATION", "15s", "measured window per scenario"),
        FlagSpec.value("requests", "N", "0", "measured requests per scenario; 0 = run for --duration"),
        FlagSpec.value("timeout", "DURATION", "30s", "per request"),
        FlagSpec.value("email", "ADDRESS", AuthOptions.DEFAULT_EMAIL, "bootstrap admin both servers create and the driver signs in as"),
        FlagSpec.value("password", "TEXT", AuthOptions.DEFAULT_PASSWORD, "its password"),
        FlagSpec.value("ready-timeout", "DURATION", "120s", "per server"),
        FlagSpec.value("stop-grace", "DURATION", "30s", "after SIGTERM, before SIGKILL"),
        FlagSpec.value("data-dir", "PATH", null, "parent of the two servers' data dirs; default a new temp dir"),
        FlagSpec.toggle("keep-data", "do not delete the temporary data dirs afterwards"),
        FlagSpec.value("markdown", "PATH", profile.defaultMarkdown(), "Markdown file whose bench block is rewritten"),
        FlagSpec.value("json", "PATH", null, "also append one JSON line per scenario and a summary line"),
        FlagSpec.value("log-dir", "PATH", null, "where the servers' output goes; default a new temp dir"),
        FlagSpec.toggle("quick", "smoke run: 2s prime, 1s warm-up, 3s measured, 1 round, written to the -quick block")));
    return flags;
  }

  @Override
  public int run(ParsedFlags flags, List<String> rawArgs, PrintStream out) throws IOException, InterruptedException {
    AuthOptions options = options(flags);
    BenchReport report = profile.report().apply(new AuthBench(options, out).run(RunContext.of(name(), rawArgs)));
    Published.report(out, report.markdown(), report.jsonLines(), options.json(), options.markdown(), options.blockId());
    return 0;
  }

  /** The options of a run from its flags, with this command's profile. */
  public AuthOptions options(ParsedFlags flags) throws IOException {
    boolean quick = flags.toggle("quick");
    Path logDir = flags.optionalPath("log-dir");
    return new AuthOptions(
        profile,
        flags.path("server-jar"),
        flags.path("test-classes"),
        flags.string("on-command"),
        flags.string("off-command"),
        flags.all("jvm-arg"),
        flags.assignments("env"),
        flags.string("path"),
        levels(flags, "concurrency"),
        profile.refresh() ? levels(flags, "refresh-concurrency") : List.of(),
        quick && !flags.has("rounds") ? 1 : flags.integer("rounds", 1, 100),
        quick && !flags.has("prime") ? QUICK_PRIME : flags.duration("prime"),
        quick && !flags.has("warmup") ? QUICK_WARMUP : flags.duration("warmup"),
        quick && !flags.has("duration") ? QUICK_DURATION : flags.duration("duration"),
        flags.number("requests", 0, Long.MAX_VALUE),
        flags.duration("timeout"),
        flags.string("email"),
        flags.string("password"),
        flags.duration("ready-timeout"),
        flags.duration("stop-grace"),
        flags.optionalPath("data-dir"),
        flags.toggle("keep-data"),
        flags.path("markdown"),
        flags.optionalPath("json"),
        logDir != null ? logDir : Files.createTempDirectory("rampart-bench-" + profile.name() + "-logs-"),
        quick);
  }

  /** A list of levels, where a lone 0 means none. */
  private static List<Integer> levels(ParsedFlags flags, String name) {
    List<Integer> levels = flags.integers(name, 0, LoadOptions.MAX_CONCURRENCY);
    return levels.equals(List.of(0)) ? List.of() : levels.stream().filter(n -> n > 0).toList();
  }
}
