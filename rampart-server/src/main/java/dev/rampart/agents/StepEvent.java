package dev.rampart.agents;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * What happens during an agent step, as it happens: streamed to a {@link StepListener} (the invoke endpoint's SSE, #9's
 * live events) and kept in the {@link InvocationResult}. Tool arguments and outputs are not in events: they may hold what
 * the tenant's masking policy hides, and a run's step records (#8) keep them.
 */
public sealed interface StepEvent {

	/** The event's name on the wire ({@code token}, {@code tool_started} ...), also written into its JSON. */
	@JsonProperty("type")
	String type();

	/** A piece of the model's answer text, as it streams; not kept in the result (its {@code output} has the text). */
	record Token(String text) implements StepEvent {
		@Override
		public String type() {
			return "token";
		}
	}

	/**
	 * One model call ended.
	 *
	 * @param round the loop round, from 1
	 * @param provider the provider that served it
	 * @param model the model that served it
	 * @param inputTokens tokens sent
	 * @param outputTokens tokens received
	 * @param toolCalls how many tool calls the model asked for
	 */
	record ModelCalled(int round, String provider, String model, int inputTokens, int outputTokens, int toolCalls)
			implements StepEvent {
		@Override
		public String type() {
			return "model_call";
		}
	}

	/** A tool call is about to run. */
	record ToolStarted(String callId, String tool) implements StepEvent {
		@Override
		public String type() {
			return "tool_started";
		}
	}

	/**
	 * A tool call ended.
	 *
	 * @param status {@code ok}, {@code failed}, {@code invalid_arguments}, {@code timed_out}, {@code unavailable} or
	 *     {@code cancelled} (a cancel stopped it in flight)
	 * @param tookMs how long the call took, in milliseconds
	 * @param truncated whether its output was cut to the size cap
	 */
	record ToolFinished(String callId, String tool, String status, long tookMs, boolean truncated) implements StepEvent {
		@Override
		public String type() {
			return "tool_finished";
		}
	}

	/** An optional tool failed or could not be loaded: the step goes on without it, and the model is told. */
	record ToolSkipped(String tool, String reason) implements StepEvent {
		@Override
		public String type() {
			return "tool_skipped";
		}
	}

	/** Part of the step could not be served (memory) and the step continued without it. */
	record Degraded(String component, String reason) implements StepEvent {
		@Override
		public String type() {
			return "degraded";
		}
	}

	/**
	 * The step stopped: with an answer, at a limit, or waiting for a person to approve a tool call.
	 *
	 * @param status {@code completed}, {@code limit_reached} or {@code waiting_approval}
	 * @param detail which limit, or which tool waits for approval; null when completed
	 */
	record Finished(String status, @Nullable String detail) implements StepEvent {
		@Override
		public String type() {
			return "finished";
		}
	}
}
