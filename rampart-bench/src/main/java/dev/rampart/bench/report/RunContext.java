package dev.rampart.bench.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where and how a figure was produced: the exact command, the machine's cores and the JVM, so
 * that every number in docs/BENCHMARKS.md can be reproduced and judged.
 */
public record RunContext(String command, Instant at, int cores, String javaVersion) {

  /** The jar path callers are told to use; the harness cannot know how it was really started. */
  public static final String LAUNCHER = "java -jar rampart-bench/target/rampart-bench.jar";

  public static RunContext of(String subcommand, List<String> args) {
    String command =
        LAUNCHER + " " + subcommand + args.stream().map(RunContext::shellQuote).map(a -> " " + a).collect(Collectors.joining());
    return new RunContext(
        command,
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        Runtime.getRuntime().availableProcessors(),
        Runtime.version().toString());
  }

  public String markdown() {
    return "Command: `" + command + "`  \n"
        + "Run at " + at + " on " + cores + " cores, JDK " + javaVersion + ".\n";
  }

  static String shellQuote(String arg) {
    if (arg.matches("[A-Za-z0-9_./:=,@%+-]+")) {
      return arg;
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
