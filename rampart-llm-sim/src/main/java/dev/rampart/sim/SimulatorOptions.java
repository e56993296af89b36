package dev.rampart.sim;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Start-up settings of a simulator. Every default is a named constant; the defaults give an instant,
 * fault-free simulator on an ephemeral loopback port, which is what tests want.
 *
 * @param host                where to listen
 * @param port                TCP port; 0 picks a free one (read it back with {@link LlmSimulator#port()})
 * @param latency             initial latency model
 * @param faultRates          initial fault probabilities
 * @param rules               initial scripted rules, in match order
 * @param seed                seeds every random choice (fault draws, latency samples), so runs repeat
 * @param requireApiKey       when true a request without an API key gets 401; otherwise a missing key is accepted
 * @param acceptedApiKeys     when not empty, only these API keys are accepted (others get 401) and a key is
 *                            required whatever {@code requireApiKey} says; empty accepts any key
 * @param maxBodyBytes        larger request bodies get 413
 * @param stallCap            how long a stalled request is held before its connection is closed
 * @param embeddingDimensions vector length of embeddings when the request does not ask for one
 */
public record SimulatorOptions(String host, int port, LatencyModel latency, FaultRates faultRates,
                               List<ScriptRule> rules, long seed, boolean requireApiKey, Set<String> acceptedApiKeys,
                               int maxBodyBytes, Duration stallCap, int embeddingDimensions) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 0;
    public static final long DEFAULT_SEED = 42L;
    public static final int DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
    public static final Duration DEFAULT_STALL_CAP = Duration.ofMinutes(5);
    public static final int DEFAULT_EMBEDDING_DIMENSIONS = 384;
    /** Upper bound for {@code dimensions}, the largest size OpenAI's embedding models return. */
    public static final int MAX_EMBEDDING_DIMENSIONS = 3072;

    public SimulatorOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(faultRates, "faultRates");
        Objects.requireNonNull(stallCap, "stallCap");
        Objects.requireNonNull(acceptedApiKeys, "acceptedApiKeys");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535, got " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024, got " + maxBodyBytes);
        }
        if (stallCap.isNegative() || stallCap.isZero()) {
            throw new IllegalArgumentException("stallCap must be positive, got " + stallCap);
        }
        if (embeddingDimensions < 1 || embeddingDimensions > MAX_EMBEDDING_DIMENSIONS) {
            throw new IllegalArgumentException(
                    "embeddingDimensions must be within 1.." + MAX_EMBEDDING_DIMENSIONS + ", got " + embeddingDimensions);
        }
        rules = List.copyOf(rules);
        acceptedApiKeys = Set.copyOf(acceptedApiKeys);
        if (acceptedApiKeys.stream().anyMatch(key -> key.isBlank() || !key.equals(key.strip()))) {
            // Never name the keys: error messages end up in logs.
            throw new IllegalArgumentException("acceptedApiKeys must not contain blank keys or keys with surrounding"
                    + " whitespace");
        }
    }

    /** Lists every setting except the accepted API keys themselves, of which only the count is shown. */
    @Override
    public String toString() {
        return "SimulatorOptions[host=" + host + ", port=" + port + ", latency=" + latency + ", faultRates=" + faultRates
                + ", rules=" + rules + ", seed=" + seed + ", requireApiKey=" + requireApiKey + ", acceptedApiKeys="
                + acceptedApiKeys.size() + " key(s), maxBodyBytes=" + maxBodyBytes + ", stallCap=" + stallCap
                + ", embeddingDimensions=" + embeddingDimensions + "]";
    }

    public static SimulatorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().host(host).port(port).latency(latency).faultRates(faultRates).rules(rules).seed(seed)
                .requireApiKey(requireApiKey).acceptedApiKeys(acceptedApiKeys).maxBodyBytes(maxBodyBytes)
                .stallCap(stallCap).embeddingDimensions(embeddingDimensions);
    }

    /** Starts from the defaults; {@link #build()} validates. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private LatencyModel latency = LatencyModel.NONE;
        private FaultRates faultRates = FaultRates.NONE;
        private List<ScriptRule> rules = List.of();
        private long seed = DEFAULT_SEED;
        private boolean requireApiKey;
        private Collection<String> acceptedApiKeys = Set.of();
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration stallCap = DEFAULT_STALL_CAP;
        private int embeddingDimensions = DEFAULT_EMBEDDING_DIMENSIONS;

        private Builder() {
        }

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder latency(LatencyModel value) {
            this.latency = value;
            return this;
        }

        public Builder faultRates(FaultRates value) {
            this.faultRates = value;
            return this;
        }

        public Builder rules(List<ScriptRule> value) {
            this.rules = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder requireApiKey(boolean value) {
            this.requireApiKey = value;
            return this;
        }

        /**
         * Accept only these API keys (from {@code Authorization: Bearer} or {@code x-api-key}); a request with
         * another key gets 401 and one without a key gets 401 too. Empty (the default) accepts any key.
         */
        public Builder acceptedApiKeys(Collection<String> value) {
            this.acceptedApiKeys = value;
            return this;
        }

        public Builder maxBodyBytes(int value) {
            this.maxBodyBytes = value;
            return this;
        }

        public Builder stallCap(Duration value) {
            this.stallCap = value;
            return this;
        }

        public Builder embeddingDimensions(int value) {
            this.embeddingDimensions = value;
            return this;
        }

        public SimulatorOptions build() {
            Set<String> keys = Set.copyOf(Objects.requireNonNull(acceptedApiKeys, "acceptedApiKeys"));
            return new SimulatorOptions(host, port, latency, faultRates, rules, seed, requireApiKey, keys, maxBodyBytes,
                    stallCap, embeddingDimensions);
        }
    }
}
