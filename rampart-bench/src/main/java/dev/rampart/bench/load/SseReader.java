package dev.rampart.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads an OpenAI-style SSE body to its end, following the WHATWG event-stream rules that matter
 * for timing: an event is dispatched at a blank line, {@code data:} lines accumulate, comments and
 * other fields are ignored, and an event still pending at end of stream is discarded (so {@code
 * data: [DONE]} without its blank line does not count as completed).
 */
public final class SseReader {

  static final String DONE = "[DONE]";

  private final LongSupplier clock;

  /** The clock stamps the first event; the driver passes {@code System::nanoTime}. */
  public SseReader(LongSupplier clock) {
    this.clock = clock;
  }

  public SseStream read(InputStream body) throws IOException {
    var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    StringBuilder data = new StringBuilder();
    boolean pending = false;
    int events = 0;
    long firstEvent = -1;
    boolean done = false;
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isEmpty()) {
        if (pending) {
          if (firstEvent < 0) {
            firstEvent = clock.getAsLong();
          }
          if (DONE.contentEquals(data)) {
            done = true;
          } else {
            events++;
          }
          data.setLength(0);
          pending = false;
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
      // Comments (":...") and other fields (event, id, retry) do not affect timing or completion.
    }
    return new SseStream(events, firstEvent, done);
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
