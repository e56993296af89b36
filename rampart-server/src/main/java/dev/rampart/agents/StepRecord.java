package dev.rampart.agents;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an agent step received, complete enough to answer the same call again without making it: a model call's
 * response and a tool call's arguments and result. The pipeline hands each to {@link StepListener#recorded} just before
 * the matching {@link StepEvent} ({@code model_call}, {@code tool_finished}); a durable run keeps them in its step rows
 * (docs/runs.md, "Recording and replay") and gives them back through a {@link StepTape}. Unlike events they carry
 * content (answers, arguments, outputs), so they are not streamed to clients.
 */
public sealed interface StepRecord {

	/**
	 * One model call's response.
	 *
	 * @param round the loop round, from 1
	 * @param text the answer text as the step received it (already masked by the gateway)
	 * @param toolCalls the tool calls the model asked for, in order
	 * @param finishReason why the model stopped, null when unknown
	 * @param replayed whether it was taken from a {@link StepTape} rather than from a model
	 */
	record ModelResponse(int round, String text, List<Call> toolCalls, @Nullable String finishReason, int inputTokens,
			int outputTokens, String provider, String model, boolean replayed) implements StepRecord {

		public ModelResponse {
			toolCalls = List.copyOf(toolCalls);
		}
	}

	/**
	 * A tool call the model asked for.
	 *
	 * @param id the model's id for the call
	 * @param arguments the arguments as the model wrote them
	 */
	record Call(String id, String name, String arguments) {
	}

	/**
	 * One tool call that ran (or was answered from a tape): its place, its arguments and its outcome.
	 *
	 * @param round the model round that asked for it
	 * @param position its place in that round's answer, from 0
	 * @param status {@code ok}, {@code failed}, {@code invalid_arguments}, {@code timed_out} or {@code unavailable}
	 * @param output what the tool answered (already capped by the tool invoker), or why it failed
	 * @param replayed whether it was taken from a {@link StepTape} rather than from the tool
	 */
	record ToolResult(int round, int position, String callId, String tool, String arguments, String status, String output,
			boolean truncated, long tookMs, boolean replayed) implements StepRecord {
	}
}
