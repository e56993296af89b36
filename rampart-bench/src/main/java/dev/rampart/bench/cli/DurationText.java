package dev.rampart.bench.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them on a command line: {@code 500ms}, {@code 5s}, {@code 1.5s}, {@code 2m}. */
public final class DurationText {

  private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

  private DurationText() {}

  /** A bare number is seconds. Throws IllegalArgumentException with the expected forms. */
  public static Duration parse(String text) {
    Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a duration like 500ms, 5s, 1.5s or 2m, got '" + text + "'");
    }
    BigDecimal amount = new BigDecimal(m.group(1));
    long millisPerUnit =
        switch (m.group(2) == null ? "s" : m.group(2)) {
          case "ms" -> 1;
          case "m" -> 60_000;
          case "h" -> 3_600_000;
          default -> 1_000;
        };
    return Duration.ofMillis(amount.multiply(BigDecimal.valueOf(millisPerUnit)).longValue());
  }

  /** The shortest exact form: {@code 15s}, {@code 500ms}, {@code 2m}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1_000 == 0 ? ms / 1_000 + "s" : ms + "ms";
  }
}
