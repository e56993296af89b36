package dev.rampart.executions.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;

import dev.rampart.executions.internal.WorkflowCheckpoints.Recorded;
import dev.rampart.executions.internal.WorkflowInterpreter.Cancelled;
import dev.rampart.executions.internal.WorkflowInterpreter.Failed;
import dev.rampart.executions.internal.WorkflowInterpreter.Next;
import dev.rampart.executions.internal.WorkflowInterpreter.Result;
import dev.rampart.executions.internal.WorkflowInterpreter.Suspended;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.Problems;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantScope;
import dev.rampart.workflows.WorkflowVersion;
import dev.rampart.workflows.Workflows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A workflow run (docs/runs.md, "Workflow runs"): loads the checkpoint and the recorded steps, walks the pinned
 * definition from its start with completed steps taken from the record ({@link WorkflowInterpreter}), and ends the run
 * {@code succeeded} with the last step's output. A step that fails after its retries (and is not optional) starts the
 * saga: the status becomes {@code compensating} and the compensations of the completed steps run in reverse order of
 * completion, each a durable path of its own; then {@code compensated}, or {@code failed} with
 * {@code COMPENSATION_FAILED} when one fails after its retries. A takeover during the saga resumes it. A replay answers
 * its tool and agent steps from the original's record and fails with {@code REPLAY_DIVERGED} where it leaves it.
 */
@Component
class WorkflowRunExecutor implements RunExecutor {

	private static final Logger log = LoggerFactory.getLogger(WorkflowRunExecutor.class);

	private final Workflows workflows;
	private final WorkflowCheckpoints checkpoints;
	private final StepWork work;
	private final RunJournal journal;
	private final Problems problems;
	private final Clock clock;
	private final RunTapes tapes;

	WorkflowRunExecutor(Workflows workflows, WorkflowCheckpoints checkpoints, StepWork work, RunJournal journal,
			Problems problems, Clock clock, RunTapes tapes) {
		this.tapes = tapes;
		this.workflows = workflows;
		this.checkpoints = checkpoints;
		this.work = work;
		this.journal = journal;
		this.problems = problems;
		this.clock = clock;
	}

	@Override
	public String kind() {
		return "workflow";
	}

	@Override
	public void execute(ClaimedRun run, Execution execution) {
		WorkflowCheckpoints.Loaded loaded = checkpoints.load(run.fence());
		Checkpoint checkpoint = new Checkpoint(loaded.checkpoint());
		WorkflowRecorder recorder = new WorkflowRecorder(journal, run, execution, checkpoint, clock);
		WorkflowVersion workflow = workflows.resolve(run.fence().tenant(), run.targetId(),
				Integer.toString(run.targetVersion())).orElse(null);
		if (workflow == null) {
			fail(recorder, new RampartException(ErrorCode.RESOURCE_NOT_FOUND, "The workflow version " + run.targetVersion()
					+ " this run pinned no longer exists."));
			return;
		}
		RunTapes.Tapes recorded = tapes.forClaim(run);
		WorkflowInterpreter interpreter = new WorkflowInterpreter(run, execution, checkpoint, loaded.steps(), recorder,
				workflows, work, clock, recorded);
		try {
			TenantScope.run(run.fence().tenant(), () -> walk(run, workflow, checkpoint, recorder, interpreter, recorded));
		}
		catch (Suspended ex) {
			// given up until a backoff passes or a person answers; every concurrent path has stopped: write it now
			recorder.suspend(interpreter.root().suspensions());
		}
		catch (Cancelled | CancellationException ex) {
			if (execution.lost()) {
				throw new StaleFenceException(run.fence());
			}
			recorder.finish(new RunJournal.Ending("cancelled", null, null, null, null),
					ex instanceof Cancelled cancelled ? cancelled.row() : null, Map.of());
		}
		catch (StaleFenceException ex) {
			throw ex;
		}
		catch (RampartException ex) {
			if (ex.code() != ErrorCode.REPLAY_DIVERGED) {
				log.error("Workflow run {} failed unexpectedly", run.fence().runId(), ex);
			}
			fail(recorder, ex.code() == ErrorCode.REPLAY_DIVERGED ? ex
					: new RampartException(ErrorCode.INTERNAL_ERROR, "The run failed unexpectedly."));
		}
		catch (RuntimeException ex) {
			log.error("Workflow run {} failed unexpectedly", run.fence().runId(), ex);
			fail(recorder, new RampartException(ErrorCode.INTERNAL_ERROR, "The run failed unexpectedly."));
		}
	}

	private void walk(ClaimedRun run, WorkflowVersion workflow, Checkpoint checkpoint, WorkflowRecorder recorder,
			WorkflowInterpreter interpreter, RunTapes.Tapes recorded) {
		if (checkpoint.compensating()) {
			compensate(run, workflow, checkpoint, recorder, interpreter);
			return;
		}
		Result result = interpreter.path(WorkflowInterpreter.top(workflow, run.input()), workflow.definition().start());
		if (result instanceof Next next) {
			// a replay says whether it reached the original's output
			Object outcome = run.replayOf() == null ? null : Map.of("replay", Map.of("of", run.replayOf(), "outputMatches",
					next.output().equals(recorded.output())));
			recorder.finish(new RunJournal.Ending("succeeded", next.output(), outcome, null, null), Map.of());
			return;
		}
		Failed failed = (Failed) result;
		String cause = "Step '" + failed.key() + "' failed: " + failed.detail();
		if (compensable(interpreter).isEmpty()) {
			fail(recorder, new RampartException(ErrorCode.WORKFLOW_STEP_FAILED, cause));
			return;
		}
		checkpoint.set(Checkpoint.PHASE, "compensating");
		checkpoint.set(Checkpoint.CAUSE, cause);
		recorder.advance("compensating", null, "compensation_started", Map.of("failedStep", failed.key()));
		compensate(run, workflow, checkpoint, recorder, interpreter);
	}

	/** Completed steps with a compensation, in order of completion (compensations themselves excluded). */
	private static List<Recorded> compensable(WorkflowInterpreter interpreter) {
		List<Recorded> steps = new ArrayList<>();
		for (Recorded step : interpreter.completed()) {
			if (step.status().equals("succeeded") && step.meta().hasNonNull("compensation") && !step.key().startsWith("comp:")) {
				steps.add(step);
			}
		}
		return steps;
	}

	private void compensate(ClaimedRun run, WorkflowVersion workflow, Checkpoint checkpoint, WorkflowRecorder recorder,
			WorkflowInterpreter interpreter) {
		String cause = checkpoint.get(Checkpoint.CAUSE) == null ? "A step failed." : checkpoint.get(Checkpoint.CAUSE).asString();
		List<Recorded> steps = compensable(interpreter);
		for (int i = steps.size() - 1; i >= 0; i--) {
			Recorded step = steps.get(i);
			WorkflowVersion owner = step.meta().hasNonNull("workflow")
					? workflows.resolve(run.fence().tenant(), UUID.fromString(step.meta().get("workflow").asString()),
							step.meta().get("version").asString()).orElse(workflow)
					: workflow;
			String start = step.meta().get("compensation").asString();
			Result result = interpreter.path(interpreter.compensationFrame(owner, step.key(), run.input()), start);
			if (result instanceof Failed failed) {
				checkpoint.set(Checkpoint.PHASE, "compensation_failed");
				RampartException problem = new RampartException(ErrorCode.COMPENSATION_FAILED, "The compensation '" + start
						+ "' of step '" + step.key() + "' failed: " + failed.detail() + " (the run failed because: " + cause + ")");
				recorder.advance(null, null, "compensation_failed", Map.of("step", step.key(), "compensation", start,
						"reason", failed.detail()));
				fail(recorder, problem);
				return;
			}
		}
		checkpoint.set(Checkpoint.PHASE, "compensated");
		recorder.finish(new RunJournal.Ending("compensated", null, null, null,
				problems.fields(new RampartException(ErrorCode.WORKFLOW_STEP_FAILED, cause))), Map.of("compensatedSteps",
						steps.size()));
	}

	private void fail(WorkflowRecorder recorder, RampartException ex) {
		recorder.finish(new RunJournal.Ending("failed", null, null, null, problems.fields(ex)),
				Map.of("code", ex.code().name()));
	}
}
