package dev.rampart.tools;

import java.time.Duration;

/**
 * What {@link ToolInvoker} reports of one call: the text for the model (the tool's output, or why there is none) and
 * how the call ended, so the agent step can tell a failure of the tool from bad arguments the model may correct.
 *
 * @param output the text for the model, at most {@code rampart.tools.max-output-chars} long (untrusted when OK)
 * @param status how the call ended
 * @param took how long it took, validation included
 * @param truncated whether the output was cut to the limit (the output then says so at its end)
 */
public record ToolOutcome(String output, Status status, Duration took, boolean truncated) {

	/** How a call ended. */
	public enum Status {
		/** The tool ran and answered. */
		OK,
		/** The tool ran and reported a failure, or threw. */
		FAILED,
		/** The arguments broke the tool's schema; the tool was not run. */
		INVALID_ARGUMENTS,
		/** The tool did not answer within the policy's timeout and was interrupted. */
		TIMED_OUT,
		/** The tool's breaker is open after repeated failures; the tool was not run. */
		UNAVAILABLE
	}

	public boolean ok() {
		return status == Status.OK;
	}
}
