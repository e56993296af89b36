package dev.rampart.bench.providers;

import dev.rampart.bench.auth.AuthBench;
import dev.rampart.bench.auth.Check;
import dev.rampart.bench.auth.ServerUnderTest;
import dev.rampart.bench.auth.SignIn;
import dev.rampart.bench.load.CpuWatch;
import dev.rampart.bench.load.Header;
import dev.rampart.bench.load.Lane;
import dev.rampart.bench.load.OpenLoopDriver;
import dev.rampart.bench.load.OpenLoopOptions;
import dev.rampart.bench.load.OpenLoopResult;
import dev.rampart.bench.load.SseFormat;
import dev.rampart.bench.process.FreePort;
import dev.rampart.bench.process.LaunchCommand;
import dev.rampart.bench.report.Json;
import dev.rampart.bench.report.RunContext;
import dev.rampart.bench.report.ScenarioTable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Starts the server jar once, with its built-in simulator on a port the harness knows, signs in as
 * the bootstrap admin and checks that both ways of calling the model answer, then runs the modes:
 * {@code overhead} (direct and platform calls taking turns at each fixed rate), {@code ttft} (the same,
 * streaming, against a paced simulator) and {@code soak} (the platform alone under a slow model,
 * with the heap read after a full GC before and after). Every load is open loop ({@link OpenLoopDriver}).
 */
public final class ProvidersBench {

  static final String PLATFORM_PATH = "/api/v1/providers/sim/chat";
  static final String DIRECT_PATH = "/v1/chat/completions";

  /**
   * The server counts as idle once it uses less than this share of one core over a second. An
   * overloaded scenario leaves requests the server is still working on after the driver gave up on
   * them; the next scenario must not pay for them.
   */
  private static final double IDLE_CORES = 0.3;

  /** How long to wait for the server to become idle before measuring anyway (and saying so). */
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(90);

  private final ProvidersOptions options;
  private final PrintStream out;
  private final OpenLoopDriver driver = new OpenLoopDriver();

  public ProvidersBench(ProvidersOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /** Throws IllegalStateException when the jar is missing, the server does not start, or a check fails. */
  public ProvidersReport run(RunContext context) throws IOException, InterruptedException {
    if (options.command().contains("{jar}") && !Files.exists(options.serverJar())) {
      throw new IllegalStateException("server jar not found: " + options.serverJar().toAbsolutePath()
          + " (build it with: ./rampart build, or mvn -pl rampart-server -am package -DskipTests; or pass --server-jar)");
    }
    String loadBefore = AuthBench.LoadAverage.read();
    Path root = options.dataDir() != null ? options.dataDir() : Files.createTempDirectory("rampart-bench-providers-");
    List<ProvidersReport.Overhead> overhead = new ArrayList<>();
    ProvidersReport.Ttft ttft = null;
    ProvidersReport.Soak soak = null;
    int simPort = FreePort.pick();
    String serverLine;
    try (var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ServerUnderTest server = start(root, simPort)) {
      URI sim = URI.create("http://127.0.0.1:" + simPort);
      var admin = new SimAdmin(http, sim, options.requestTimeout());
      String token = new SignIn(http, server.base(), options.email(), options.password(), options.requestTimeout())
          .tokens().accessToken();
      Calls calls = new Calls(sim.resolve(DIRECT_PATH), server.base().resolve(PLATFORM_PATH), token);
      List<CpuWatch> watched = Stream.concat(Stream.of(CpuWatch.driver()), server.watches().stream()).toList();
      admin.latency(Duration.ZERO, Duration.ZERO);
      check(http, calls, server);
      if (options.prime().isPositive()) {
        out.printf(Locale.ROOT, "priming both paths at %d req/s each for %d s (not recorded)%n", options.primeRate(),
            options.prime().toSeconds());
        driver.run(new OpenLoopOptions(options.primeRate(), Duration.ZERO, options.prime(), options.requestTimeout(),
            OpenLoopOptions.defaultMaxInFlight(), options.clients(), options.requestTimeout()), calls.lanes(false, "priming"),
            List.of());
        awaitIdle(server);
      }
      if (options.runs(Mode.OVERHEAD)) {
        for (long rate : options.rates()) {
          out.printf(Locale.ROOT, "overhead at %d req/s per side%n", rate);
          OpenLoopResult result = measure(rate, options.warmup(), options.duration(), calls.lanes(false, rate + "/s"), watched);
          overhead.add(new ProvidersReport.Overhead(rate, result));
          awaitIdle(server);
        }
      }
      if (options.runs(Mode.TTFT)) {
        admin.latency(options.ttft(), options.interToken());
        out.printf(Locale.ROOT, "ttft at %d streams/s per side, simulator %d ms + %d ms per token%n", options.ttftRate(),
            options.ttft().toMillis(), options.interToken().toMillis());
        OpenLoopResult result = measure(options.ttftRate(), options.warmup(), options.duration(),
            calls.lanes(true, options.ttftRate() + "/s"), watched);
        ttft = new ProvidersReport.Ttft(options.ttftRate(), options.ttft(), options.interToken(), result);
        admin.latency(Duration.ZERO, Duration.ZERO);
        awaitIdle(server);
      }
      if (options.runs(Mode.SOAK)) {
        soak = soak(server, admin, calls, watched);
      }
      serverLine = "Server: `" + server.command() + "`, its simulator in-process on port " + simPort
          + " (the direct calls' target too); one embedded PostgreSQL. Load: open loop, "
          + options.clients() + " HTTP/1.1 clients with keep-alive.";
    } finally {
      if (options.dataDir() == null && !options.keepData()) {
        AuthBench.deleteTree(root);
      } else {
        out.println("data kept in " + root);
      }
    }
    String title = options.quick() ? "**smoke run (quick)** — not a figure to quote\n\n" : "";
    String load = "1-minute load average before the run " + loadBefore + ", after " + AuthBench.LoadAverage.read()
        + " (`/proc/loadavg`; the benchmark's own processes count in the second).";
    return new ProvidersReport(title + context.markdown() + load + "\n" + serverLine + "\n", overhead, ttft, soak);
  }

  private ServerUnderTest start(Path root, int simPort) throws IOException, InterruptedException {
    int port = FreePort.pick();
    Path dataDir = root.resolve("server");
    List<String> command = new ArrayList<>(LaunchCommand.expand(options.command(),
        Map.of("java", LaunchCommand.currentJava(), "jar", options.serverJar().toString(), "simPort", Integer.toString(simPort),
            "port", Integer.toString(port), "dataDir", dataDir.toString()),
        List.of()));
    command.addAll(1, options.jvmArgs());
    Map<String, String> env = new HashMap<>(options.env());
    env.put("RAMPART_PORT", Integer.toString(port));
    env.put("RAMPART_DATA_DIR", dataDir.toString());
    env.put(AuthBench.EMAIL_ENV, options.email());
    env.put(AuthBench.PASSWORD_ENV, options.password());
    out.println("starting the server: " + LaunchCommand.display(command));
    ServerUnderTest server = ServerUnderTest.start(Check.Side.ON, "server", command, env, port, dataDir,
        options.logDir().resolve("providers-server.log"), options.readyTimeout());
    out.println("  ready on " + server.base() + "; simulator on port " + simPort + "; log " + server.log());
    return server;
  }

  private OpenLoopResult measure(long rate, Duration warmup, Duration duration, List<Lane> lanes, List<CpuWatch> watched)
      throws InterruptedException {
    var loop = new OpenLoopOptions(rate, warmup, duration, options.requestTimeout().plusSeconds(5),
        OpenLoopOptions.defaultMaxInFlight(), options.clients(), options.requestTimeout());
    OpenLoopResult result = driver.run(loop, lanes, watched);
    out.print(ScenarioTable.text(result.scenarios()));
    out.printf(Locale.ROOT, "  send lag p50 %.3f ms, p99 %.3f ms, max %.2f ms; at most %d in flight%n",
        result.sendLag().p50(), result.sendLag().p99(), result.sendLag().max(), result.maxInFlight());
    return result;
  }

  /** Waits until the server has finished what an earlier, perhaps overloaded, scenario left it. */
  private void awaitIdle(ServerUnderTest server) throws InterruptedException {
    CpuWatch jvm = server.watches().getFirst();
    long deadline = System.nanoTime() + IDLE_TIMEOUT.toNanos();
    long started = System.nanoTime();
    while (System.nanoTime() - deadline < 0) {
      Duration before = jvm.reading().get();
      Thread.sleep(Duration.ofSeconds(1));
      double cores = jvm.reading().get().minus(before).toNanos() / 1e9;
      if (cores < IDLE_CORES) {
        out.printf(Locale.ROOT, "  server idle (%.2f cores) after %.0f s%n", cores, (System.nanoTime() - started) / 1e9);
        return;
      }
    }
    out.printf(Locale.ROOT, "  server still busy after %d s; measuring anyway%n", IDLE_TIMEOUT.toSeconds());
  }

  private ProvidersReport.Soak soak(ServerUnderTest server, SimAdmin admin, Calls calls, List<CpuWatch> watched)
      throws IOException, InterruptedException {
    admin.latency(options.soakLatency(), Duration.ZERO);
    awaitIdle(server);
    @Nullable Long before = heap(server, "before");
    out.printf(Locale.ROOT, "soak at %d req/s for %d s, simulator %d ms per reply%n", options.soakRate(),
        options.soakDuration().toSeconds(), options.soakLatency().toMillis());
    OpenLoopResult result = measure(options.soakRate(), options.soakWarmup(), options.soakDuration(),
        List.of(calls.platform(false, "soak " + options.soakRate() + "/s")), watched);
    awaitIdle(server);
    @Nullable Long after = heap(server, "after");
    admin.latency(Duration.ZERO, Duration.ZERO);
    return new ProvidersReport.Soak(options.soakRate(), options.soakLatency(), result, before, after);
  }

  /** After {@code heapSettle} of idling, so that what expires with time has expired alike before and after. */
  private @Nullable Long heap(ServerUnderTest server, String when) throws InterruptedException {
    Thread.sleep(options.heapSettle());
    OptionalLong used = HeapProbe.usedAfterFullGc(server.pid());
    out.println("  heap used after a full GC, " + when + " the soak: "
        + (used.isPresent() ? String.format(Locale.ROOT, "%.1f MiB", used.getAsLong() / 1048576.0) : "unknown (jcmd failed)"));
    if (used.isPresent()) {
      HeapProbe.largestClasses(server.pid(), 8).forEach(line -> out.println("    " + line));
    }
    return used.isPresent() ? used.getAsLong() : null;
  }

  /**
   * Each must answer before anything is measured, or the comparison would mean nothing: the direct
   * call, the platform call with the token (with nothing masked: the prompt carries no personal
   * data), the platform refusing a call without it, and both streams to their end.
   */
  private void check(HttpClient http, Calls calls, ServerUnderTest server) throws IOException, InterruptedException {
    requireAnswer(http, calls.direct(false, "check").request(), 200, "\"chat.completion\"", "the simulator's direct call");
    requireAnswer(http, calls.platform(false, "check").request(), 200, "\"masked\":{}",
        "the platform call of the signed-in admin (log " + server.log() + ")");
    requireAnswer(http, calls.platformWithoutToken(), 401, "", "the platform call without a token");
    requireAnswer(http, calls.direct(true, "check").request(), 200, "data: [DONE]", "the simulator's direct stream");
    requireAnswer(http, calls.platform(true, "check").request(), 200, "event: done", "the platform stream");
  }

  private static void requireAnswer(HttpClient http, HttpRequest request, int status, String contains, String what)
      throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != status || !response.body().contains(contains)) {
      String body = response.body();
      throw new IllegalStateException(what + " must answer " + status + (contains.isEmpty() ? "" : " with " + contains)
          + ", answered " + response.statusCode() + ": " + (body.length() > 500 ? body.substring(0, 500) + "..." : body));
    }
  }

  /** The two ways of asking the same model the same thing. */
  private final class Calls {
    private final URI direct;
    private final URI platform;
    private final String token;

    Calls(URI direct, URI platform, String token) {
      this.direct = direct;
      this.platform = platform;
      this.token = token;
    }

    /** Direct first, then platform: lane 0 and lane 1, as the report reads them. */
    List<Lane> lanes(boolean stream, String suffix) {
      return List.of(direct(stream, suffix), platform(stream, suffix));
    }

    Lane direct(boolean stream, String suffix) {
      return Lane.post(name("direct", stream, suffix), direct, body(stream), List.of(), stream, SseFormat.OPENAI_CHAT,
          options.requestTimeout());
    }

    Lane platform(boolean stream, String suffix) {
      return Lane.post(name("platform", stream, suffix), platform, body(stream),
          List.of(new Header("Authorization", "Bearer " + token)), stream, SseFormat.RAMPART_CHAT, options.requestTimeout());
    }

    HttpRequest platformWithoutToken() {
      return HttpRequest.newBuilder(platform).timeout(options.requestTimeout()).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body(false))).build();
    }

    /** The same body both ways: the playground takes the OpenAI fields it needs. */
    private String body(boolean stream) {
      return "{\"model\":" + Json.quote(options.model()) + ",\"messages\":[{\"role\":\"user\",\"content\":"
          + Json.quote(options.message()) + "}],\"stream\":" + stream + "}";
    }

    private String name(String side, boolean stream, String suffix) {
      return side + (stream ? ", stream" : "") + ", " + suffix;
    }
  }
}
