package dev.rampart.sim.internal;

import org.eclipse.jetty.http.HttpFields;

/** How one API dialect spells errors and rate-limit headers. */
interface ErrorShape {

    byte[] body(ApiError error);

    /** The message of a 401 for a key that is not accepted; never names the key. */
    String invalidApiKeyMessage();

    /** Adds the dialect's rate-limit headers to a 429; {@code Retry-After} is added by the caller. */
    void addRateLimitHeaders(HttpFields.Mutable headers, long retryAfterSeconds);
}
