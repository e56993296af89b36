package dev.rampart.sim;

/**
 * How long a reply takes: time to first token, delay between tokens, and (for load tests) a fixed
 * reply length. A non-streaming reply waits as long as its stream would have taken.
 *
 * @param ttft           delay before the first token
 * @param interToken     delay between two tokens of a streamed reply
 * @param tokensPerReply when positive, text replies are padded or cut to exactly this many tokens;
 *                       0 keeps their natural length
 */
public record LatencyModel(DelayRange ttft, DelayRange interToken, int tokensPerReply) {

    /** No delay at all and natural reply lengths: the default, so tests run at full speed. */
    public static final LatencyModel NONE = new LatencyModel(DelayRange.ZERO, DelayRange.ZERO, 0);

    public LatencyModel {
        java.util.Objects.requireNonNull(ttft, "ttft");
        java.util.Objects.requireNonNull(interToken, "interToken");
        if (tokensPerReply < 0) {
            throw new IllegalArgumentException("tokensPerReply must be >= 0, got " + tokensPerReply);
        }
    }

    public static LatencyModel fixed(long ttftMs, long interTokenMs) {
        return new LatencyModel(DelayRange.fixed(ttftMs), DelayRange.fixed(interTokenMs), 0);
    }

    public LatencyModel withTtft(DelayRange value) {
        return new LatencyModel(value, interToken, tokensPerReply);
    }

    public LatencyModel withInterToken(DelayRange value) {
        return new LatencyModel(ttft, value, tokensPerReply);
    }

    public LatencyModel withTokensPerReply(int value) {
        return new LatencyModel(ttft, interToken, value);
    }
}
