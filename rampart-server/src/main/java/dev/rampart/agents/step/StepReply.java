package dev.rampart.agents.step;

import java.util.List;

import dev.rampart.providers.spi.ModelToolCall;
import dev.rampart.providers.spi.ServedBy;
import dev.rampart.providers.spi.Usage;
import org.jspecify.annotations.Nullable;

/** One model call's answer inside a step: its text (already masked), the tools it asks for, and what it used. */
record StepReply(String text, List<ModelToolCall> toolCalls, Usage usage, @Nullable ServedBy servedBy) {

	StepReply {
		toolCalls = List.copyOf(toolCalls);
	}
}
