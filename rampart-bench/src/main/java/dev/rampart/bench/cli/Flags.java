package dev.rampart.bench.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Parses {@code --name value}, {@code --name=value} and {@code --switch} against a declared list
 * of flags; anything undeclared, a missing value, a repeated single flag or a positional argument
 * is a {@link UsageException} that names the offending token.
 */
public final class Flags {

  private final Map<String, FlagSpec> specs = new LinkedHashMap<>();

  public Flags(List<FlagSpec> specs) {
    for (FlagSpec spec : specs) {
      if (this.specs.putIfAbsent(spec.name(), spec) != null) {
        throw new IllegalArgumentException("flag declared twice: --" + spec.name());
      }
    }
  }

  public ParsedFlags parse(List<String> args) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String token = args.get(i);
      if (!token.startsWith("--") || token.length() == 2) {
        throw new UsageException("unexpected argument '" + token + "' (every option is a --flag)");
      }
      int eq = token.indexOf('=');
      String name = token.substring(2, eq < 0 ? token.length() : eq);
      FlagSpec spec = specOf(name);
      String value;
      if (spec.isSwitch()) {
        value = eq < 0 ? "true" : switchValue(name, token.substring(eq + 1));
      } else if (eq >= 0) {
        value = token.substring(eq + 1);
      } else if (i + 1 >= args.size() || isKnownFlag(args.get(i + 1))) {
        throw new UsageException("--" + name + " needs a value: " + spec.valueHint());
      } else {
        value = args.get(++i);
      }
      List<String> list = values.computeIfAbsent(name, n -> new ArrayList<>());
      if (!list.isEmpty() && !spec.repeatable()) {
        throw new UsageException("--" + name + " given more than once");
      }
      list.add(value);
    }
    return new ParsedFlags(specs, values);
  }

  /** The help text: one line per flag with its default. */
  public String usage() {
    return specs.values().stream().map(FlagSpec::usageLine).collect(Collectors.joining("\n"));
  }

  private FlagSpec specOf(String name) {
    FlagSpec spec = specs.get(name);
    if (spec == null) {
      throw new UsageException("unknown flag --" + name + suggestionFor(name));
    }
    return spec;
  }

  private boolean isKnownFlag(String token) {
    if (!token.startsWith("--")) {
      return false;
    }
    int eq = token.indexOf('=');
    return specs.containsKey(token.substring(2, eq < 0 ? token.length() : eq));
  }

  private static String switchValue(String name, String raw) {
    if (raw.equals("true") || raw.equals("false")) {
      return raw;
    }
    throw new UsageException("--" + name + " is a switch: give it alone, or =true / =false, not '" + raw + "'");
  }

  private String suggestionFor(String name) {
    return specs.keySet().stream()
        .filter(known -> known.contains(name) || name.contains(known))
        .findFirst()
        .map(known -> " (did you mean --" + known + "?)")
        .orElse("");
  }
}
