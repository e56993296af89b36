package dev.rampart.bench.startup;

import dev.rampart.bench.cli.FlagSpec;
import dev.rampart.bench.cli.ParsedFlags;
import dev.rampart.bench.cli.Subcommand;
import dev.rampart.bench.report.JsonLinesFile;
import dev.rampart.bench.report.MarkdownBlock;
import dev.rampart.bench.report.RunContext;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code startup}: launch-to-ready time, cold and warm, and idle RSS of the server jar. */
public final class StartupCommand implements Subcommand {

  static final int QUICK_WARM_RUNS = 1;
  static final Duration QUICK_SETTLE = Duration.ofSeconds(2);

  @Override
  public String name() {
    return "startup";
  }

  @Override
  public String summary() {
    return "server launch-to-ready time (cold, then warm runs) and idle RSS";
  }

  @Override
  public List<FlagSpec> flags() {
    return List.of(
        FlagSpec.value("server-jar", "PATH", StartupOptions.DEFAULT_SERVER_JAR, "server executable jar"),
        FlagSpec.value("server-command", "TEMPLATE", StartupOptions.DEFAULT_COMMAND,
            "launch command; {java} {jar} {port} {dataDir} are filled in"),
        FlagSpec.repeated("server-arg", "ARG", "extra argument appended to the launch command"),
        FlagSpec.repeated("env", "NAME=VALUE", "extra environment variable for the server"),
        FlagSpec.value("readiness-path", "PATH", StartupOptions.DEFAULT_READINESS_PATH, "ready = 200 with \"status\":\"UP\""),
        FlagSpec.value("warm-runs", "K", Integer.toString(StartupOptions.DEFAULT_WARM_RUNS), "runs after the cold one, same data dir"),
        FlagSpec.value("settle", "DURATION", "10s", "idle time after ready before RSS is read"),
        FlagSpec.value("ready-timeout", "DURATION", "120s", "per run"),
        FlagSpec.value("stop-grace", "DURATION", "30s", "after SIGTERM, before SIGKILL"),
        FlagSpec.value("data-dir", "PATH", null, "empty or absent dir for RAMPART_DATA_DIR; default a new temp dir"),
        FlagSpec.toggle("keep-data", "do not delete the temporary data dir afterwards"),
        FlagSpec.value("markdown", "PATH", StartupOptions.DEFAULT_MARKDOWN, "Markdown file whose bench block is rewritten"),
        FlagSpec.value("json", "PATH", null, "also append the JSON line to this file"),
        FlagSpec.value("log-dir", "PATH", null, "where the server's output goes; default a new temp dir"),
        FlagSpec.toggle("quick", "smoke run: 1 warm run, 2s settle, written to the -quick block"));
  }

  @Override
  public int run(ParsedFlags flags, List<String> rawArgs, PrintStream out) throws IOException, InterruptedException {
    boolean quick = flags.toggle("quick");
    Path logDir = flags.optionalPath("log-dir");
    var options = new StartupOptions(
        flags.path("server-jar"),
        flags.string("server-command"),
        flags.all("server-arg"),
        flags.assignments("env"),
        flags.string("readiness-path"),
        quick && !flags.has("warm-runs") ? QUICK_WARM_RUNS : flags.integer("warm-runs", 0, 100),
        quick && !flags.has("settle") ? QUICK_SETTLE : flags.duration("settle"),
        flags.duration("ready-timeout"),
        flags.duration("stop-grace"),
        flags.optionalPath("data-dir"),
        flags.toggle("keep-data"),
        flags.path("markdown"),
        flags.optionalPath("json"),
        logDir != null ? logDir : Files.createTempDirectory("rampart-bench-startup-"),
        quick);
    StartupReport report = new StartupBench(options, out).run();
    out.println(report.summary());
    out.println(report.json());
    if (options.json() != null) {
      JsonLinesFile.append(options.json(), List.of(report.json()));
    }
    RunContext context = RunContext.of(name(), rawArgs);
    String title = quick ? "**smoke run (quick)** — not a figure to quote\n\n" : "";
    MarkdownBlock.write(options.markdown(), options.blockId(), title + context.markdown() + "\n" + report.markdown());
    out.println("wrote block '" + options.blockId() + "' in " + options.markdown());
    return 0;
  }
}
