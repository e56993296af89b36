package dev.rampart.executions.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntFunction;

import dev.rampart.executions.internal.WorkflowInterpreter.Cancelled;
import dev.rampart.executions.internal.WorkflowInterpreter.Failed;
import dev.rampart.executions.internal.WorkflowInterpreter.Next;
import dev.rampart.executions.internal.WorkflowInterpreter.Result;
import dev.rampart.executions.internal.WorkflowInterpreter.Stopped;
import dev.rampart.executions.internal.WorkflowInterpreter.Suspended;
import dev.rampart.shared.TenantScope;
import dev.rampart.shared.TracedThreads;
import org.jspecify.annotations.Nullable;

/**
 * Runs the paths of a {@code parallel} step's branches or a {@code map} step's items concurrently, each on a virtual
 * thread of a scope that none outlives (ADR 0022), at most {@code limit} at a time, until a join is decided: met once
 * {@code needed} paths succeeded, failed once too many failed to meet it. Then the paths not started are not started and
 * the ones in flight are cancelled cooperatively (a step that finishes meanwhile is recorded, so a later walk finds it).
 * A path that suspends the run (approval, wait, retry backoff) stops the others after the step at hand; the suspension
 * travels up ({@link Section}). A lost lease or a cancel of the run stops every path and ends the walk.
 */
final class ConcurrentPaths {

	/**
	 * How the join was decided.
	 *
	 * @param results by path index: its result, null for a path that did not finish
	 * @param counted by path index: whether its success is one of the first {@code needed} (in order of finishing)
	 * @param failed the index of the failure that made the join impossible, or -1 when it was met
	 */
	record Joined(List<@Nullable Result> results, boolean[] counted, int failed) {

		boolean met() {
			return failed < 0;
		}

		Failed failure() {
			return (Failed) results.get(failed);
		}

		Next output(int index) {
			return (Next) results.get(index);
		}
	}

	private record Done(int index, @Nullable Result result, @Nullable Throwable thrown) {
	}

	private final WorkflowInterpreter interpreter;
	private final Execution execution;

	ConcurrentPaths(WorkflowInterpreter interpreter, Execution execution) {
		this.interpreter = interpreter;
		this.execution = execution;
	}

	/**
	 * Runs {@code path(0..count-1)}, at most {@code limit} at once, until {@code needed} succeeded or that can no longer
	 * happen.
	 *
	 * @throws Suspended when a path suspended the run before the join was decided (the others have stopped)
	 * @throws Stopped when an enclosing section was cancelled (its deadline passed, its own join was decided)
	 * @throws Cancelled when the run's cancel was asked
	 * @throws StaleFenceException when the lease was lost
	 */
	Joined run(String name, int count, int limit, int needed, IntFunction<Result> path) {
		Section group = interpreter.section().child(null);
		List<@Nullable Result> results = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			results.add(null);
		}
		boolean[] counted = new boolean[count];
		int successes = 0;
		int failures = 0;
		int failed = -1;
		boolean met = needed <= 0;
		@Nullable RuntimeException stale = null;
		@Nullable Throwable unexpected = null;
		@Nullable Cancelled cancelled = null;
		boolean interrupted = false;
		BlockingQueue<Done> finished = new LinkedBlockingQueue<>();
		try (ExecutorService scope = Executors.newThreadPerTaskExecutor(TracedThreads.virtual(name + "-"))) {
			int started = 0;
			int running = 0;
			while (true) {
				while (!met && failed < 0 && !group.cancelled() && !group.suspending() && running < limit && started < count) {
					int index = started++;
					running++;
					scope.execute(() -> finished.add(attempt(group, index, path)));
				}
				if (running == 0) {
					break;
				}
				Done done;
				try {
					done = finished.take();
				}
				catch (InterruptedException ex) {
					// the worker is stopping: stop the paths, let them end, and give the run up as lost
					interrupted = true;
					execution.lose();
					group.cancel();
					stale = new StaleFenceException(execution.fence());
					continue;
				}
				running--;
				if (done.result() instanceof Next) {
					results.set(done.index(), done.result());
					if (!met && failed < 0) {
						counted[done.index()] = true;
						met = ++successes >= needed;
					}
				}
				else if (done.result() instanceof Failed) {
					results.set(done.index(), done.result());
					if (!met && failed < 0 && ++failures > count - needed) {
						failed = done.index();
					}
				}
				else if (done.thrown() instanceof StaleFenceException ex) {
					stale = ex;
				}
				else if (done.thrown() instanceof Cancelled ex) {
					cancelled = cancelled == null ? ex : cancelled;
				}
				else if (!(done.thrown() instanceof Suspended) && !(done.thrown() instanceof Stopped)
						&& !(done.thrown() instanceof Cancelled) && !(done.thrown() instanceof CancellationException)) {
					unexpected = unexpected == null ? done.thrown() : unexpected;
				}
				if (met || failed >= 0 || stale != null || unexpected != null || execution.cancelRequested()
						|| execution.lost()) {
					group.cancel();
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		if (stale != null || execution.lost()) {
			throw stale != null ? stale : new StaleFenceException(execution.fence());
		}
		if (unexpected != null) {
			throw unexpected instanceof RuntimeException ex ? ex : new IllegalStateException(unexpected);
		}
		if (met || failed >= 0) {
			group.discard();
			return new Joined(results, counted, met ? -1 : failed);
		}
		if (execution.cancelRequested()) {
			// the first path stopped in flight gives the row written with the run's ending
			throw cancelled != null ? cancelled : new Cancelled();
		}
		if (group.cancelledAbove()) {
			throw new Stopped();
		}
		// a path suspended the run (here or in an enclosing section): the others stopped after their step at hand
		group.handUp();
		throw new Suspended();
	}

	private Done attempt(Section group, int index, IntFunction<Result> path) {
		try {
			return new Done(index, TenantScope.call(interpreter.tenant(), () -> group.call(() -> path.apply(index))), null);
		}
		catch (Throwable ex) {
			return new Done(index, null, ex);
		}
	}
}
