package dev.rampart.sim.internal;

import org.eclipse.jetty.http.HttpFields;

/** How one API dialect spells errors and rate-limit headers. */
interface ErrorShape {

    byte[] body(ApiError error);

    /** Adds the dialect's rate-limit headers to a 429; {@code Retry-After} is added by the caller. */
    void addRateLimitHeaders(HttpFields.Mutable headers, long retryAfterSeconds);
}
