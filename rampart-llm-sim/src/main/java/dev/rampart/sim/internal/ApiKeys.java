package dev.rampart.sim.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * API key policy. A key is sent as {@code Authorization: Bearer <key>} or {@code x-api-key: <key>} (both
 * dialects accept both). Without accepted keys any non-empty key passes, and a missing key passes too unless
 * one is required. With accepted keys a key is required and every key the request sends must be one of them,
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

    /** Throws a 401 {@link ApiException} whose message is the one {@code errors}' dialect uses. */
    void check(Exchange exchange, ErrorShape errors) {
        String apiKey = nonBlank(exchange.header("x-api-key"));
        String bearer = bearerToken(exchange.header("Authorization"));
        if (apiKey == null && bearer == null) {
            if (required) {
                throw new ApiError(ApiError.Kind.AUTHENTICATION,
                        "Missing API key: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'.").toException();
            }
            return;
        }
        if (!accepted.isEmpty() && !(isAccepted(apiKey) && isAccepted(bearer))) {
            throw new ApiError(ApiError.Kind.AUTHENTICATION, errors.invalidApiKeyMessage()).toException();
        }
    }

    /** True for an absent key (the other header carries one); otherwise compares with every accepted key. */
    private boolean isAccepted(@Nullable String key) {
        if (key == null) {
            return true;
        }
        byte[] presented = key.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] candidate : accepted) {
            match |= MessageDigest.isEqual(presented, candidate);
        }
        return match;
    }

    private static @Nullable String bearerToken(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return nonBlank(authorization.substring(7));
    }

    private static @Nullable String nonBlank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
