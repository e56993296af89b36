package dev.rampart.sim;

import java.util.random.RandomGenerator;

/**
 * A delay in milliseconds, either fixed ({@code min == max}) or drawn uniformly from {@code min..max}.
 */
public record DelayRange(long minMs, long maxMs) {

    public static final DelayRange ZERO = new DelayRange(0, 0);

    public DelayRange {
        if (minMs < 0 || maxMs < minMs) {
            throw new IllegalArgumentException("delay range needs 0 <= min <= max, got " + minMs + ".." + maxMs);
        }
    }

    public static DelayRange fixed(long ms) {
        return new DelayRange(ms, ms);
    }

    public static DelayRange between(long minMs, long maxMs) {
        return new DelayRange(minMs, maxMs);
    }

    /** Parses {@code "25"} or {@code "10-50"}, the form used by flags and request headers. */
    public static DelayRange parse(String text) {
        String trimmed = text.strip();
        int dash = trimmed.indexOf('-', 1);
        try {
            if (dash < 0) {
                return fixed(Long.parseLong(trimmed));
            }
            return between(Long.parseLong(trimmed.substring(0, dash).strip()),
                    Long.parseLong(trimmed.substring(dash + 1).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected milliseconds like 25 or 10-50, got '" + text + "'", e);
        }
    }

    public boolean isZero() {
        return maxMs == 0;
    }

    public long sample(RandomGenerator random) {
        return minMs == maxMs ? minMs : random.nextLong(minMs, maxMs + 1);
    }

    @Override
    public String toString() {
        return minMs == maxMs ? Long.toString(minMs) : minMs + "-" + maxMs;
    }
}
