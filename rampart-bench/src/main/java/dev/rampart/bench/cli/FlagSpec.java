package dev.rampart.bench.cli;

import org.jspecify.annotations.Nullable;

/**
 * One flag a subcommand accepts; the list of specs is both the parser's whitelist and the help.
 *
 * @param name without the leading dashes
 * @param valueHint what the value looks like in the help (e.g. {@code N}, {@code DURATION}); empty
 *     for a switch
 * @param defaultValue the value used when the flag is absent, or null when there is none
 */
public record FlagSpec(
    String name, String valueHint, boolean repeatable, @Nullable String defaultValue, String help) {

  public FlagSpec {
    if (name.isBlank() || name.startsWith("-")) {
      throw new IllegalArgumentException("flag name must be bare, got '" + name + "'");
    }
  }

  /** A flag that takes one value. */
  public static FlagSpec value(String name, String hint, @Nullable String defaultValue, String help) {
    return new FlagSpec(name, hint, false, defaultValue, help);
  }

  /** A flag that may be given several times, each with a value. */
  public static FlagSpec repeated(String name, String hint, String help) {
    return new FlagSpec(name, hint, true, null, help);
  }

  /** A switch: present means true. */
  public static FlagSpec toggle(String name, String help) {
    return new FlagSpec(name, "", false, null, help);
  }

  public boolean isSwitch() {
    return valueHint.isEmpty();
  }

  String usageLine() {
    String left = "--" + name + (isSwitch() ? "" : " " + valueHint);
    String suffix = repeatable ? " (repeatable)" : defaultValue == null ? "" : " (default: " + defaultValue + ")";
    return String.format("  %-28s %s%s", left, help, suffix);
  }
}
