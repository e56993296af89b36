package dev.rampart.sim.internal;

import java.io.IOException;

/**
 * Collects server-sent events (or JSON lines) and writes them in one go when flushed. Flushing only before a delay keeps a
 * zero-latency stream down to a single write, while a paced stream still reaches the client token by token.
 */
final class SseBuffer {

    private final Exchange exchange;
    private final StringBuilder pending = new StringBuilder(512);

    SseBuffer(Exchange exchange) {
        this.exchange = exchange;
    }

    /** An event without a name, as OpenAI sends them. */
    SseBuffer data(String json) {
        pending.append("data: ").append(json).append("\n\n");
        return this;
    }

    /** A named event, as Anthropic sends them. */
    SseBuffer event(String name, String json) {
        pending.append("event: ").append(name).append('\n');
        return data(json);
    }

    /** One JSON object on its own line, as Ollama streams. */
    SseBuffer line(String json) {
        pending.append(json).append('\n');
        return this;
    }

    /** Appends text verbatim; used for deliberately broken lines. */
    SseBuffer raw(String text) {
        pending.append(text);
        return this;
    }

    void flush() throws IOException {
        if (!pending.isEmpty()) {
            exchange.write(pending.toString(), false);
            pending.setLength(0);
        }
    }

    /** Writes what is pending and ends the response body cleanly. */
    void finish() throws IOException {
        exchange.write(pending.toString(), true);
        pending.setLength(0);
    }
}
