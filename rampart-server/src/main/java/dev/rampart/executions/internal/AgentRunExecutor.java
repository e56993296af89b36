package dev.rampart.executions.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import dev.rampart.agents.AgentInvocations;
import dev.rampart.agents.Invocation;
import dev.rampart.agents.InvocationResult;
import dev.rampart.agents.Turn;
import dev.rampart.executions.ThreadsProperties;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.Problems;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/**
 * An agent run: one agent step ({@link AgentInvocations#invoke}) of the pinned version, with the run's id (tools get
 * idempotency keys from it), recorded by a {@link RunRecorder}. A step that answers or reaches a limit ends
 * {@code succeeded}; one that waits for a tool approval ends {@code waiting} with the pending tools kept in the outcome
 * (answered by {@code POST /runs/{id}/resume}, after which the step starts over with the answers in its checkpoint);
 * a cancel ends it {@code cancelled}; an error {@code failed} with its problem. A run of a thread gets the thread's
 * earlier turns ({@link JdbcThreads#history}) before its input. A replay answers every call from the original's record,
 * a run claimed again first from its earlier attempts' record ({@link RunTapes}); a replay's outcome says whether its
 * output equals the original's.
 */
@Component
class AgentRunExecutor implements RunExecutor {

	private static final Logger log = LoggerFactory.getLogger(AgentRunExecutor.class);

	private final AgentInvocations invocations;
	private final RunJournal journal;
	private final Problems problems;
	private final Clock clock;
	private final JsonMapper json;
	private final WorkflowCheckpoints checkpoints;
	private final JdbcThreads threads;
	private final ThreadsProperties threadSettings;
	private final RunTapes tapes;

	AgentRunExecutor(AgentInvocations invocations, RunJournal journal, Problems problems, Clock clock, JsonMapper json,
			WorkflowCheckpoints checkpoints, JdbcThreads threads, ThreadsProperties threadSettings, RunTapes tapes) {
		this.tapes = tapes;
		this.threads = threads;
		this.threadSettings = threadSettings;
		this.invocations = invocations;
		this.journal = journal;
		this.problems = problems;
		this.clock = clock;
		this.json = json;
		this.checkpoints = checkpoints;
	}

	@Override
	public String kind() {
		return "agent";
	}

	@Override
	public void execute(ClaimedRun run, Execution execution) {
		RunRecorder recorder = new RunRecorder(journal, run, execution, clock, json);
		List<Turn> history = run.threadId() == null ? List.of()
				: threads.history(run.fence().tenant(), run.threadId(), run.fence().runId(), threadSettings.historyTurns());
		RunTapes.Tapes recorded = tapes.forClaim(run);
		Invocation invocation = new Invocation(run.fence().tenant(), run.principal(), run.targetId(),
				Integer.toString(run.targetVersion()), run.input().asString(), run.threadId(), run.userId(),
				run.fence().runId().toString(), checkpoints.approvals(run.fence()), history, recorded.scope(""));
		InvocationResult result;
		try {
			result = TenantScope.call(run.fence().tenant(), () -> invocations.invoke(invocation, recorder));
		}
		catch (CancellationException ex) {
			if (execution.lost()) {
				throw new StaleFenceException(run.fence());
			}
			recorder.finish(new RunJournal.Ending("cancelled", null, null, null, null), null);
			return;
		}
		catch (StaleFenceException ex) {
			throw ex;
		}
		catch (RampartException ex) {
			fail(recorder, ex);
			return;
		}
		catch (RuntimeException ex) {
			log.error("Agent run {} failed unexpectedly", run.fence().runId(), ex);
			fail(recorder, new RampartException(ErrorCode.INTERNAL_ERROR, "The run failed unexpectedly."));
			return;
		}
		boolean waiting = result.status().equals("waiting_approval");
		Map<String, Object> outcome = new LinkedHashMap<>();
		outcome.put("stepStatus", result.status());
		outcome.put("detail", result.detail());
		outcome.put("structuredOutput", result.structuredOutput());
		outcome.put("outputProblems", result.outputProblems());
		outcome.put("toolCalls", result.toolCalls());
		if (run.replayOf() != null) {
			outcome.put("replay", Map.of("of", run.replayOf(), "outputMatches",
					StringNode.valueOf(result.output()).equals(recorded.output())));
		}
		if (waiting) {
			// POST /runs/{id}/resume answers these tools; the step then starts over with the answer
			outcome.put("pending", Map.of("approvalRequired", result.detail() == null ? "" : result.detail()));
		}
		Map<String, Object> usage = new LinkedHashMap<>();
		usage.put("modelCalls", result.modelCalls());
		usage.put("inputTokens", result.inputTokens());
		usage.put("outputTokens", result.outputTokens());
		usage.put("costUsd", result.costUsd());
		recorder.finish(new RunJournal.Ending(waiting ? "waiting" : "succeeded", result.output(), outcome, usage, null),
				Map.of("stepStatus", result.status()));
	}

	private void fail(RunRecorder recorder, RampartException ex) {
		Map<String, ?> problem = problems.fields(ex);
		recorder.finish(new RunJournal.Ending("failed", null, null, null, problem), Map.of("code", ex.code().name()));
	}
}
