package dev.rampart.bench.auth;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One request the benchmark sends to one of its two servers before measuring, and the answer it
 * requires; a failed check stops the run, because the comparison would mean nothing.
 *
 * @param withToken whether the GET carries the signed-in admin's bearer token
 * @param header a response header whose presence is checked too; null: none
 * @param headerSent whether {@code header} must be there (true) or absent (false)
 * @param why the message when the answer differs
 */
public record Check(Side side, boolean withToken, int status, @Nullable String header, boolean headerSent, String why) {

  /** Which of the two servers: the baseline (off) or the one with what is measured (on). */
  public enum Side {
    OFF,
    ON;

    /** {@code off} or {@code on}, as in the labels and log names. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The GET, with or without the token, must answer {@code status}. */
  public static Check answers(Side side, boolean withToken, int status, String why) {
    return new Check(side, withToken, status, null, false, why);
  }

  /** The GET with the token must answer 200 with {@code header} ({@code sent}) or without it. */
  public static Check header(Side side, String header, boolean sent, String why) {
    return new Check(side, true, 200, header, sent, why);
  }
}
