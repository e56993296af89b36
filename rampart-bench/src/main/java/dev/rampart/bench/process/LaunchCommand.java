package dev.rampart.bench.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command template such as {@code {java} -jar {jar} --port {port}}, split on whitespace, with
 * {@code {name}} placeholders filled per token. Arguments that contain spaces are passed with the
 * repeatable extra-argument flags instead, which are appended verbatim.
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
    for (String token : template.trim().split("\\s+")) {
      if (token.isEmpty()) {
        continue;
      }
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

  /** The JDK running the harness, so children run on the same JDK 25 and not the machine's default. */
  public static String currentJava() {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
