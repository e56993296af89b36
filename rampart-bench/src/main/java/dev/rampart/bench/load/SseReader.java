package dev.rampart.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads an SSE body to its end, following the WHATWG event-stream rules that matter for timing: an
 * event is dispatched at a blank line, {@code data:} lines accumulate, {@code event:} names it,
 * comments and other fields are ignored, and an event still pending at end of stream is discarded
 * (so {@code data: [DONE]} without its blank line does not count as completed). Which events are
 * pieces of the reply and which one ends it is the {@link SseFormat}'s call.
 */
public final class SseReader {

  private static final String DEFAULT_TYPE = "message";

  private final LongSupplier clock;
  private final SseFormat format;

  /** Any event counts; the clock stamps the first one (the driver passes {@code System::nanoTime}). */
  public SseReader(LongSupplier clock) {
    this(clock, SseFormat.ANY_EVENT);
  }

  public SseReader(LongSupplier clock, SseFormat format) {
    this.clock = clock;
    this.format = format;
  }

  public SseStream read(InputStream body) throws IOException {
    var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    StringBuilder data = new StringBuilder();
    String type = DEFAULT_TYPE;
    boolean pending = false;
    int events = 0;
    long firstEvent = -1;
    boolean done = false;
    String error = null;
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isEmpty()) {
        if (pending) {
          String text = data.toString();
          if (format.isPiece(type, text)) {
            if (firstEvent < 0) {
              firstEvent = clock.getAsLong();
            }
            events++;
          } else if (format.isEnd(type, text)) {
            done = true;
          } else if (format.isError(type) && error == null) {
            error = text;
          }
          data.setLength(0);
          pending = false;
        }
        type = DEFAULT_TYPE;
      } else if (line.startsWith("event")) {
        String value = fieldValue(line, "event");
        if (value != null) {
          type = value.isEmpty() ? DEFAULT_TYPE : value;
        }
      } else if (line.startsWith("data")) {
        String value = fieldValue(line, "data");
        if (value != null) {
          if (pending) {
            data.append('\n');
          }
          data.append(value);
          pending = true;
        }
      }
      // Comments (":...") and other fields (id, retry) do not affect timing or completion.
    }
    return new SseStream(events, firstEvent, done && error == null, error);
  }

  /** The value of {@code name:value} (one leading space dropped), or null if the line is another field. */
  private static @Nullable String fieldValue(String line, String name) {
    if (line.length() == name.length()) {
      return "";
    }
    if (line.charAt(name.length()) != ':') {
      return null;
    }
    int start = name.length() + 1;
    if (start < line.length() && line.charAt(start) == ' ') {
      start++;
    }
    return line.substring(start);
  }
}
