package dev.rampart.agents.step;

import dev.rampart.providers.spi.ModelRequest;
import org.springframework.core.Ordered;

/**
 * One cross-cutting concern around each model call of a step, in {@link #getOrder()} order (lower is further out).
 * The step's chain is the outer half of one chain: tracing, then memory injection, then the provider gateway's own
 * interceptors (masking, usage accounting and budgets, prompt screening; docs/providers.md), then the model.
 */
interface StepInterceptor extends Ordered {

	/** Outermost: a span and a timer around everything the call does. */
	int TRACING = 100;

	/** Adds the step's retrieved memories to what the model sees. */
	int MEMORY = 200;

	StepReply around(StepRun run, int round, ModelRequest request, ModelCall next);

	/** The rest of the chain. */
	@FunctionalInterface
	interface ModelCall {

		StepReply call(ModelRequest request);
	}
}
