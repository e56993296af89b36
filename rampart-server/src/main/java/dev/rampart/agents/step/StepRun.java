package dev.rampart.agents.step;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.rampart.agents.AgentVersion;
import dev.rampart.agents.Interruptible;
import dev.rampart.agents.Invocation;
import dev.rampart.agents.StepEvent;
import dev.rampart.agents.StepRecord;
import dev.rampart.agents.StepListener;
import dev.rampart.memory.ScoredMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one running step: what it has spent, how often each tool was called, the memories it retrieved and
 * the events it emitted. Tool calls run in parallel, so what they touch is thread-safe; events reach the listener one
 * at a time, in the order they are recorded.
 */
final class StepRun {

	private static final Logger log = LoggerFactory.getLogger(StepRun.class);

	private final AgentVersion agent;
	private final Invocation invocation;
	private final Instant deadline;
	private final Clock clock;
	private final List<StepEvent> events = new ArrayList<>();
	private final Map<String, AtomicInteger> callsByTool = new ConcurrentHashMap<>();
	private StepListener listener;
	private final StepListener cancellation;
	private List<ScoredMemory> memories = List.of();
	private long inputTokens;
	private long outputTokens;
	private BigDecimal costUsd = BigDecimal.ZERO;
	private int modelCalls;

	StepRun(AgentVersion agent, Invocation invocation, StepListener listener, Clock clock) {
		this.agent = agent;
		this.invocation = invocation;
		this.listener = listener;
		this.cancellation = listener;
		this.clock = clock;
		this.deadline = clock.instant().plus(agent.definition().limits().maxWallTime());
	}

	/** The pinned agent version the step runs. */
	AgentVersion agent() {
		return agent;
	}

	Invocation invocation() {
		return invocation;
	}

	/**
	 * Passes the event to the listener and keeps it for the result, except tokens (the result's output has their text);
	 * a listener that throws is dropped, the step goes on.
	 */
	synchronized void emit(StepEvent event) {
		if (!(event instanceof StepEvent.Token)) {
			events.add(event);
		}
		if (listener != StepListener.NONE) {
			try {
				listener.on(event);
			}
			catch (RuntimeException ex) {
				log.warn("A step listener failed on a {} event and no longer receives events: {}", event.type(), ex.toString());
				listener = StepListener.NONE;
			}
		}
	}

	/** Passes a call's record to the listener ({@link StepListener#recorded}); a listener that throws is dropped. */
	synchronized void record(StepRecord record) {
		if (listener != StepListener.NONE) {
			try {
				listener.recorded(record);
			}
			catch (RuntimeException ex) {
				log.warn("A step listener failed on a record and no longer receives events: {}", ex.toString());
				listener = StepListener.NONE;
			}
		}
	}

	/** Whether whoever runs the step asked it to stop ({@link StepListener#cancelled()}). */
	boolean cancelled() {
		return cancellation.cancelled();
	}

	/**
	 * Runs a blocking call that a cancel interrupts ({@link Interruptible}).
	 *
	 * @throws java.util.concurrent.CancellationException when the cancel arrived while it ran
	 */
	<T> T interruptibly(Supplier<T> call) {
		return Interruptible.call(cancellation, call);
	}

	synchronized List<StepEvent> events() {
		return List.copyOf(events);
	}

	/** How many times the tool has now been called in this step, this call included. */
	int countCall(String tool) {
		return callsByTool.computeIfAbsent(tool, name -> new AtomicInteger()).incrementAndGet();
	}

	synchronized void spent(int input, int output, BigDecimal cost) {
		inputTokens += input;
		outputTokens += output;
		costUsd = costUsd.add(cost);
		modelCalls++;
	}

	synchronized long inputTokens() {
		return inputTokens;
	}

	synchronized long outputTokens() {
		return outputTokens;
	}

	synchronized BigDecimal costUsd() {
		return costUsd;
	}

	synchronized int modelCalls() {
		return modelCalls;
	}

	void memories(List<ScoredMemory> retrieved) {
		this.memories = List.copyOf(retrieved);
	}

	List<ScoredMemory> memories() {
		return memories;
	}

	boolean pastDeadline() {
		return !clock.instant().isBefore(deadline);
	}
}
