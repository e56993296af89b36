package dev.rampart.agents;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What one agent step produced.
 *
 * @param agentId the agent
 * @param version the agent version that ran (pinned when the step started)
 * @param status {@code completed}, {@code limit_reached} or {@code waiting_approval}
 * @param detail which limit was reached or which tool waits for approval; null when completed
 * @param output the final answer (masked by the tenant's policy); for a step stopped early, the last text the model gave
 * @param structuredOutput the answer parsed as JSON when the agent has an output schema and the answer satisfies it
 * @param outputProblems why the answer does not satisfy the output schema; empty otherwise
 * @param toolCalls each tool call the step made, in order
 * @param modelCalls how many model calls the step made
 * @param inputTokens tokens sent to models
 * @param outputTokens tokens received
 * @param costUsd what the model calls cost, from the providers' prices
 * @param events everything that happened, in order, but the tokens (streamed only)
 */
public record InvocationResult(UUID agentId, int version, String status, @Nullable String detail, String output,
		@Nullable JsonNode structuredOutput, List<String> outputProblems, List<ToolCallRecord> toolCalls, int modelCalls,
		long inputTokens, long outputTokens, BigDecimal costUsd, List<StepEvent> events) {

	public InvocationResult {
		outputProblems = List.copyOf(outputProblems);
		toolCalls = List.copyOf(toolCalls);
		events = List.copyOf(events);
	}

	/**
	 * One tool call of the step.
	 *
	 * @param callId the model's id for the call
	 * @param tool the tool's name
	 * @param status {@code ok}, {@code failed}, {@code invalid_arguments}, {@code timed_out}, {@code unavailable},
	 *     {@code refused} (not offered, or over its call limit)
	 * @param skipped whether the failure was tolerated (an optional tool) and the model told
	 */
	public record ToolCallRecord(String callId, String tool, String status, boolean skipped) {
	}
}
