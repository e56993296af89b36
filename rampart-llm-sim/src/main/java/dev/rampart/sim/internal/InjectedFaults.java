package dev.rampart.sim.internal;

import dev.rampart.sim.Fault;
import java.time.Duration;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Carries out the faults that replace a reply entirely (error statuses, reset, stall). Truncation and
 * malformed bodies change how a reply is written, so the reply writers handle those.
 */
final class InjectedFaults {

    static final String RETRY_AFTER_HEADER = "X-Sim-Retry-After";
    static final long DEFAULT_RETRY_AFTER_SECONDS = 1;

    private final Scheduler scheduler;
    private final Duration stallCap;

    InjectedFaults(Scheduler scheduler, Duration stallCap) {
        this.scheduler = scheduler;
        this.stallCap = stallCap;
    }

    /** Returns true when the fault has finished the request, so no reply must be written. */
    boolean replaceReply(Exchange exchange, Fault fault, ErrorShape errors) {
        switch (fault) {
            case RATE_LIMITED -> {
                long retryAfter = retryAfterSeconds(exchange);
                exchange.setHeader("Retry-After", Long.toString(retryAfter));
                errors.addRateLimitHeaders(exchange.headers(), retryAfter);
                exchange.sendError(new ApiError(ApiError.Kind.RATE_LIMITED,
                        "Rate limit reached (simulated). Retry after " + retryAfter + " s.", retryAfter), errors);
            }
            case SERVER_ERROR -> exchange.sendError(
                    new ApiError(ApiError.Kind.SERVER_ERROR, "The server had an error (simulated)."), errors);
            case UNAVAILABLE -> exchange.sendError(
                    new ApiError(ApiError.Kind.UNAVAILABLE, "The service is overloaded (simulated)."), errors);
            case RESET -> exchange.resetConnection();
            case STALL -> exchange.stall(scheduler, stallCap);
            case TRUNCATE, MALFORMED -> {
                return false;
            }
        }
        return true;
    }

    private static long retryAfterSeconds(Exchange exchange) {
        String value = exchange.header(RETRY_AFTER_HEADER);
        if (value == null) {
            return DEFAULT_RETRY_AFTER_SECONDS;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.badRequest(RETRY_AFTER_HEADER + " must be a whole number of seconds.").toException();
    }
}
