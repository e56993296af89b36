package dev.rampart.bench.cli;

import java.io.PrintStream;
import java.util.List;

/** One verb of the harness ({@code http}, {@code sim-baseline}, {@code startup}). */
public interface Subcommand {

  String name();

  /** One line for the overview help. */
  String summary();

  List<FlagSpec> flags();

  /**
   * Runs with already parsed flags; returns the process exit status. Throws {@link
   * UsageException} for flag values that only turn out wrong in combination.
   */
  int run(ParsedFlags flags, List<String> rawArgs, PrintStream out) throws Exception;
}
