package dev.rampart.bench.auth;

import dev.rampart.bench.load.CpuWatch;
import dev.rampart.bench.load.Header;
import dev.rampart.bench.load.LoadDriver;
import dev.rampart.bench.load.LoadOptions;
import dev.rampart.bench.load.ScenarioResult;
import dev.rampart.bench.process.FreePort;
import dev.rampart.bench.process.LaunchCommand;
import dev.rampart.bench.report.RunContext;
import dev.rampart.bench.report.ScenarioTable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Starts the server twice from the same jar, with the profile's subject (security for {@code auth})
 * and without (see {@link AuthOptions}, {@link Profile}), each on its own port and data directory,
 * checks that each answers as the profile requires, and measures both while both run: at each
 * concurrency the same GET goes to the server without the subject, then to the one with it, round
 * after round, so that a drift of the shared machine touches both sides alike. Then, for {@code
 * auth}, it measures refresh rotation on the server with security.
 */
public final class AuthBench {

  /** The bootstrap admin both servers create on their first start (ARCHITECTURE.md §11). */
  public static final String EMAIL_ENV = "RAMPART_BOOTSTRAP_ADMIN_EMAIL";

  public static final String PASSWORD_ENV = "RAMPART_BOOTSTRAP_ADMIN_PASSWORD";

  private final AuthOptions options;
  private final Profile profile;
  private final PrintStream out;

  public AuthBench(AuthOptions options, PrintStream out) {
    this.options = options;
    this.profile = options.profile();
    this.out = out;
  }

  /**
   * The measured scenarios, judged by {@code auth}'s targets; a profile's report judges them by its
   * own. Throws IllegalStateException when a jar is missing, a server does not start, or a server
   * fails one of the profile's checks.
   */
  public AuthReport run(RunContext context) throws IOException, InterruptedException {
    requireInputs();
    String loadBefore = LoadAverage.read();
    Path root = options.dataDir() != null ? options.dataDir()
        : Files.createTempDirectory("rampart-bench-" + profile.name() + "-");
    boolean compare = !options.concurrencies().isEmpty();
    List<AuthReport.Comparison> overhead = new ArrayList<>();
    List<AuthReport.Refresh> refresh = new ArrayList<>();
    String servers;
    try (var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ServerUnderTest off = compare ? start(Check.Side.OFF, options.offCommand(), root) : null;
        ServerUnderTest on = start(Check.Side.ON, options.onCommand(), root)) {
      SignIn signIn = signIn(http, on);
      Tokens tokens = new Tokens(signIn, off != null && profile.tokenPerServer() ? signIn(http, off) : signIn);
      check(http, on, off, tokens.next());
      var driver = new LoadDriver();
      if (off != null && options.prime().isPositive()) {
        Tokens.Pair token = tokens.next();
        for (ServerUnderTest server : List.of(off, on)) {
          out.printf(Locale.ROOT, "priming the server with %s for %d s (not recorded)%n", server.name(),
              options.prime().toSeconds());
          driver.run(prime(server, token.of(server.side())), List.of());
        }
      }
      for (int concurrency : options.concurrencies()) {
        List<ScenarioResult> offRounds = new ArrayList<>();
        List<ScenarioResult> onRounds = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
          Tokens.Pair token = tokens.next();
          offRounds.add(measure(driver, get(off, token.off(), concurrency, round), off.watches()));
          onRounds.add(measure(driver, get(on, token.on(), concurrency, round), on.watches()));
        }
        overhead.add(new AuthReport.Comparison(concurrency, offRounds, onRounds));
      }
      for (int concurrency : options.refreshConcurrencies()) {
        refresh.add(refresh(driver, on, signIn, concurrency));
      }
      servers = "Servers: " + on.name() + " `" + on.command() + "`"
          + (off == null ? "" : "; " + off.name() + " `" + off.command() + "`")
          + ". Each has its own embedded PostgreSQL; `server` is the JVM's CPU, `DB` that of its PostgreSQL processes.";
    } finally {
      if (options.dataDir() == null && !options.keepData()) {
        deleteTree(root);
      } else {
        out.println("data kept in " + root);
      }
    }
    String title = options.quick() ? "**smoke run (quick)** — not a figure to quote\n\n" : "";
    String load = "1-minute load average before the run " + loadBefore + ", after " + LoadAverage.read()
        + " (`/proc/loadavg`; the benchmark's own processes count in the second).";
    return new AuthReport(options.path(), overhead, refresh, title + context.markdown() + load + "\n" + servers + "\n");
  }

  private void requireInputs() {
    String both = options.onCommand() + " " + options.offCommand();
    if (both.contains("{jar}") && !Files.exists(options.serverJar())) {
      throw new IllegalStateException("server jar not found: " + options.serverJar().toAbsolutePath()
          + " (build it with: mvn -pl rampart-server -am package -DskipTests, or pass --server-jar)");
    }
    if (!options.concurrencies().isEmpty() && options.offCommand().contains("{testClasses}")
        && !Files.exists(options.testClasses().resolve("dev/rampart/identity/internal/SecurityOffServer.class"))) {
      throw new IllegalStateException("dev.rampart.identity.internal.SecurityOffServer not found under " + options.testClasses().toAbsolutePath()
          + " (the same package command compiles it; -Dmaven.test.skip would not)");
    }
  }

  private SignIn signIn(HttpClient http, ServerUnderTest server) {
    return new SignIn(http, server.base(), options.email(), options.password(), options.requestTimeout());
  }

  private ServerUnderTest start(Check.Side side, String template, Path root) throws IOException, InterruptedException {
    int port = FreePort.pick();
    Path dataDir = root.resolve(side.label());
    List<String> command = new ArrayList<>(LaunchCommand.expand(template,
        Map.of("java", LaunchCommand.currentJava(), "jar", options.serverJar().toString(),
            "testClasses", options.testClasses().toString(), "port", Integer.toString(port), "dataDir", dataDir.toString()),
        List.of()));
    command.addAll(1, options.jvmArgs());
    Map<String, String> env = new HashMap<>(options.env());
    env.put("RAMPART_PORT", Integer.toString(port));
    env.put("RAMPART_DATA_DIR", dataDir.toString());
    env.put(EMAIL_ENV, options.email());
    env.put(PASSWORD_ENV, options.password());
    out.println("starting the server with " + profile.label(side) + ": " + LaunchCommand.display(command));
    ServerUnderTest server = ServerUnderTest.start(side, profile.label(side), command, env, port, dataDir,
        options.logDir().resolve(profile.name() + "-" + side.label() + ".log"), options.readyTimeout());
    out.println("  ready on " + server.base() + "; log " + server.log());
    return server;
  }

  /**
   * Before measuring anything, each server must answer as the profile's checks require (for {@code
   * auth}: the server with security refuses the GET without a token and answers it with one, the
   * other answers it without), or the comparison would mean nothing. Checks of the baseline are
   * skipped when only refresh is measured and it was not started.
   */
  private void check(HttpClient http, ServerUnderTest on, @Nullable ServerUnderTest off, Tokens.Pair tokens)
      throws IOException, InterruptedException {
    for (Check check : profile.checks()) {
      ServerUnderTest server = check.side() == Check.Side.ON ? on : off;
      if (server == null) {
        continue;
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(server.base().resolve(options.path())).timeout(options.requestTimeout());
      if (check.withToken()) {
        request.header("Authorization", "Bearer " + tokens.of(check.side()));
      }
      HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      String header = check.header();
      boolean sent = header != null && response.headers().firstValue(header).isPresent();
      if (response.statusCode() != check.status() || (header != null && sent != check.headerSent())) {
        throw new IllegalStateException(check.why() + ": GET " + options.path() + " answered " + response.statusCode()
            + (header == null ? "" : sent ? " with " + header : " without " + header) + " (log " + server.log() + ")");
      }
    }
  }

  private LoadOptions get(ServerUnderTest server, String token, int concurrency, int round) {
    return LoadOptions.builder(server.base().resolve(options.path()))
        .name(String.format(Locale.ROOT, "GET %s, %s, round %d", options.path(), server.name(), round))
        .header(new Header("Authorization", "Bearer " + token))
        .concurrency(concurrency)
        .warmup(options.warmup())
        .duration(options.duration())
        .maxRequests(options.requests())
        .requestTimeout(options.requestTimeout())
        .build();
  }

  private LoadOptions prime(ServerUnderTest server, String token) {
    return LoadOptions.builder(server.base().resolve(options.path()))
        .name("GET " + options.path() + ", priming " + server.side().label())
        .header(new Header("Authorization", "Bearer " + token))
        .concurrency(options.concurrencies().getFirst())
        .warmup(Duration.ZERO)
        .duration(options.prime())
        .requestTimeout(options.requestTimeout())
        .build();
  }

  private ScenarioResult measure(LoadDriver driver, LoadOptions scenario, List<CpuWatch> serverWatches)
      throws InterruptedException {
    List<CpuWatch> watched = Stream.concat(Stream.of(CpuWatch.driver()), serverWatches.stream()).toList();
    ScenarioResult result = driver.run(scenario, watched);
    out.print(ScenarioTable.text(List.of(result)));
    return result;
  }

  private AuthReport.Refresh refresh(LoadDriver driver, ServerUnderTest on, SignIn signIn, int concurrency)
      throws IOException, InterruptedException {
    out.printf(Locale.ROOT, "signing in %d times: one refresh-token family per worker%n", concurrency);
    List<RefreshConversation> families = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      families.add(new RefreshConversation(on.base(), options.requestTimeout(), signIn, signIn.tokens().refreshToken()));
    }
    LoadOptions scenario = LoadOptions.builder(on.base().resolve(RefreshConversation.REFRESH_PATH))
        .name("POST " + RefreshConversation.REFRESH_PATH + ", chained")
        .method("POST")
        .concurrency(concurrency)
        .warmup(options.warmup())
        .duration(options.duration())
        .maxRequests(options.requests())
        .requestTimeout(options.requestTimeout())
        .build();
    List<CpuWatch> watched = Stream.concat(Stream.of(CpuWatch.driver()), on.watches().stream()).toList();
    ScenarioResult result = driver.converse(scenario, watched, families::get);
    out.print(ScenarioTable.text(List.of(result)));
    long restarts = families.stream().mapToLong(RefreshConversation::restarts).sum();
    out.printf(Locale.ROOT, "  %d rotations in all (warm-up included), %d sign-ins after an error%n",
        families.stream().mapToLong(RefreshConversation::rotations).sum(), restarts);
    return new AuthReport.Refresh(result, restarts);
  }

  /** Signs the admin in at each server, or once where the baseline reads no token. */
  private record Tokens(SignIn on, SignIn off) {

    /** A fresh access token for each server. */
    record Pair(String on, String off) {

      String of(Check.Side side) {
        return side == Check.Side.ON ? on : off;
      }

      @Override
      public String toString() {
        return "Pair[...]";
      }
    }

    Pair next() throws IOException, InterruptedException {
      String onToken = on.tokens().accessToken();
      return new Pair(onToken, off == on ? onToken : off.tokens().accessToken());
    }
  }

  /** Deletes a benchmark's temporary data directory with everything in it. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The machine's 1-minute load average, as Linux reports it. */
  public static final class LoadAverage {

    private LoadAverage() {}

    public static String read() {
      try {
        return parse(Files.readString(Path.of("/proc/loadavg")));
      } catch (IOException | RuntimeException e) {
        return "unknown";
      }
    }

    static String parse(String loadavg) {
      String[] fields = loadavg.trim().split("\\s+");
      return fields.length == 0 || fields[0].isEmpty() ? "unknown" : fields[0];
    }
  }
}
