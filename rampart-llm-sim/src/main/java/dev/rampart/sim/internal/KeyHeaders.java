package dev.rampart.sim.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where each API carries its key. The {@code api-key} header counts only on Azure routes and Google's
 * {@code x-goog-api-key} / {@code ?key=} only on Gemini routes, so a header meant for one API never
 * authenticates a request to another.
 */
enum KeyHeaders {
    /** OpenAI, Anthropic and Ollama: {@code Authorization: Bearer} or {@code x-api-key}. */
    STANDARD("'Authorization: Bearer <key>' or 'x-api-key: <key>'"),
    /** Azure OpenAI: {@code api-key}, and the standard headers as well (Azure accepts bearer tokens too). */
    AZURE("'api-key: <key>'"),
    /** The Gemini API: {@code x-goog-api-key} or the {@code key} query parameter. */
    GOOGLE("'x-goog-api-key: <key>' or '?key=<key>'");

    private final String hint;

    KeyHeaders(String hint) {
        this.hint = hint;
    }

    /** How to send a key, for the message of a 401 about a missing key. */
    String hint() {
        return hint;
    }

    /** The non-blank keys the request presents in this API's places. */
    List<String> presented(Exchange exchange) {
        List<String> keys = new ArrayList<>(2);
        switch (this) {
            case STANDARD -> addStandard(exchange, keys);
            case AZURE -> {
                add(keys, exchange.header("api-key"));
                addStandard(exchange, keys);
            }
            case GOOGLE -> {
                add(keys, exchange.header("x-goog-api-key"));
                add(keys, exchange.queryParameter("key"));
            }
        }
        return keys;
    }

    private static void addStandard(Exchange exchange, List<String> keys) {
        add(keys, exchange.header("x-api-key"));
        add(keys, bearerToken(exchange.header("Authorization")));
    }

    private static void add(List<String> keys, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            keys.add(value.strip());
        }
    }

    private static @Nullable String bearerToken(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7);
    }
}
