package dev.rampart.executions.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A part of one claim's workflow walk that is stopped as a whole (docs/runs.md, "Steps"): the root walk, the branches
 * of a {@code parallel} step or the items of a {@code map} (which run concurrently, {@link ConcurrentPaths}), or a
 * composite step with a timeout. The walk asks the section of its thread, before each step, whether to go on: a
 * cancelled section (the join was decided, a sibling failed for good, the deadline passed — its own or an enclosing
 * one's) stops its paths cooperatively; a section that holds a suspension (a branch reached an approval or a retry
 * backoff) lets the other paths finish the step at hand and start no other. Suspensions are not written where they
 * happen: they travel up with the {@link WorkflowInterpreter.Suspended} to the root, where the executor writes them
 * once every path has stopped — a section that decides its step after all (a join met, a failure) drops them.
 */
final class Section {

	private static final ScopedValue<Section> CURRENT = ScopedValue.newInstance();

	private final @Nullable Section parent;
	private final @Nullable Instant deadline;
	private final Clock clock;
	private final List<WorkflowRecorder.Suspension> suspensions = new CopyOnWriteArrayList<>();
	private volatile boolean cancelled;

	private Section(@Nullable Section parent, @Nullable Instant deadline, Clock clock) {
		this.parent = parent;
		this.deadline = deadline;
		this.clock = clock;
	}

	/** The section of a claim's walk. */
	static Section root(Clock clock) {
		return new Section(null, null, clock);
	}

	/** The section bound on this thread, else {@code root}. */
	static Section current(Section root) {
		return CURRENT.isBound() ? CURRENT.get() : root;
	}

	/** A section inside this one; {@code deadline} (by the injected clock) cancels it when passed. */
	Section child(@Nullable Instant deadline) {
		return new Section(this, deadline, clock);
	}

	/** Runs {@code work} with this section as the thread's current one. */
	<T> T call(Supplier<T> work) {
		return ScopedValue.where(CURRENT, this).call(work::get);
	}

	/** Its paths should stop: cancelled, past its deadline, or inside a section that is. */
	boolean cancelled() {
		return cancelled || expired() || (parent != null && parent.cancelled());
	}

	/** Whether an enclosing section was cancelled (not this one). */
	boolean cancelledAbove() {
		return parent != null && parent.cancelled();
	}

	boolean expired() {
		return deadline != null && !clock.instant().isBefore(deadline);
	}

	void cancel() {
		cancelled = true;
	}

	/** Its paths should start no other step: the run suspends once they finished the step at hand. */
	boolean suspending() {
		return !suspensions.isEmpty() || (parent != null && parent.suspending());
	}

	void suspend(WorkflowRecorder.Suspension suspension) {
		suspensions.add(suspension);
	}

	/** Gives its suspensions to the enclosing section (the run suspends further up). */
	void handUp() {
		if (parent != null) {
			parent.suspensions.addAll(suspensions);
			suspensions.clear();
		}
	}

	/** Forgets its suspensions: the step was decided without them (they are asked again when reached again). */
	void discard() {
		suspensions.clear();
	}

	/** The suspensions that reached this section, in the order they came. */
	List<WorkflowRecorder.Suspension> suspensions() {
		return new ArrayList<>(suspensions);
	}
}
