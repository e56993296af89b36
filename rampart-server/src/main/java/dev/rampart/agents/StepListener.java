package dev.rampart.agents;

/**
 * Receives an agent step's events as they happen, on the step's own threads (tool calls run in parallel, so calls may
 * come from several threads, never at the same time). Must return quickly and not throw: a listener that throws is
 * dropped and the step goes on. A durable run cancels its step through {@link #cancelled()}.
 */
@FunctionalInterface
public interface StepListener {

	StepListener NONE = event -> {
	};

	void on(StepEvent event);

	/**
	 * Receives what a model call answered or a tool call returned, with its content, just before the matching
	 * {@code model_call} or {@code tool_finished} event (docs/runs.md, "Recording and replay"). The same rules as for
	 * {@link #on}: quick, never throwing. Ignored unless overridden.
	 */
	default void recorded(StepRecord record) {
	}

	/**
	 * Whether the step should stop: asked before each model call and after it, before its tool calls run. When it
	 * answers true, {@link AgentInvocations#invoke} throws {@link java.util.concurrent.CancellationException} (after a
	 * {@code finished} event with status {@code cancelled}); a model call or tool call already in flight ends first.
	 */
	default boolean cancelled() {
		return false;
	}
}
