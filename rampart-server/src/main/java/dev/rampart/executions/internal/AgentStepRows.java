package dev.rampart.executions.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.rampart.agents.StepEvent;
import dev.rampart.agents.StepListener;
import dev.rampart.agents.StepRecord;

/**
 * The listener of an agent step inside a workflow run: writes each of its model calls and tool calls as a row of the
 * run ({@link StepRecords}, under the step's scope) as soon as it ends, so a replay and a takeover can answer them
 * again; its events are not kept (the workflow's own events say what the step did). Also the step's cancellation check (the run's, and its path's: a
 * join met or a deadline passed in a {@link Section}).
 */
final class AgentStepRows implements StepListener {

	private final StepRecords records;
	private final WorkflowRecorder recorder;
	private final Execution execution;
	private final Section section;
	private final Clock clock;
	private final int attempt;
	private final Map<String, Instant> toolStarts = new HashMap<>();
	private Instant since;

	AgentStepRows(String scope, WorkflowRecorder recorder, Execution execution, Section section, Clock clock,
			int attempt) {
		this.records = new StepRecords(scope);
		this.recorder = recorder;
		this.execution = execution;
		this.section = section;
		this.clock = clock;
		this.attempt = attempt;
		this.since = clock.instant();
	}

	@Override
	public synchronized void on(StepEvent event) {
		if (execution.lost()) {
			return;
		}
		Instant now = clock.instant();
		if (event instanceof StepEvent.ToolStarted started) {
			toolStarts.put(started.callId(), now);
			return;
		}
		StepRecords.Row row = records.row(event);
		if (row == null) {
			return;
		}
		Instant started = event instanceof StepEvent.ToolFinished finished && toolStarts.containsKey(finished.callId())
				? toolStarts.remove(finished.callId()) : since;
		since = now;
		recorder.record(new WorkflowRecorder.Row(row.kind(), row.name(), row.status(), row.input(), row.output(), attempt,
				started));
	}

	@Override
	public void recorded(StepRecord record) {
		records.recorded(record);
	}

	@Override
	public boolean cancelled() {
		return execution.stopping() || section.cancelled();
	}

	@Override
	public Registration onCancel(Runnable stop) {
		return execution.onCancel(stop);
	}
}
