package dev.rampart.tools;

import java.time.Duration;

/**
 * How an agent uses one of its tools (issue #7): the agent definition sets it per tool, {@link ToolInvoker} applies the
 * timeout, and the agent step and run engine apply the rest (a required tool that fails fails the step, an optional one
 * is skipped; the per-run count; the approval pause). Immutable, with named defaults.
 *
 * @param required whether a failure of the tool fails the step (false: the step goes on without its result)
 * @param timeout how long one call may run before it is interrupted and reported as timed out
 * @param maxCallsPerRun how many times one run may call the tool (counted by the run engine)
 * @param approvalRequired whether a person must approve each call before it runs (the pause is the run engine's)
 */
public record ToolPolicy(boolean required, Duration timeout, int maxCallsPerRun, boolean approvalRequired) {

	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	public static final int DEFAULT_MAX_CALLS_PER_RUN = 20;

	public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

	public ToolPolicy {
		if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
			throw new IllegalArgumentException("timeout must be positive and at most " + MAX_TIMEOUT + ": " + timeout);
		}
		if (maxCallsPerRun < 1) {
			throw new IllegalArgumentException("maxCallsPerRun must be at least 1: " + maxCallsPerRun);
		}
	}

	/** Optional, {@link #DEFAULT_TIMEOUT}, {@link #DEFAULT_MAX_CALLS_PER_RUN} calls, no approval. */
	public static ToolPolicy defaults() {
		return new ToolPolicy(false, DEFAULT_TIMEOUT, DEFAULT_MAX_CALLS_PER_RUN, false);
	}

	public ToolPolicy withRequired(boolean value) {
		return new ToolPolicy(value, timeout, maxCallsPerRun, approvalRequired);
	}

	public ToolPolicy withTimeout(Duration value) {
		return new ToolPolicy(required, value, maxCallsPerRun, approvalRequired);
	}

	public ToolPolicy withMaxCallsPerRun(int value) {
		return new ToolPolicy(required, timeout, value, approvalRequired);
	}

	public ToolPolicy withApprovalRequired(boolean value) {
		return new ToolPolicy(required, timeout, maxCallsPerRun, value);
	}
}
