package dev.rampart.agents;

/**
 * Receives an agent step's events as they happen, on the step's own threads (tool calls run in parallel, so calls may
 * come from several threads, never at the same time). Must return quickly and not throw: a listener that throws is
 * dropped and the step goes on. A durable run cancels its step through {@link #cancelled()}, and stops a model call or
 * tool call in flight through the hooks the step registers with {@link #onCancel}.
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
	 * {@code finished} event with status {@code cancelled}). A model call or tool call in flight is stopped only when
	 * the listener also runs the hooks of {@link #onCancel}; otherwise it ends first.
	 */
	default boolean cancelled() {
		return false;
	}

	/**
	 * Registers what stops a call in flight (the step interrupts the thread that waits for the model's stream or a tool,
	 * see {@link Interruptible}); a listener that can be cancelled runs {@code stop} once when the cancel arrives, or at
	 * once when it already has, until the registration is closed. The default runs nothing: the step only learns of a
	 * cancel through {@link #cancelled()}. {@code stop} must be quick and may run on any thread.
	 */
	default Registration onCancel(Runnable stop) {
		return Registration.NONE;
	}

	/** A registered cancel hook; closing it (the call ended) means the hook no longer runs. */
	@FunctionalInterface
	interface Registration extends AutoCloseable {

		Registration NONE = () -> {
		};

		@Override
		void close();
	}
}
