package dev.rampart.executions.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rampart.agents.StepEvent;
import dev.rampart.agents.StepListener;
import dev.rampart.agents.StepRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an agent step's events into the run's event log and step records (docs/runs.md, "Events and steps"), the
 * records with the content the pipeline hands to {@link #recorded} ({@link StepRecords}: responses, tool arguments and
 * outputs), so a replay or a takeover can answer the same calls again. Events are
 * numbered as they come and kept in a batch; a batch is written, fenced, when a model call or a tool call ends (with that
 * step's record, so a step and its events commit together) and with the run's result. Tokens are not kept: the output
 * has their text. Also the step's cancellation check and cancel hooks: a requested cancel, or a lease this node no
 * longer holds, stops the calls in flight.
 */
final class RunRecorder implements StepListener {

	private final RunJournal journal;
	private final ClaimedRun run;
	private final Execution execution;
	private final Clock clock;
	private final JsonMapper json;
	private final List<RunJournal.Event> events = new ArrayList<>();
	private final List<RunJournal.Step> steps = new ArrayList<>();
	private final Map<String, Instant> toolStarts = new HashMap<>();
	private long nextSeq;
	private int nextStep;
	private final StepRecords records = new StepRecords("");
	private Instant since;

	RunRecorder(RunJournal journal, ClaimedRun run, Execution execution, Clock clock, JsonMapper json) {
		this.journal = journal;
		this.run = run;
		this.execution = execution;
		this.clock = clock;
		this.json = json;
		this.nextSeq = run.nextSeq();
		this.nextStep = run.nextStep();
		this.since = clock.instant();
	}

	@Override
	public synchronized void on(StepEvent event) {
		if (execution.lost()) {
			return;
		}
		if (event instanceof StepEvent.Token token) {
			journal.tokens(run.fence(), token.text());
			return;
		}
		Instant now = clock.instant();
		events.add(new RunJournal.Event(nextSeq++, event.type(), data(event), now));
		StepRecords.Row row = records.row(event);
		switch (event) {
			case StepEvent.ModelCalled called -> {
				steps.add(step(row, since, now));
				since = now;
				flush();
			}
			case StepEvent.ToolStarted started -> toolStarts.put(started.callId(), now);
			case StepEvent.ToolFinished finished -> {
				Instant started = toolStarts.remove(finished.callId());
				steps.add(step(row, started == null ? now : started, now));
				since = now;
				if (!finished.status().equals("cancelled")) {
					flush();
				}
				// a call a cancel stopped is written with the run's ending, in its one transaction
			}
			default -> {
			}
		}
	}

	@Override
	public void recorded(StepRecord record) {
		if (!execution.lost()) {
			records.recorded(record);
		}
	}

	private RunJournal.Step step(StepRecords.@Nullable Row row, Instant started, Instant now) {
		if (row == null) {
			throw new IllegalStateException("a model call or tool call has a row");
		}
		return new RunJournal.Step(nextStep++, row.kind(), row.name(), row.status(), row.input(), row.output(), run.attempt(),
				started, now);
	}

	/** The event's fields but its type, which has its own column. */
	private Map<String, ?> data(StepEvent event) {
		Map<String, Object> data = new LinkedHashMap<>();
		json.valueToTree(event).properties().forEach(field -> {
			if (!field.getKey().equals("type")) {
				data.put(field.getKey(), field.getValue());
			}
		});
		return data;
	}

	private void flush() {
		try {
			journal.record(run.fence(), List.copyOf(events), List.copyOf(steps));
			events.clear();
			steps.clear();
		}
		catch (StaleFenceException ex) {
			execution.lose();
			throw ex;
		}
	}

	@Override
	public boolean cancelled() {
		return execution.stopping();
	}

	@Override
	public Registration onCancel(Runnable stop) {
		return execution.onCancel(stop);
	}

	/**
	 * Writes the result with the events not yet written and a closing {@code run_<status>} event.
	 *
	 * @throws StaleFenceException when the lease is lost; nothing is written
	 */
	synchronized void finish(RunJournal.Ending ending, @Nullable Map<String, ?> closing) {
		if (execution.lost()) {
			throw new StaleFenceException(run.fence());
		}
		events.add(new RunJournal.Event(nextSeq++, "run_" + ending.status(), closing == null ? Map.of() : closing,
				clock.instant()));
		try {
			journal.finish(run.fence(), run.principal(), ending, List.copyOf(events), List.copyOf(steps));
		}
		catch (StaleFenceException ex) {
			execution.lose();
			throw ex;
		}
	}
}
