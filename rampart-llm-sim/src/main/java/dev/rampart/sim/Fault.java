package dev.rampart.sim;

import java.util.Locale;
import java.util.Optional;

/**
 * A failure the simulator can inject, named on the wire (header {@code X-Sim-Fault}, flags, admin JSON)
 * by {@link #wireName()}.
 */
public enum Fault {
    /** 429 with {@code Retry-After} and rate-limit headers. */
    RATE_LIMITED("429"),
    /** 500 in the protocol's error shape. */
    SERVER_ERROR("500"),
    /** 503 in the protocol's error shape. */
    UNAVAILABLE("503"),
    /** The TCP connection is closed abruptly (RST) without any response. */
    RESET("reset"),
    /** The request is accepted and never answered until the client gives up or the stall cap passes. */
    STALL("stall"),
    /** The reply stops half-way: a stream ends without its terminator, a plain body is cut short. */
    TRUNCATE("truncate"),
    /** A 200 whose JSON body, or one SSE data line, is not valid JSON. */
    MALFORMED("malformed");

    private final String wireName;

    Fault(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Fault> fromWireName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (Fault fault : values()) {
            if (fault.wireName.equals(wanted)) {
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }
}
