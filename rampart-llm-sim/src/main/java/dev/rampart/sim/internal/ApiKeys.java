package dev.rampart.sim.internal;

/**
 * API key policy: any non-empty key is accepted, from {@code Authorization: Bearer} or {@code x-api-key}
 * (both dialects accept both). A missing key is accepted too unless the simulator requires one.
 */
final class ApiKeys {

    private ApiKeys() {
    }

    static void check(Exchange exchange, boolean required) {
        if (!required || hasKey(exchange)) {
            return;
        }
        throw new ApiError(ApiError.Kind.AUTHENTICATION,
                "Missing API key: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'.").toException();
    }

    private static boolean hasKey(Exchange exchange) {
        String apiKey = exchange.header("x-api-key");
        if (apiKey != null && !apiKey.isBlank()) {
            return true;
        }
        String authorization = exchange.header("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && !authorization.substring(7).isBlank();
    }
}
