package dev.rampart.bench;

import dev.rampart.bench.auth.AuthCommand;
import dev.rampart.bench.cli.Flags;
import dev.rampart.bench.cli.ParsedFlags;
import dev.rampart.bench.cli.Subcommand;
import dev.rampart.bench.cli.UsageException;
import dev.rampart.bench.gateway.GatewayChain;
import dev.rampart.bench.load.HttpCommand;
import dev.rampart.bench.providers.ProvidersCommand;
import dev.rampart.bench.sim.SimBaselineCommand;
import dev.rampart.bench.startup.StartupCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Entry point: {@code java -jar rampart-bench.jar <subcommand> [--flag value ...]}. Exit status 0
 * on success, 1 when the benchmark could not run (target missing, not ready), 2 for a bad command
 * line.
 */
public final class RampartBench {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private static final List<Subcommand> SUBCOMMANDS =
      List.of(new HttpCommand(), new SimBaselineCommand(), new StartupCommand(), new AuthCommand(),
          new AuthCommand(GatewayChain.PROFILE), new ProvidersCommand());

  private RampartBench() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || isHelp(args[0]) || args[0].equals("help")) {
      out.print(overview());
      return args.length == 0 ? USAGE : OK;
    }
    Optional<Subcommand> found = SUBCOMMANDS.stream().filter(c -> c.name().equals(args[0])).findFirst();
    if (found.isEmpty()) {
      err.println("unknown subcommand '" + args[0] + "'");
      err.print(overview());
      return USAGE;
    }
    Subcommand command = found.get();
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    Flags flags = new Flags(command.flags());
    if (rest.stream().anyMatch(RampartBench::isHelp)) {
      out.print(help(command, flags));
      return OK;
    }
    try {
      ParsedFlags parsed = flags.parse(rest);
      return command.run(parsed, rest, out);
    } catch (UsageException e) {
      err.println(command.name() + ": " + e.getMessage());
      err.println("run 'rampart-bench " + command.name() + " --help' for the flags");
      return USAGE;
    } catch (IllegalStateException | IOException e) {
      err.println(command.name() + " failed: " + e.getMessage());
      return FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(command.name() + " interrupted");
      return FAILED;
    } catch (Exception e) {
      err.println(command.name() + " failed unexpectedly:");
      e.printStackTrace(err);
      return FAILED;
    }
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h");
  }

  static String overview() {
    StringBuilder text = new StringBuilder("usage: java -jar rampart-bench/target/rampart-bench.jar <subcommand> [flags]\n\n");
    for (Subcommand c : SUBCOMMANDS) {
      text.append(String.format("  %-14s %s%n", c.name(), c.summary()));
    }
    return text.append("\nrun '<subcommand> --help' for its flags; durations look like 500ms, 5s, 2m\n").toString();
  }

  private static String help(Subcommand command, Flags flags) {
    return "usage: java -jar rampart-bench/target/rampart-bench.jar " + command.name() + " [flags]\n"
        + command.summary() + "\n\n" + flags.usage() + "\n";
  }
}
