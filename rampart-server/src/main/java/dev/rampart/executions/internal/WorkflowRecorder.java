package dev.rampart.executions.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Writes a workflow run's transitions (docs/runs.md, "Workflow runs"): each is one fenced transaction of at most one step
 * row, the checkpoint's changes since the last one, and its events, numbered on from the claim. A lost lease makes every
 * write throw {@link StaleFenceException}, and the executor stops.
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

	/** A transition of a run that goes on; {@code status} null keeps the run's status. */
	void advance(@Nullable String status, @Nullable Row row, String event, Map<String, ?> data) {
		write(() -> journal.advance(run.fence(), status, checkpoint.drain(), events(event, data), steps(row)));
	}

	/**
	 * Writes a call recorded inside a step (an agent step's model or tool call, a tool step's call; docs/runs.md,
	 * "Recording and replay") at once, so a takeover finds it; the checkpoint's changes wait for the step's transition.
	 */
	void record(Row row) {
		write(() -> journal.record(run.fence(), List.of(), steps(row)));
	}

	/** Gives the run up until {@code notBefore} ({@code queued}) or a person's answer ({@code waiting}). */
	void suspend(String status, @Nullable Instant notBefore, @Nullable Instant waitDeadline, @Nullable Row row,
			String event, Map<String, ?> data) {
		write(() -> journal.suspend(run.fence(), status, notBefore, waitDeadline, checkpoint.drain(), events(event, data),
				steps(row)));
	}

	/** Ends the run with a closing {@code run_<status>} event. */
	void finish(RunJournal.Ending ending, Map<String, ?> data) {
		finish(ending, null, data);
	}

	/** Ends the run with a closing {@code run_<status>} event and, in the same transaction, the row of its last step. */
	void finish(RunJournal.Ending ending, @Nullable Row row, Map<String, ?> data) {
		write(() -> journal.finish(run.fence(), ending, checkpoint.drain(), events("run_" + ending.status(), data),
				steps(row)));
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
