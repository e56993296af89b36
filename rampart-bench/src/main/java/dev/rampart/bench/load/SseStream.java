package dev.rampart.bench.load;

import org.jspecify.annotations.Nullable;

/**
 * What was read from one Server-Sent Events response, as its {@link SseFormat} reads it.
 *
 * @param events pieces of the reply dispatched (for {@link SseFormat#ANY_EVENT}, every event but
 *     {@code [DONE]})
 * @param firstEventNanos clock reading when the first piece was dispatched, or -1
 * @param completed whether the ending event was dispatched and no error event; a stream that ends
 *     without it was cut short, however many events it carried
 * @param error the data of the stream's error event, or null
 */
public record SseStream(int events, long firstEventNanos, boolean completed, @Nullable String error) {

  public SseStream(int events, long firstEventNanos, boolean completed) {
    this(events, firstEventNanos, completed, null);
  }
}
