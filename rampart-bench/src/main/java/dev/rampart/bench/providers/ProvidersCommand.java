package dev.rampart.bench.providers;

import dev.rampart.bench.auth.AuthOptions;
import dev.rampart.bench.cli.FlagSpec;
import dev.rampart.bench.cli.ParsedFlags;
import dev.rampart.bench.cli.Subcommand;
import dev.rampart.bench.cli.UsageException;
import dev.rampart.bench.load.OpenLoopOptions;
import dev.rampart.bench.report.Published;
import dev.rampart.bench.report.RunContext;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code providers}: issue #6's targets, what the provider gateway adds to a model call (overhead, ttft, soak). */
public final class ProvidersCommand implements Subcommand {

  static final Duration QUICK_PRIME = Duration.ofSeconds(3);
  static final Duration QUICK_WARMUP = Duration.ofSeconds(2);
  static final Duration QUICK_DURATION = Duration.ofSeconds(5);
  static final Duration QUICK_SOAK = Duration.ofSeconds(10);
  static final Duration QUICK_HEAP_SETTLE = Duration.ofSeconds(5);

  @Override
  public String name() {
    return "providers";
  }

  @Override
  public String summary() {
    return "provider gateway vs the simulator called directly, open loop: overhead at fixed rates, ttft, soak (issue #6)";
  }

  @Override
  public List<FlagSpec> flags() {
    return List.of(
        FlagSpec.value("mode", "LIST", ProvidersOptions.DEFAULT_MODES, "which parts to run, in this order: overhead,ttft,soak"),
        FlagSpec.value("server-jar", "PATH", ProvidersOptions.DEFAULT_SERVER_JAR, "server executable jar"),
        FlagSpec.value("server-command", "TEMPLATE", ProvidersOptions.DEFAULT_COMMAND,
            "launch template; {java} {jar} {simPort} {port} {dataDir} are filled in, quotes keep spaces in one argument"),
        FlagSpec.repeated("jvm-arg", "ARG", "JVM option for the server, e.g. -XX:StartFlightRecording=... or -Dproperty=value"),
        FlagSpec.repeated("env", "NAME=VALUE", "extra environment variable for the server"),
        FlagSpec.value("rates", "N,N,...", ProvidersOptions.DEFAULT_RATES, "overhead: offered requests per second per side (issue #6 sets targets at 200 and 1000; 20 shows a lightly loaded server)"),
        FlagSpec.value("prime", "DURATION", "30s", "unrecorded non-streaming load on both sides before measuring"),
        FlagSpec.value("prime-rate", "N", "50", "requests per second per side while priming"),
        FlagSpec.value("warmup", "DURATION", "10s", "overhead and ttft: per scenario, not recorded"),
        FlagSpec.value("duration", "DURATION", "30s", "overhead and ttft: measured window per scenario"),
        FlagSpec.value("ttft-rate", "N", "100", "ttft: offered streams per second per side"),
        FlagSpec.value("ttft", "DURATION", "20ms", "ttft: the simulator's time to first token"),
        FlagSpec.value("inter-token", "DURATION", "5ms", "ttft: the simulator's delay between tokens"),
        FlagSpec.value("soak-rate", "N", "500", "soak: offered requests per second (platform only)"),
        FlagSpec.value("soak-latency", "DURATION", "1500ms", "soak: the simulator's time to first token (the whole reply)"),
        FlagSpec.value("soak-warmup", "DURATION", "0s", "soak: not recorded; 0 = every request counts"),
        FlagSpec.value("soak-duration", "DURATION", "60s", "soak: measured window"),
        FlagSpec.value("heap-settle", "DURATION", "35s", "soak: the server idles this long before each heap reading"),
        FlagSpec.value("model", "NAME", ProvidersOptions.DEFAULT_MODEL, "the simulator's model"),
        FlagSpec.value("message", "TEXT", "a 40-word question", "the user message of every call"),
        FlagSpec.value("timeout", "DURATION", "30s", "per request (connect and response headers)"),
        FlagSpec.value("clients", "N", Integer.toString(OpenLoopOptions.DEFAULT_CLIENTS), "HttpClient instances requests take turns on"),
        FlagSpec.value("email", "ADDRESS", AuthOptions.DEFAULT_EMAIL, "bootstrap admin the server creates and the driver signs in as"),
        FlagSpec.value("password", "TEXT", AuthOptions.DEFAULT_PASSWORD, "its password"),
        FlagSpec.value("ready-timeout", "DURATION", "120s", "for the server to be ready"),
        FlagSpec.value("stop-grace", "DURATION", "30s", "after SIGTERM, before SIGKILL"),
        FlagSpec.value("data-dir", "PATH", null, "the server's data dir parent; default a new temp dir"),
        FlagSpec.toggle("keep-data", "do not delete the temporary data dir afterwards"),
        FlagSpec.value("markdown", "PATH", "rampart-bench/target/providers.md", "Markdown file whose bench block is rewritten"),
        FlagSpec.value("json", "PATH", null, "also append one JSON line per scenario and a summary line"),
        FlagSpec.value("log-dir", "PATH", null, "where the server's output goes; default a new temp dir"),
        FlagSpec.toggle("quick", "smoke run: 3s prime, 2s warm-up + 5s measured, 10s soak, 5s heap settle, written to the -quick block"));
  }

  @Override
  public int run(ParsedFlags flags, List<String> rawArgs, PrintStream out) throws IOException, InterruptedException {
    ProvidersOptions options = options(flags);
    ProvidersReport report = new ProvidersBench(options, out).run(RunContext.of(name(), rawArgs));
    Published.report(out, report.markdown(), report.jsonLines(), options.json(), options.markdown(), options.blockId());
    return 0;
  }

  ProvidersOptions options(ParsedFlags flags) throws IOException {
    boolean quick = flags.toggle("quick");
    Path logDir = flags.optionalPath("log-dir");
    String message = flags.has("message") ? flags.string("message") : ProvidersOptions.DEFAULT_MESSAGE;
    return new ProvidersOptions(
        modes(flags.string("mode")),
        flags.path("server-jar"),
        flags.string("server-command"),
        flags.all("jvm-arg"),
        flags.assignments("env"),
        flags.integers("rates", 1, (int) OpenLoopOptions.MAX_RATE).stream().map(Integer::longValue).toList(),
        quick && !flags.has("prime") ? QUICK_PRIME : flags.duration("prime"),
        flags.number("prime-rate", 1, OpenLoopOptions.MAX_RATE),
        quick && !flags.has("warmup") ? QUICK_WARMUP : flags.duration("warmup"),
        quick && !flags.has("duration") ? QUICK_DURATION : flags.duration("duration"),
        flags.number("ttft-rate", 1, OpenLoopOptions.MAX_RATE),
        flags.duration("ttft"),
        flags.duration("inter-token"),
        flags.number("soak-rate", 1, OpenLoopOptions.MAX_RATE),
        flags.duration("soak-latency"),
        flags.duration("soak-warmup"),
        quick && !flags.has("soak-duration") ? QUICK_SOAK : flags.duration("soak-duration"),
        quick && !flags.has("heap-settle") ? QUICK_HEAP_SETTLE : flags.duration("heap-settle"),
        flags.string("model"),
        message,
        flags.duration("timeout"),
        flags.integer("clients", 1, 64),
        flags.string("email"),
        flags.string("password"),
        flags.duration("ready-timeout"),
        flags.duration("stop-grace"),
        flags.optionalPath("data-dir"),
        flags.toggle("keep-data"),
        flags.path("markdown"),
        flags.optionalPath("json"),
        logDir != null ? logDir : Files.createTempDirectory("rampart-bench-providers-logs-"),
        quick);
  }

  static Set<Mode> modes(String list) {
    Set<Mode> modes = EnumSet.noneOf(Mode.class);
    for (String label : list.split(",")) {
      try {
        modes.add(Mode.of(label));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--mode: " + e.getMessage());
      }
    }
    return modes;
  }
}
