package dev.rampart.bench.report;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A flat-to-shallow JSON object written in insertion order, enough for one result per line. Kept
 * here rather than pulling a JSON library into a harness that only ever writes small objects.
 */
public final class Json {

  private final StringJoiner members = new StringJoiner(",", "{", "}");

  public Json put(String key, String value) {
    return raw(key, quote(value));
  }

  public Json put(String key, long value) {
    return raw(key, Long.toString(value));
  }

  public Json put(String key, boolean value) {
    return raw(key, Boolean.toString(value));
  }

  /** Three decimals: milliseconds to the microsecond, which is below HdrHistogram's precision anyway. */
  public Json put(String key, double value) {
    return raw(key, Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null");
  }

  public Json put(String key, Json nested) {
    return raw(key, nested.toString());
  }

  public Json putCounts(String key, Map<String, Long> counts) {
    Json nested = new Json();
    counts.forEach(nested::put);
    return put(key, nested);
  }

  @Override
  public String toString() {
    return members.toString();
  }

  private Json raw(String key, String rendered) {
    members.add(quote(key) + ":" + rendered);
    return this;
  }

  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
