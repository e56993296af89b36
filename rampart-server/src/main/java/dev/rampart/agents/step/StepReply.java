package dev.rampart.agents.step;

import java.util.List;

import dev.rampart.providers.spi.ModelToolCall;
import dev.rampart.providers.spi.ServedBy;
import dev.rampart.providers.spi.Usage;
import org.jspecify.annotations.Nullable;

/**
 * One model call's answer inside a step: its text (already masked), the tools it asks for, what it used and why it
 * stopped (kept in the run's record, docs/runs.md "Recording and replay").
 */
record StepReply(String text, List<ModelToolCall> toolCalls, Usage usage, @Nullable ServedBy servedBy,
		@Nullable String finishReason) {

	StepReply {
		toolCalls = List.copyOf(toolCalls);
	}

	StepReply(String text, List<ModelToolCall> toolCalls, Usage usage, @Nullable ServedBy servedBy) {
		this(text, toolCalls, usage, servedBy, null);
	}
}
