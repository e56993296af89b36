package dev.rampart.sim.internal;

import dev.rampart.sim.DelayRange;
import dev.rampart.sim.LatencyModel;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The delays of one reply. Per-request headers override the rule's or the global latency model, so a
 * single request can be slowed down without touching shared settings.
 */
record Pacing(LatencyModel model, RandomGenerator random) {

    static final String TTFT_HEADER = "X-Sim-TTFT-Ms";
    static final String INTER_TOKEN_HEADER = "X-Sim-Inter-Token-Ms";
    static final String TOKENS_HEADER = "X-Sim-Tokens-Per-Reply";

    static Pacing of(Exchange exchange, LatencyModel base, RandomGenerator random) {
        LatencyModel model = base;
        String ttft = exchange.header(TTFT_HEADER);
        if (ttft != null) {
            model = model.withTtft(delay(TTFT_HEADER, ttft));
        }
        String interToken = exchange.header(INTER_TOKEN_HEADER);
        if (interToken != null) {
            model = model.withInterToken(delay(INTER_TOKEN_HEADER, interToken));
        }
        String tokens = exchange.header(TOKENS_HEADER);
        if (tokens != null) {
            model = model.withTokensPerReply(tokenCount(tokens));
        }
        return new Pacing(model, random);
    }

    int tokensPerReply() {
        return model.tokensPerReply();
    }

    long firstTokenDelay() {
        return model.ttft().sample(random);
    }

    long interTokenDelay() {
        return model.interToken().sample(random);
    }

    /** How long generating {@code pieces} tokens takes; a non-streaming reply waits this long. */
    long totalFor(int pieces) {
        long total = firstTokenDelay();
        if (!model.interToken().isZero()) {
            for (int i = 1; i < pieces; i++) {
                total += interTokenDelay();
            }
        }
        return total;
    }

    static void sleep(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static DelayRange delay(String header, String value) {
        try {
            return DelayRange.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(header + " must be milliseconds like 25 or 10-50.").toException();
        }
    }

    private static int tokenCount(@Nullable String value) {
        try {
            int count = Integer.parseInt(value == null ? "" : value.strip());
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.badRequest(TOKENS_HEADER + " must be a whole number >= 0.").toException();
    }
}
