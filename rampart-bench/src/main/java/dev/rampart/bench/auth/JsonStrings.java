package dev.rampart.bench.auth;

import java.util.Optional;

/**
 * Reads one string member of a JSON object's top level, which is all the harness needs from a
 * token response ({@code refreshToken}, {@code accessToken}). Nested objects and arrays are
 * skipped, so a member of the same name deeper down is never taken. Not a validator: text that is
 * not an object, or breaks off, gives empty.
 */
final class JsonStrings {

  private final String text;
  private int at;

  private JsonStrings(String text) {
    this.text = text;
  }

  static Optional<String> member(String json, String name) {
    try {
      return new JsonStrings(json).find(name);
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private Optional<String> find(String name) {
    skipSpace();
    expect('{');
    skipSpace();
    if (peek() == '}') {
      return Optional.empty();
    }
    while (true) {
      skipSpace();
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      if (key.equals(name)) {
        return peek() == '"' ? Optional.of(string()) : Optional.empty();
      }
      skipValue();
      skipSpace();
      if (peek() == '}') {
        return Optional.empty();
      }
      expect(',');
    }
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = text.charAt(at++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escaped = text.charAt(at++);
      switch (escaped) {
        case '"', '\\', '/' -> out.append(escaped);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        default -> throw new IllegalArgumentException("bad escape \\" + escaped);
      }
    }
  }

  /** A number, literal, string, object or array, with whatever it nests. */
  private void skipValue() {
    char c = peek();
    if (c == '"') {
      string();
      return;
    }
    if (c != '{' && c != '[') {
      while (at < text.length() && ",}] \t\r\n".indexOf(text.charAt(at)) < 0) {
        at++;
      }
      return;
    }
    int depth = 0;
    do {
      char next = peek();
      if (next == '"') {
        string();
        continue;
      }
      if (next == '{' || next == '[') {
        depth++;
      } else if (next == '}' || next == ']') {
        depth--;
      }
      at++;
    } while (depth > 0);
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private char peek() {
    return text.charAt(at);
  }

  private void expect(char c) {
    if (text.charAt(at) != c) {
      throw new IllegalArgumentException("expected '" + c + "' at " + at);
    }
    at++;
  }
}
