package dev.rampart.bench.auth;

import dev.rampart.bench.cli.FlagSpec;
import dev.rampart.bench.cli.ParsedFlags;
import dev.rampart.bench.cli.Subcommand;
import dev.rampart.bench.load.LoadOptions;
import dev.rampart.bench.report.JsonLinesFile;
import dev.rampart.bench.report.MarkdownBlock;
import dev.rampart.bench.report.RunContext;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code auth}: issue #4's targets, the cost of request authentication and authorization, and refresh rotation. */
public final class AuthCommand implements Subcommand {

  static final Duration QUICK_PRIME = Duration.ofSeconds(2);
  static final Duration QUICK_WARMUP = Duration.ofSeconds(1);
  static final Duration QUICK_DURATION = Duration.ofSeconds(3);

  @Override
  public String name() {
    return "auth";
  }

  @Override
  public String summary() {
    return "a GET with security on vs off (same jar, same run), and chained refresh-token rotation";
  }

  @Override
  public List<FlagSpec> flags() {
    return List.of(
        FlagSpec.value("server-jar", "PATH", AuthOptions.DEFAULT_SERVER_JAR, "server executable jar"),
        FlagSpec.value("test-classes", "PATH", AuthOptions.DEFAULT_TEST_CLASSES, "holds dev.rampart.identity.internal.SecurityOffServer"),
        FlagSpec.value("on-command", "TEMPLATE", AuthOptions.DEFAULT_ON_COMMAND,
            "server with security; {java} {jar} {testClasses} {port} {dataDir} are filled in"),
        FlagSpec.value("off-command", "TEMPLATE", AuthOptions.DEFAULT_OFF_COMMAND, "server without security (the baseline)"),
        FlagSpec.repeated("jvm-arg", "ARG", "JVM option for both servers, e.g. -XX:StartFlightRecording=..."),
        FlagSpec.repeated("env", "NAME=VALUE", "extra environment variable for both servers"),
        FlagSpec.value("path", "PATH", AuthOptions.DEFAULT_PATH, "the authenticated GET"),
        FlagSpec.value("concurrency", "N,N,...", AuthOptions.DEFAULT_CONCURRENCIES, "GET levels; 0 skips the comparison"),
        FlagSpec.value("refresh-concurrency", "N,N,...", AuthOptions.DEFAULT_REFRESH_CONCURRENCIES,
            "refresh levels (one sign-in per worker first); 0 skips refresh"),
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
        FlagSpec.value("markdown", "PATH", AuthOptions.DEFAULT_MARKDOWN, "Markdown file whose bench block is rewritten"),
        FlagSpec.value("json", "PATH", null, "also append one JSON line per scenario and a summary line"),
        FlagSpec.value("log-dir", "PATH", null, "where the servers' output goes; default a new temp dir"),
        FlagSpec.toggle("quick", "smoke run: 2s prime, 1s warm-up, 3s measured, 1 round, written to the -quick block"));
  }

  @Override
  public int run(ParsedFlags flags, List<String> rawArgs, PrintStream out) throws IOException, InterruptedException {
    AuthOptions options = options(flags);
    AuthReport report = new AuthBench(options, out).run(RunContext.of(name(), rawArgs));
    String markdown = report.markdown();
    out.println();
    out.print(markdown);
    List<String> lines = report.jsonLines();
    lines.forEach(out::println);
    if (options.json() != null) {
      JsonLinesFile.append(options.json(), lines);
    }
    MarkdownBlock.write(options.markdown(), options.blockId(), markdown);
    out.println("wrote block '" + options.blockId() + "' in " + options.markdown());
    return 0;
  }

  static AuthOptions options(ParsedFlags flags) throws IOException {
    boolean quick = flags.toggle("quick");
    Path logDir = flags.optionalPath("log-dir");
    return new AuthOptions(
        flags.path("server-jar"),
        flags.path("test-classes"),
        flags.string("on-command"),
        flags.string("off-command"),
        flags.all("jvm-arg"),
        flags.assignments("env"),
        flags.string("path"),
        levels(flags, "concurrency"),
        levels(flags, "refresh-concurrency"),
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
        logDir != null ? logDir : Files.createTempDirectory("rampart-bench-auth-logs-"),
        quick);
  }

  /** A list of levels, where a lone 0 means none. */
  private static List<Integer> levels(ParsedFlags flags, String name) {
    List<Integer> levels = flags.integers(name, 0, LoadOptions.MAX_CONCURRENCY);
    return levels.equals(List.of(0)) ? List.of() : levels.stream().filter(n -> n > 0).toList();
  }
}
