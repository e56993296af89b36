package dev.rampart.bench.load;

/** One request header, as given on the command line in the curl form {@code Name: value}. */
public record Header(String name, String value) {

  public Header {
    if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("header name must be a single token, got '" + name + "'");
    }
  }

  /** Parses {@code Name: value}; throws IllegalArgumentException when the colon is missing. */
  public static Header parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("expected a header like 'Content-Type: application/json', got '" + text + "'");
    }
    return new Header(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
  }
}
