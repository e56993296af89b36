package dev.rampart.providers.spi;

/** Tokens a call consumed, as the provider reported them (0 when it did not). */
public record Usage(int inputTokens, int outputTokens) {

	public static final Usage UNKNOWN = new Usage(0, 0);

	/** Input and output tokens together, what budgets and quotas count. */
	public long total() {
		return (long) inputTokens + outputTokens;
	}
}
