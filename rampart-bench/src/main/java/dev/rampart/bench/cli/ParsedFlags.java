package dev.rampart.bench.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Typed access to parsed flags; every conversion error is a {@link UsageException} that names the
 * flag, the expected form and the value received.
 */
public final class ParsedFlags {

  private final Map<String, FlagSpec> specs;
  private final Map<String, List<String>> values;

  ParsedFlags(Map<String, FlagSpec> specs, Map<String, List<String>> values) {
    this.specs = specs;
    this.values = values;
  }

  public boolean has(String name) {
    return values.containsKey(spec(name).name());
  }

  /** The given value, else the declared default, else null. */
  public @Nullable String optional(String name) {
    List<String> given = values.get(spec(name).name());
    return given != null ? given.getFirst() : spec(name).defaultValue();
  }

  public String string(String name) {
    String value = optional(name);
    if (value == null) {
      throw new UsageException("--" + name + " is required");
    }
    return value;
  }

  public List<String> all(String name) {
    return values.getOrDefault(spec(name).name(), List.of());
  }

  /** A repeatable flag of {@code NAME=VALUE} pairs, e.g. environment variables, in the order given. */
  public Map<String, String> assignments(String name) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String pair : all(name)) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--" + name + ": expected NAME=VALUE, got '" + pair + "'");
      }
      pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return pairs;
  }

  public boolean toggle(String name) {
    return Boolean.parseBoolean(optional(name));
  }

  public int integer(String name, int min, int max) {
    long n = number(name, min, max);
    return (int) n;
  }

  public long number(String name, long min, long max) {
    return checked(name, string(name), min, max);
  }

  public Duration duration(String name) {
    String text = string(name);
    try {
      return DurationText.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + name + ": " + e.getMessage());
    }
  }

  public Path path(String name) {
    return Path.of(string(name));
  }

  public @Nullable Path optionalPath(String name) {
    String value = optional(name);
    return value == null ? null : Path.of(value);
  }

  /** A comma-separated list of whole numbers, e.g. {@code 1,64,1000}. */
  public List<Integer> integers(String name, int min, int max) {
    List<Integer> result = new ArrayList<>();
    for (String part : string(name).split(",", -1)) {
      result.add((int) checked(name, part.trim(), min, max));
    }
    return List.copyOf(result);
  }

  private static long checked(String name, String text, long min, long max) {
    long n;
    try {
      n = Long.parseLong(text.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + ": expected a whole number, got '" + text + "'");
    }
    if (n < min || n > max) {
      throw new UsageException("--" + name + ": must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }

  private FlagSpec spec(String name) {
    FlagSpec spec = specs.get(name);
    if (spec == null) {
      // A programming error in a subcommand, not a user error.
      throw new IllegalStateException("flag not declared: --" + name);
    }
    return spec;
  }
}
