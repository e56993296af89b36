package dev.rampart.workflows;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * How a failed step attempt is retried (docs/workflows.md, "Retries"): up to {@code maxAttempts} attempts in all, with a
 * delay before each further one, and only for the kinds of error in {@code retryOn}.
 *
 * @param maxAttempts attempts in all, 1 to 10; 1 means no retry
 * @param backoff how the delay grows
 * @param initialBackoff the delay before the second attempt
 * @param maxBackoff the largest delay
 * @param jitter true: each delay is drawn between half and all of the computed one, so retries of many runs spread out
 * @param retryOn which failures are retried
 */
public record RetryPolicy(int maxAttempts, Backoff backoff, Duration initialBackoff, Duration maxBackoff, boolean jitter,
		Set<RetryOn> retryOn) {

	public static final int MAX_ATTEMPTS = 10;
	public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(1);
	public static final Set<RetryOn> DEFAULT_RETRY_ON = Set.of(RetryOn.RETRIABLE);
	public static final RetryPolicy NONE = new RetryPolicy(1, Backoff.EXPONENTIAL, DEFAULT_INITIAL_BACKOFF,
			DEFAULT_MAX_BACKOFF, true, DEFAULT_RETRY_ON);

	public RetryPolicy {
		retryOn = retryOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(retryOn));
		if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
			throw new IllegalArgumentException("maxAttempts must be 1 to " + MAX_ATTEMPTS);
		}
	}

	/** Whether a failure of this kind, on attempt {@code attempt} (1-based), gets another attempt. */
	public boolean retries(RetryOn failure, int attempt) {
		return attempt < maxAttempts && (retryOn.contains(RetryOn.ANY) || retryOn.contains(failure));
	}

	/**
	 * The delay before the attempt after {@code failedAttempt} (1-based): {@code initialBackoff}, doubled per attempt when
	 * exponential, capped at {@code maxBackoff}, then jittered.
	 */
	public Duration delayAfter(int failedAttempt, RandomGenerator random) {
		long base = initialBackoff.toMillis();
		if (backoff == Backoff.EXPONENTIAL) {
			base = base << Math.min(Math.max(failedAttempt - 1, 0), 20);
		}
		long capped = Math.min(base, maxBackoff.toMillis());
		if (!jitter || capped < 2) {
			return Duration.ofMillis(capped);
		}
		return Duration.ofMillis(capped / 2 + random.nextLong(capped - capped / 2 + 1));
	}

	/** How the delay between attempts grows. */
	public enum Backoff {
		FIXED, EXPONENTIAL
	}

	/**
	 * Kinds of failure a step may retry; the engine classifies each failure as one of the first four.
	 * {@code RETRIABLE}: what the platform marks retriable (rate limits, 5xx, refused connections; a problem's
	 * {@code canRetry}); {@code TIMEOUT}: the step's timeout passed; {@code TOOL_ERROR}: a tool answered with a failure;
	 * {@code AGENT_ERROR}: an agent run failed (budget reached, output schema not met); {@code ANY}: every failure.
	 */
	public enum RetryOn {
		RETRIABLE, TIMEOUT, TOOL_ERROR, AGENT_ERROR, ANY
	}
}
