package dev.rampart.bench.auth;

import java.util.List;
import java.util.function.Function;

/**
 * What one comparison of two servers from the same jar is about, on the machinery of {@link
 * AuthBench}: what differs between them, how each is started by default, what both must answer
 * before anything is measured, and which target the report judges. {@code auth} compares security
 * off and on ({@link AuthCommand#PROFILE}); {@code gateway} the gateway chain off and on.
 *
 * @param name the subcommand; also the Markdown block id, the JSON {@code benchmark} field and the
 *     prefix of the temporary directories and logs
 * @param summary one line for the overview help
 * @param subject what is switched off and on, as the labels say it: {@code security} gives
 *     "security off" and "security on"
 * @param onCommand default launch template of the server with {@code subject}
 * @param offCommand default launch template of the baseline
 * @param path default authenticated GET
 * @param refresh whether the chained refresh-rotation part (and its flag) exists
 * @param tokenPerServer sign in at each server and send each its own token; false: the token of the
 *     server with {@code subject} goes to both (a baseline that reads no token)
 * @param checks run in order before anything is measured
 * @param report turns the measured scenarios into the report that judges the target
 */
public record Profile(
    String name,
    String summary,
    String subject,
    String onCommand,
    String offCommand,
    String path,
    boolean refresh,
    boolean tokenPerServer,
    List<Check> checks,
    Function<AuthReport, BenchReport> report) {

  public Profile {
    checks = List.copyOf(checks);
    if (name.isBlank() || subject.isBlank()) {
      throw new IllegalArgumentException("a profile needs a name and a subject");
    }
  }

  /** {@code NAME}, or {@code NAME-quick} for a smoke run, so that it never overwrites real figures. */
  public String blockId(boolean quick) {
    return quick ? name + "-quick" : name;
  }

  public String defaultMarkdown() {
    return "rampart-bench/target/" + name + ".md";
  }

  /** E.g. "security off", "gateway chain on". */
  public String label(Check.Side side) {
    return subject + " " + side.label();
  }
}
