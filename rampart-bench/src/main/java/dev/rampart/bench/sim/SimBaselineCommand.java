package dev.rampart.bench.sim;

import dev.rampart.bench.cli.FlagSpec;
import dev.rampart.bench.cli.ParsedFlags;
import dev.rampart.bench.cli.Subcommand;
import dev.rampart.bench.load.LoadOptions;
import dev.rampart.bench.report.RunContext;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code sim-baseline}: the simulator alone, the denominator of every Rampart overhead ratio. */
public final class SimBaselineCommand implements Subcommand {

  static final Duration QUICK_WARMUP = Duration.ofSeconds(1);
  static final Duration QUICK_DURATION = Duration.ofSeconds(3);

  @Override
  public String name() {
    return "sim-baseline";
  }

  @Override
  public String summary() {
    return "chat completions (plain and SSE) against the simulator alone, at 1, 64 and 1,000 workers";
  }

  @Override
  public List<FlagSpec> flags() {
    return List.of(
        FlagSpec.value("sim-jar", "PATH", SimBaselineOptions.DEFAULT_SIM_JAR, "simulator executable jar"),
        FlagSpec.value("sim-command", "TEMPLATE", SimBaselineOptions.DEFAULT_COMMAND, "launch command; {java} {jar} {port} are filled in"),
        FlagSpec.repeated("sim-arg", "ARG", "extra argument appended to the launch command (e.g. --tokens-per-reply 20)"),
        FlagSpec.value("health-path", "PATH", SimBaselineOptions.DEFAULT_HEALTH_PATH, "answers 200 once the simulator is ready"),
        FlagSpec.value("concurrency", "N,N,...", SimBaselineOptions.DEFAULT_CONCURRENCIES, "concurrency levels"),
        FlagSpec.value("warmup", "DURATION", "5s", "per scenario, not recorded"),
        FlagSpec.value("duration", "DURATION", "15s", "measured window per scenario"),
        FlagSpec.value("requests", "N", "0", "measured requests per scenario; 0 = run for --duration"),
        FlagSpec.value("timeout", "DURATION", "30s", "per request"),
        FlagSpec.value("model", "NAME", SimBaselineOptions.DEFAULT_MODEL, "model field of the request"),
        FlagSpec.value("message", "TEXT", SimBaselineOptions.DEFAULT_MESSAGE, "the one user message"),
        FlagSpec.value("ready-timeout", "DURATION", "60s", "how long the simulator may take to become healthy"),
        FlagSpec.value("markdown", "PATH", SimBaselineOptions.DEFAULT_MARKDOWN, "Markdown file whose bench block is rewritten"),
        FlagSpec.value("json", "PATH", null, "also append one JSON line per scenario to this file"),
        FlagSpec.value("log-dir", "PATH", null, "where the simulator's output goes; default a new temp dir"),
        FlagSpec.toggle("quick", "smoke run: 1s warm-up, 3s measured per scenario, written to the -quick block"));
  }

  @Override
  public int run(ParsedFlags flags, List<String> rawArgs, PrintStream out) throws IOException, InterruptedException {
    boolean quick = flags.toggle("quick");
    Path logDir = flags.optionalPath("log-dir");
    var options = new SimBaselineOptions(
        flags.path("sim-jar"),
        flags.string("sim-command"),
        flags.all("sim-arg"),
        flags.string("health-path"),
        flags.integers("concurrency", 1, LoadOptions.MAX_CONCURRENCY),
        quick && !flags.has("warmup") ? QUICK_WARMUP : flags.duration("warmup"),
        quick && !flags.has("duration") ? QUICK_DURATION : flags.duration("duration"),
        flags.number("requests", 0, Long.MAX_VALUE),
        flags.duration("timeout"),
        flags.string("model"),
        flags.string("message"),
        flags.duration("ready-timeout"),
        flags.path("markdown"),
        flags.optionalPath("json"),
        logDir != null ? logDir : Files.createTempDirectory("rampart-bench-sim-"),
        quick);
    new SimBaseline(options, out).run(RunContext.of(name(), rawArgs));
    return 0;
  }
}
