package dev.rampart.executions.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Writes a workflow run's transitions (docs/runs.md, "Workflow runs"): each is one fenced transaction of at most one step
 * row, the checkpoint's changes since the last one, and its events, numbered on from the claim. A lost lease makes every
 * write throw {@link StaleFenceException}, and the executor stops. Branches and map items that run concurrently share
 * one recorder: its writes are serialized per run (one at a time, in order of event seq and step index), and a branch's
 * checkpoint changes go with whichever transition comes next — its own or an earlier sibling's, never later.
 */
final class WorkflowRecorder {

	private final RunJournal journal;
	private final ClaimedRun run;
	private final Execution execution;
	private final Checkpoint checkpoint;
	private final Clock clock;
	private long nextSeq;
	private int nextStep;

	WorkflowRecorder(RunJournal journal, ClaimedRun run, Execution execution, Checkpoint checkpoint, Clock clock) {
		this.journal = journal;
		this.run = run;
		this.execution = execution;
		this.checkpoint = checkpoint;
		this.clock = clock;
		this.nextSeq = run.nextSeq();
		this.nextStep = run.nextStep();
	}

	/** A step row to write: kind is the step's type, name its key. */
	record Row(String kind, String key, String status, Map<String, ?> meta, Map<String, ?> output, int attempt,
			Instant startedAt) {
	}

	/**
	 * A suspension a step asked for, written when every concurrent path of the walk has stopped
	 * ({@link #suspend(List)}).
	 *
	 * @param status {@code queued} (a retry's backoff until {@code notBefore}) or {@code waiting} (for a person)
	 * @param waiting the checkpoint's {@code waiting} entry of a {@code waiting} suspension, else null
	 */
	record Suspension(String status, @Nullable Instant notBefore, @Nullable Instant waitDeadline, @Nullable Row row,
			String event, Map<String, ?> data, @Nullable JsonNode waiting) {
	}

	/** A transition of a run that goes on; {@code status} null keeps the run's status. */
	synchronized void advance(@Nullable String status, @Nullable Row row, String event, Map<String, ?> data) {
		write(() -> journal.advance(run.fence(), status, checkpoint.drain(), events(event, data), steps(row)));
	}

	/**
	 * Writes a call recorded inside a step (an agent step's model or tool call, a tool step's call; docs/runs.md,
	 * "Recording and replay") at once, so a takeover finds it; the checkpoint's changes wait for the step's transition.
	 */
	synchronized void record(Row row) {
		write(() -> journal.record(run.fence(), List.of(), steps(row)));
	}

	/** Gives the run up until {@code notBefore} ({@code queued}) or a person's answer ({@code waiting}). */
	synchronized void suspend(String status, @Nullable Instant notBefore, @Nullable Instant waitDeadline, @Nullable Row row,
			String event, Map<String, ?> data) {
		write(() -> journal.suspend(run.fence(), run.principal(), status, notBefore, waitDeadline, checkpoint.drain(),
				events(event, data), steps(row)));
	}

	/** Ends the run with a closing {@code run_<status>} event. */
	synchronized void finish(RunJournal.Ending ending, Map<String, ?> data) {
		finish(ending, null, data);
	}

	/** Ends the run with a closing {@code run_<status>} event and, in the same transaction, the row of its last step. */
	synchronized void finish(RunJournal.Ending ending, @Nullable Row row, Map<String, ?> data) {
		write(() -> journal.finish(run.fence(), run.principal(), ending, checkpoint.drain(),
				events("run_" + ending.status(), data), steps(row)));
	}

	/**
	 * Gives the run up for the suspensions its paths asked for. A run waits for a person when one of them is a
	 * {@code waiting} one (the first; others of that kind are asked again when the walk reaches them again); otherwise it
	 * is queued until the latest backoff ends. The other backoffs' rows and events are written first, as transitions.
	 * With none (not expected), the run is queued again at once.
	 */
	synchronized void suspend(List<Suspension> suspensions) {
		Suspension chosen = null;
		for (Suspension suspension : suspensions) {
			if (chosen == null || (chosen.waiting() == null && (suspension.waiting() != null || later(suspension, chosen)))) {
				chosen = suspension;
			}
		}
		if (chosen == null) {
			suspend("queued", null, null, null, "run_requeued", Map.of());
			return;
		}
		for (Suspension other : suspensions) {
			if (other != chosen && other.waiting() == null) {
				advance(null, other.row(), other.event(), other.data());
			}
		}
		if (chosen.waiting() != null) {
			checkpoint.set(Checkpoint.WAITING, chosen.waiting());
		}
		suspend(chosen.status(), chosen.notBefore(), chosen.waitDeadline(), chosen.row(), chosen.event(), chosen.data());
	}

	private static boolean later(Suspension one, Suspension other) {
		Instant a = one.notBefore();
		Instant b = other.notBefore();
		return a != null && (b == null || a.isAfter(b));
	}

	private List<RunJournal.Event> events(String type, Map<String, ?> data) {
		return List.of(new RunJournal.Event(nextSeq++, type, data, clock.instant()));
	}

	private List<RunJournal.Step> steps(@Nullable Row row) {
		if (row == null) {
			return List.of();
		}
		return List.of(new RunJournal.Step(nextStep++, row.kind(), row.key(), row.status(), row.meta(), row.output(),
				row.attempt(), row.startedAt(), clock.instant()));
	}

	private void write(Runnable write) {
		if (execution.lost()) {
			throw new StaleFenceException(run.fence());
		}
		try {
			write.run();
		}
		catch (StaleFenceException ex) {
			execution.lose();
			throw ex;
		}
	}
}
