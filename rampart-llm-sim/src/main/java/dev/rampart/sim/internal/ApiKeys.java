package dev.rampart.sim.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

/**
 * API key policy. Each API has its own places for a key ({@link KeyHeaders}); OpenAI and Anthropic accept
 * {@code Authorization: Bearer <key>} and {@code x-api-key: <key>} alike. Without accepted keys any non-empty
 * key passes, and a missing key passes too unless one is required. With accepted keys a key is required and every key the request sends must be one of them,
 * compared in constant time. Error messages never carry a key.
 */
final class ApiKeys {

    private final boolean required;
    private final Set<String> keys;
    private final List<byte[]> accepted;

    private ApiKeys(boolean requireApiKey, Set<String> keys) {
        this.required = requireApiKey || !keys.isEmpty();
        this.keys = Set.copyOf(keys);
        this.accepted = keys.stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** {@code acceptedKeys} empty accepts any key; otherwise only those, and a key becomes required. */
    static ApiKeys of(boolean requireApiKey, Set<String> acceptedKeys) {
        return new ApiKeys(requireApiKey, acceptedKeys);
    }

    Set<String> keys() {
        return keys;
    }

    /** Checks the standard headers (OpenAI, Anthropic, Ollama). */
    void check(Exchange exchange, ErrorShape errors) {
        check(exchange, errors, KeyHeaders.STANDARD);
    }

    /** Throws a 401 {@link ApiException} whose message is the one {@code errors}' dialect uses. */
    void check(Exchange exchange, ErrorShape errors, KeyHeaders headers) {
        List<String> presented = headers.presented(exchange);
        if (presented.isEmpty()) {
            if (required) {
                throw new ApiError(ApiError.Kind.AUTHENTICATION,
                        "Missing API key: send " + headers.hint() + ".").toException();
            }
            return;
        }
        if (!accepted.isEmpty() && !presented.stream().allMatch(this::isAccepted)) {
            throw new ApiError(ApiError.Kind.AUTHENTICATION, errors.invalidApiKeyMessage()).toException();
        }
    }

    /** Compares with every accepted key, in constant time. */
    private boolean isAccepted(String key) {
        byte[] presented = key.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] candidate : accepted) {
            match |= MessageDigest.isEqual(presented, candidate);
        }
        return match;
    }
}
