package dev.rampart.bench.load;

/**
 * What was read from one Server-Sent Events response.
 *
 * @param events data events dispatched, not counting the {@code [DONE]} sentinel
 * @param firstEventNanos clock reading when the first event (of any kind) was dispatched, or -1
 * @param completed whether a {@code data: [DONE]} event was dispatched; a stream that ends without
 *     it was cut short, however many events it carried
 */
public record SseStream(int events, long firstEventNanos, boolean completed) {}
