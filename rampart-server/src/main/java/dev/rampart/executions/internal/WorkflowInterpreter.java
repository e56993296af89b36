package dev.rampart.executions.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

import dev.rampart.agents.Invocation;
import dev.rampart.agents.StepListener;
import dev.rampart.executions.internal.StepWork.Attempt;
import dev.rampart.executions.internal.WorkflowCheckpoints.Recorded;
import dev.rampart.shared.TenantId;
import dev.rampart.workflows.RetryPolicy.RetryOn;
import dev.rampart.workflows.Scope;
import dev.rampart.workflows.Step;
import dev.rampart.workflows.WorkflowDefinition;
import dev.rampart.workflows.WorkflowVersion;
import dev.rampart.workflows.Workflows;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks a workflow's step graph for one claim of a run (docs/runs.md, "Workflow runs"). The walk always starts at the
 * workflow's start step; a step whose key has a completed row (the memo) is not executed again — its recorded output and
 * route are taken — so a run resumed after a takeover, a backoff, an answer or a retry continues exactly after its last
 * transition. Keys are step ids under prefixes that make repetitions distinct: {@code loop#2/}, {@code map[3]/},
 * {@code sub/}, {@code comp:<key>/}. Every step that ends writes one transition (row, checkpoint changes, event).
 * Parallel branches and map items run concurrently ({@link ConcurrentPaths}); what they share — the checkpoint, the
 * recorder, the memo, the outputs — is safe for that, and each path asks its {@link Section} before each step whether
 * to go on. A step that suspends the run hands its {@link WorkflowRecorder.Suspension} to its section and throws
 * {@link Suspended}; the executor writes it once every path has stopped. Tool and agent steps answer from the claim's
 * tapes first ({@link RunTapes}: a replay's original record, a taken-over run's own) and record their calls for the
 * next ones.
 */
final class WorkflowInterpreter {

	/** The walk stops here: the run was given up (backoff, waiting) and its transition written. */
	static final class Suspended extends RuntimeException {

		Suspended() {
			super(null, null, false, false);
		}
	}

	/** The path's section was cancelled (a join decided, a deadline passed): the path ends without finishing. */
	static final class Stopped extends RuntimeException {

		Stopped() {
			super(null, null, false, false);
		}
	}

	/** A cancel was asked between steps, or stopped a step in flight ({@code row}: that step, ended {@code cancelled}). */
	static final class Cancelled extends RuntimeException {

		private final transient WorkflowRecorder.@Nullable Row row;

		Cancelled() {
			this(null);
		}

		Cancelled(WorkflowRecorder.@Nullable Row row) {
			super(null, null, false, false);
			this.row = row;
		}

		WorkflowRecorder.@Nullable Row row() {
			return row;
		}
	}

	/** How a path or step ended: with its output and where to go on, or failed. */
	sealed interface Result {
	}

	record Next(JsonNode output, @Nullable String next) implements Result {
	}

	/** A failure after retries: the step's key and why, in words that may be shown. */
	record Failed(String key, String detail) implements Result {
	}

	/** Where the walk is: the definition, the key prefix, and what expressions see. */
	record Frame(WorkflowVersion workflow, String prefix, JsonNode input, Map<String, JsonNode> outputs,
			@Nullable JsonNode item, @Nullable Integer index, @Nullable Integer iteration, int depth) {

		WorkflowDefinition definition() {
			return workflow.definition();
		}

		Scope scope() {
			return new Scope(input, outputs, item, index, iteration);
		}

		Frame nested(String prefix, Map<String, JsonNode> outputs, @Nullable JsonNode item, @Nullable Integer index,
				@Nullable Integer iteration) {
			return new Frame(workflow, prefix, input, outputs, item, index, iteration, depth);
		}
	}

	private final ClaimedRun run;
	private final Execution execution;
	private final Checkpoint checkpoint;
	private final WorkflowRecorder recorder;
	private final Workflows workflows;
	private final StepWork work;
	private final Clock clock;
	private final RunTapes.Tapes tapes;
	private final Map<String, Recorded> memo = new ConcurrentHashMap<>();
	/** Completed steps in order of completion (the order of their rows), this claim's included: the saga's list. */
	private final List<Recorded> completed = Collections.synchronizedList(new ArrayList<>());
	private final Section root;

	WorkflowInterpreter(ClaimedRun run, Execution execution, Checkpoint checkpoint, List<Recorded> recorded,
			WorkflowRecorder recorder, Workflows workflows, StepWork work, Clock clock, RunTapes.Tapes tapes) {
		this.tapes = tapes;
		this.run = run;
		this.execution = execution;
		this.checkpoint = checkpoint;
		this.recorder = recorder;
		this.workflows = workflows;
		this.work = work;
		this.clock = clock;
		this.root = Section.root(clock);
		for (Recorded step : recorded) {
			if (step.completed()) {
				memo.put(step.key(), step);
				completed.add(step);
			}
		}
	}

	List<Recorded> completed() {
		return completed;
	}

	Map<String, Recorded> memo() {
		return memo;
	}

	TenantId tenant() {
		return run.fence().tenant();
	}

	/** The section of the calling thread's path. */
	Section section() {
		return Section.current(root);
	}

	/** The claim's root section: where the suspensions of its paths arrive. */
	Section root() {
		return root;
	}

	/** Hands a suspension to the path's section and ends the path: the run is given up once every path stopped. */
	Suspended suspend(WorkflowRecorder.Suspension suspension) {
		section().suspend(suspension);
		throw new Suspended();
	}

	/** Runs the path from {@code start} until a step without {@code next}; the result's output is the last step's. */
	Result path(Frame frame, String start) {
		String id = start;
		JsonNode last = NullNode.getInstance();
		while (id != null) {
			Step step = frame.definition().step(id).orElseThrow();
			Result result = step(frame, step);
			if (result instanceof Failed failed) {
				return failed;
			}
			Next next = (Next) result;
			if (!(step instanceof Step.Condition) && !(step instanceof Step.Switch)) {
				last = next.output();
				frame.outputs().put(step.id(), next.output());
			}
			id = next.next();
		}
		return new Next(last, null);
	}

	private Result step(Frame frame, Step step) {
		String key = frame.prefix() + step.id();
		Recorded done = memo.get(key);
		if (done != null) {
			return new Next(done.value(), done.next());
		}
		JsonNode failure = checkpoint.get("failure:" + key);
		if (failure != null) {
			return new Failed(key, failure.asString());
		}
		if (execution.lost()) {
			throw new StaleFenceException(run.fence());
		}
		if (execution.cancelRequested()) {
			throw new Cancelled();
		}
		Section section = section();
		if (section.cancelled()) {
			throw new Stopped();
		}
		if (section.suspending()) {
			throw new Suspended();
		}
		return switch (step) {
			case Step.Transform s -> attempt(frame, s, key, attempt -> Attempt.ok(s.expression().evaluate(frame.scope())));
			case Step.Tool s -> attempt(frame, s, key, attempt -> work.tool(tenant(), run.fence().runId(), s.tool(),
					s.arguments().resolve(frame.scope()), s.options().timeout(), idempotencyKey(key, attempt), listener(section),
					tapes.scope(scope(key, attempt)), result -> recorder.record(rowOf(StepRecords.toolStep(scope(key, attempt),
							result), attempt))));
			case Step.Agent s -> attempt(frame, s, key, attempt -> work.agent(new Invocation(tenant(), run.principal(),
					s.agentId(), s.selector(), work.text(s.input().resolve(frame.scope())), run.threadId(), run.userId(),
					run.fence().runId() + "/" + idempotencyKey(key, attempt), Map.of(), List.of(),
					tapes.scope(scope(key, attempt))), new AgentStepRows(scope(key, attempt), recorder, execution, section,
							clock, attempt), s.options().timeout()));
			case Step.Condition s -> route(frame, s, key, s.branches().stream()
				.filter(branch -> branch.when().test(frame.scope())).map(Step.Condition.Branch::next).findFirst()
				.orElse(s.otherwise()));
			case Step.Switch s -> route(frame, s, key, s.cases().getOrDefault(caseOf(s.expression().evaluate(frame.scope())),
					s.otherwise()));
			case Step.Parallel s -> composites().timed(frame, s, key, c -> c.parallel(frame, s, key));
			case Step.ForEach s -> composites().timed(frame, s, key, c -> c.forEach(frame, s, key));
			case Step.Loop s -> composites().timed(frame, s, key, c -> c.loop(frame, s, key));
			case Step.SubWorkflow s -> composites().timed(frame, s, key, c -> c.subWorkflow(frame, s, key));
			case Step.Approval s -> new HumanStep(this, checkpoint, recorder, clock).approval(frame, s, key);
			case Step.Wait s -> new HumanStep(this, checkpoint, recorder, clock).await(frame, s, key);
		};
	}

	private CompositeSteps composites() {
		return new CompositeSteps(this, checkpoint, workflows, new ConcurrentPaths(this, execution), execution, clock);
	}

	/** The recorded calls' scope of a step's attempt: its idempotency key without the run (the same in a replay). */
	private String scope(String key, int attempt) {
		return idempotencyKey(key, attempt).substring(run.fence().runId().toString().length() + 1);
	}

	private WorkflowRecorder.Row rowOf(StepRecords.Row row, int attempt) {
		return new WorkflowRecorder.Row(row.kind(), row.name(), row.status(), row.input(), row.output(), attempt,
				clock.instant());
	}

	private StepListener listener(Section section) {
		return new StepListener() {
			@Override
			public void on(dev.rampart.agents.StepEvent event) {
			}

			@Override
			public boolean cancelled() {
				return execution.stopping() || section.cancelled();
			}

			@Override
			public Registration onCancel(Runnable stop) {
				return execution.onCancel(stop);
			}
		};
	}

	private String idempotencyKey(String key, int attempt) {
		int epoch = checkpoint.epoch();
		return run.fence().runId() + ":" + key + ":" + (epoch == 0 ? "" : "e" + epoch + ".") + attempt;
	}

	private static String caseOf(JsonNode value) {
		return value.isString() ? value.stringValue() : value.toString();
	}

	/**
	 * One attempt of a work step, then its transition: succeeded; or failed and retried later (the run is queued again
	 * with {@code not_before} after the policy's backoff); or, after the retries, skipped when optional, else failed.
	 */
	private Result attempt(Frame frame, Step step, String key, IntFunction<Attempt> body) {
		int attempt = checkpoint.attempts(key) + 1;
		Instant started = clock.instant();
		Attempt result;
		try {
			result = body.apply(attempt);
		}
		catch (CancellationException ex) {
			if (!execution.stopping() && section().cancelled()) {
				// its section stopped it (a join decided, a deadline passed): no row, a later walk runs it again if needed
				throw new Stopped();
			}
			// stopped in flight: the step's row says so, written with the run's ending
			throw new Cancelled(row(frame, step, key, "cancelled", null, null, attempt, started, "cancelled while in flight"));
		}
		catch (IllegalArgumentException ex) {
			// an expression or mapping that cannot be evaluated: retried only under retryOn: any
			result = Attempt.failed(RetryOn.ANY, ex.getMessage() == null ? "an expression failed" : ex.getMessage());
		}
		if (result.succeeded()) {
			checkpoint.remove("attempt:" + key);
			return completed(frame, step, key, "succeeded", result.output(), step.next(), attempt, started);
		}
		RetryOn kind = result.failure();
		if (step.options().retry().retries(kind, attempt)) {
			Instant notBefore = clock.instant().plus(step.options().retry().delayAfter(attempt, ThreadLocalRandom.current()));
			checkpoint.set("attempt:" + key, attempt);
			throw suspend(new WorkflowRecorder.Suspension("queued", notBefore, null, row(frame, step, key, "retrying", null,
					null, attempt, started, result.detail()), "step_retry_scheduled", Map.of("step", key, "attempt", attempt,
							"notBefore", notBefore.toString(), "reason", result.detail()), null));
		}
		return failedAfterRetries(frame, step, key, attempt, started, result.detail());
	}

	/** A step that failed for good: skipped when optional, else a recorded final failure. */
	Result failedAfterRetries(Frame frame, Step step, String key, int attempt, Instant started, String detail) {
		checkpoint.remove("attempt:" + key);
		checkpoint.remove(CompositeSteps.DEADLINE + key);
		if (step.options().optional()) {
			return completed(frame, step, key, "skipped", NullNode.getInstance(), step.next(), attempt, started);
		}
		checkpoint.set("failure:" + key, detail);
		recorder.advance(null, row(frame, step, key, "failed", null, null, attempt, started, detail), "step_failed",
				Map.of("step", key, "attempt", attempt, "reason", detail));
		return new Failed(key, detail);
	}

	/** Records a step that ended (succeeded, skipped, timed out) with its output and route, and memoizes it. */
	Next completed(Frame frame, Step step, String key, String status, @Nullable JsonNode output, @Nullable String next,
			int attempt, Instant started) {
		JsonNode value = output == null ? NullNode.getInstance() : output;
		WorkflowRecorder.Row row = row(frame, step, key, status, value, next, attempt, started, null);
		Recorded recorded = new Recorded(0, key, status, value, next, meta(frame, step, attempt));
		checkpoint.remove(CompositeSteps.DEADLINE + key);
		synchronized (recorder) {
			// under the recorder's lock: the saga's list keeps the order of the rows
			recorder.advance(null, row, "step_" + status, Map.of("step", key, "attempt", attempt));
			memo.put(key, recorded);
			completed.add(recorded);
		}
		return new Next(value, next);
	}

	private Result route(Frame frame, Step step, String key, @Nullable String next) {
		return completed(frame, step, key, "succeeded", NullNode.getInstance(), next, 1, clock.instant());
	}

	WorkflowRecorder.Row row(Frame frame, Step step, String key, String status, @Nullable JsonNode value,
			@Nullable String next, int attempt, Instant started, @Nullable String reason) {
		Map<String, Object> output = new LinkedHashMap<>();
		if (value != null) {
			output.put("value", value);
			output.put("next", next);
		}
		if (reason != null) {
			output.put("reason", reason);
		}
		Map<String, Object> meta = new LinkedHashMap<>();
		meta(frame, step, attempt).properties().forEach(field -> meta.put(field.getKey(), field.getValue()));
		return new WorkflowRecorder.Row(type(step), key, status, meta, output, attempt, started);
	}

	private ObjectNode meta(Frame frame, Step step, int attempt) {
		ObjectNode meta = JsonNodeFactory.instance.objectNode();
		meta.put("step", step.id());
		meta.put("attempt", attempt);
		if (step.options().compensation() != null) {
			meta.put("compensation", step.options().compensation());
		}
		if (frame.depth() > 0) {
			meta.put("workflow", frame.workflow().id().toString());
			meta.put("version", frame.workflow().version());
		}
		return meta;
	}

	private static String type(Step step) {
		return switch (step) {
			case Step.Agent s -> "agent";
			case Step.Tool s -> "tool";
			case Step.Transform s -> "transform";
			case Step.Condition s -> "condition";
			case Step.Switch s -> "switch";
			case Step.Parallel s -> "parallel";
			case Step.ForEach s -> "map";
			case Step.Loop s -> "loop";
			case Step.Approval s -> "approval";
			case Step.Wait s -> "wait";
			case Step.SubWorkflow s -> "sub_workflow";
		};
	}

	/** The frame of a top-level walk of {@code workflow}. */
	static Frame top(WorkflowVersion workflow, JsonNode input) {
		return new Frame(workflow, "", input, new ConcurrentHashMap<>(), null, null, null, 0);
	}

	/** A frame for compensating a step recorded in {@code workflow} at {@code key}: it sees every completed output. */
	Frame compensationFrame(WorkflowVersion workflow, String key, JsonNode input) {
		Map<String, JsonNode> outputs = new ConcurrentHashMap<>();
		synchronized (completed) {
			for (Recorded step : completed) {
				outputs.put(step.meta().path("step").asString(), step.value());
			}
		}
		return new Frame(workflow, "comp:" + key + "/", input, outputs, null, null, null, 0);
	}

	UUID runId() {
		return run.fence().runId();
	}
}
