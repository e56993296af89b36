package dev.rampart.agents;

/**
 * Receives an agent step's events as they happen, on the step's own threads (tool calls run in parallel, so calls may
 * come from several threads, never at the same time). Must return quickly and not throw: a listener that throws is
 * dropped and the step goes on.
 */
@FunctionalInterface
public interface StepListener {

	StepListener NONE = event -> {
	};

	void on(StepEvent event);
}
