package dev.rampart.bench.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command template such as {@code {java} -jar {jar} --port {port}}, split on whitespace, with
 * {@code {name}} placeholders filled per token. Single or double quotes keep spaces inside one
 * argument, as a shell's would ({@code '-Dlimit=600/1m burst 100'}), without escapes; arguments can
 * also be passed with the repeatable extra-argument flags, which are appended verbatim.
 */
public final class LaunchCommand {

  /**
   * The JVM flags the {@code ./rampart} launcher passes (its {@code JVM_FLAGS}), so a benchmark
   * measures the process users actually run; compact object headers alone change the RSS.
   */
  public static final String LAUNCHER_JVM_FLAGS = "--enable-native-access=ALL-UNNAMED -XX:+UseCompactObjectHeaders";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

  private LaunchCommand() {}

  /** Throws IllegalArgumentException naming any placeholder that has no value. */
  public static List<String> expand(String template, Map<String, String> values, List<String> extraArgs) {
    List<String> command = new ArrayList<>();
    for (String token : tokens(template)) {
      Matcher m = PLACEHOLDER.matcher(token);
      StringBuilder expanded = new StringBuilder();
      while (m.find()) {
        String value = values.get(m.group(1));
        if (value == null) {
          throw new IllegalArgumentException(
              "unknown placeholder {" + m.group(1) + "} in '" + template + "'; known: " + values.keySet());
        }
        m.appendReplacement(expanded, Matcher.quoteReplacement(value));
      }
      m.appendTail(expanded);
      command.add(expanded.toString());
    }
    if (command.isEmpty()) {
      throw new IllegalArgumentException("the launch command is empty");
    }
    command.addAll(extraArgs);
    return List.copyOf(command);
  }

  /** A command as a shell would take it back: arguments with spaces or quotes are quoted. */
  public static String display(List<String> command) {
    return String.join(" ", command.stream().map(LaunchCommand::quoted).toList());
  }

  private static String quoted(String argument) {
    if (argument.isEmpty()) {
      return "''";
    }
    if (argument.chars().noneMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '"')) {
      return argument;
    }
    return argument.indexOf('\'') < 0 ? "'" + argument + "'" : '"' + argument + '"';
  }

  /** Splits on whitespace outside quotes; the quotes themselves are dropped. */
  static List<String> tokens(String template) {
    List<String> tokens = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    boolean inToken = false;
    char quote = 0;
    for (char c : template.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          token.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inToken = true;
      } else if (Character.isWhitespace(c)) {
        if (inToken) {
          tokens.add(token.toString());
          token.setLength(0);
          inToken = false;
        }
      } else {
        token.append(c);
        inToken = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unclosed " + quote + " in '" + template + "'");
    }
    if (inToken) {
      tokens.add(token.toString());
    }
    return tokens;
  }

  /** The JDK running the harness, so children run on the same JDK 25 and not the machine's default. */
  public static String currentJava() {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
