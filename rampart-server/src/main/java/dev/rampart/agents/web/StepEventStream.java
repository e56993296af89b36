package dev.rampart.agents.web;

import dev.rampart.agents.InvocationResult;
import dev.rampart.agents.StepEvent;
import dev.rampart.agents.StepListener;
import dev.rampart.shared.Problems;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.ServerSentEvents;

/**
 * An agent step's events as server-sent events: one event per {@link StepEvent} (named by its type, the record's
 * fields as data), then {@code result} (the whole {@link InvocationResult}) or {@code error} (the problem's fields).
 * A client that goes away stops receiving events (the step drops a listener that throws); the step itself finishes.
 */
final class StepEventStream implements StepListener {

	private final ServerSentEvents events;
	private final Problems problems;

	StepEventStream(ServerSentEvents events, Problems problems) {
		this.events = events;
		this.problems = problems;
	}

	@Override
	public void on(StepEvent event) {
		events.send(event.type(), event);
	}

	boolean started() {
		return events.started();
	}

	void result(InvocationResult result) {
		events.send("result", result);
	}

	void error(RampartException failure) {
		events.send("error", problems.fields(failure));
	}
}
