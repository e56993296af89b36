package dev.rampart.executions.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.rampart.executions.internal.WorkflowInterpreter.Failed;
import dev.rampart.executions.internal.WorkflowInterpreter.Frame;
import dev.rampart.executions.internal.WorkflowInterpreter.Next;
import dev.rampart.executions.internal.WorkflowInterpreter.Result;
import dev.rampart.executions.internal.WorkflowInterpreter.Stopped;
import dev.rampart.executions.internal.WorkflowInterpreter.Suspended;
import dev.rampart.workflows.Step;
import dev.rampart.workflows.WorkflowVersion;
import dev.rampart.workflows.Workflows;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The steps that contain paths (docs/runs.md, "Workflow runs"): {@code parallel}, {@code map}, {@code loop} and
 * {@code sub_workflow}. Their inner steps are ordinary steps with keys of their own, so each is checkpointed and
 * memoized on its own; the container records one row when it ends. Branches run concurrently, items at most
 * {@code maxConcurrency} at a time ({@link ConcurrentPaths}); a map's output keeps item order. With {@code timeoutSeconds},
 * a container has a deadline from its first start (kept in the checkpoint, so it holds across suspensions and
 * takeovers): past it, its paths stop cooperatively at their next step (an agent step at its next model call) and the
 * container ends like a failure after its retries — skipped when optional, else failed.
 */
final class CompositeSteps {

	/** Sub-workflows nest at most this deep (the validator cannot see chains longer than one). */
	static final int MAX_DEPTH = 5;
	/** A map step takes at most this many items. */
	static final int MAX_ITEMS = 1_000;
	/** The checkpoint key prefix of a container's deadline. */
	static final String DEADLINE = "deadline:";

	private final WorkflowInterpreter interpreter;
	private final Checkpoint checkpoint;
	private final Workflows workflows;
	private final ConcurrentPaths paths;
	private final Execution execution;
	private final Clock clock;

	CompositeSteps(WorkflowInterpreter interpreter, Checkpoint checkpoint, Workflows workflows, ConcurrentPaths paths,
			Execution execution, Clock clock) {
		this.interpreter = interpreter;
		this.checkpoint = checkpoint;
		this.workflows = workflows;
		this.paths = paths;
		this.execution = execution;
		this.clock = clock;
	}

	/**
	 * Runs a container under its step timeout, if it has one: inside a section with the deadline, which stops its paths
	 * once passed; the container then ends as timed out (skipped when optional, else failed).
	 */
	Result timed(Frame frame, Step step, String key, Function<CompositeSteps, Result> body) {
		Duration timeout = step.options().timeout();
		if (timeout == null) {
			return body.apply(this);
		}
		Instant started = clock.instant();
		JsonNode stored = checkpoint.get(DEADLINE + key);
		Instant deadline = stored != null ? Instant.parse(stored.asString()) : started.plus(timeout);
		if (stored == null) {
			checkpoint.set(DEADLINE + key, deadline.toString());
		}
		String late = "the step took longer than its timeout (" + timeout.toSeconds() + " s)";
		if (!started.isBefore(deadline)) {
			return interpreter.failedAfterRetries(frame, step, key, 1, started, late);
		}
		Section section = interpreter.section().child(deadline);
		try {
			return section.call(() -> body.apply(this));
		}
		catch (Suspended ex) {
			section.handUp();
			throw ex;
		}
		catch (Stopped | CancellationException ex) {
			if (!section.expired() || section.cancelledAbove() || execution.cancelRequested() || execution.lost()) {
				throw ex;
			}
			section.discard();
			return interpreter.failedAfterRetries(frame, step, key, 1, started, late);
		}
	}

	/**
	 * Every branch at once; goes on once the join is met (the output has the branches counted for it, by branch), fails
	 * once it no longer can be met.
	 */
	Result parallel(Frame frame, Step.Parallel step, String key) {
		Instant started = clock.instant();
		List<String> branches = step.branches();
		ConcurrentPaths.Joined joined = paths.run("wf-branch", branches.size(), branches.size(),
				step.join().needed(branches.size()), i -> interpreter.path(frame, branches.get(i)));
		if (!joined.met()) {
			return interpreter.failedAfterRetries(frame, step, key, 1, started, "the join cannot be met any more: branch '"
					+ branches.get(joined.failed()) + "' failed (" + joined.failure().detail() + ")");
		}
		ObjectNode outputs = JsonNodeFactory.instance.objectNode();
		for (int i = 0; i < branches.size(); i++) {
			if (joined.counted()[i]) {
				outputs.set(branches.get(i), joined.output(i).output());
			}
		}
		return interpreter.completed(frame, step, key, "succeeded", outputs, step.next(), 1, started);
	}

	/**
	 * The body once per item, at most {@code maxConcurrency} at a time, each with its own {@code $item}, {@code $index}
	 * and outputs; the output is in item order. The first item that fails for good fails the step (the others stop).
	 */
	Result forEach(Frame frame, Step.ForEach step, String key) {
		Instant started = clock.instant();
		JsonNode items;
		try {
			items = step.items().evaluate(frame.scope());
		}
		catch (IllegalArgumentException ex) {
			return interpreter.failedAfterRetries(frame, step, key, 1, started, String.valueOf(ex.getMessage()));
		}
		if (!items.isArray()) {
			return interpreter.failedAfterRetries(frame, step, key, 1, started, "'over' did not give a list");
		}
		if (items.size() > MAX_ITEMS) {
			return interpreter.failedAfterRetries(frame, step, key, 1, started, "'over' gave " + items.size() + " items, more than "
					+ MAX_ITEMS);
		}
		JsonNode list = items;
		int limit = step.maxConcurrency() > 0 ? step.maxConcurrency() : Step.ForEach.DEFAULT_MAX_CONCURRENCY;
		ConcurrentPaths.Joined joined = paths.run("wf-item", list.size(), limit, list.size(), i -> interpreter.path(
				frame.nested(key + "[" + i + "]/", new ConcurrentHashMap<>(frame.outputs()), list.get(i), i, frame.iteration()),
				step.body()));
		if (!joined.met()) {
			return interpreter.failedAfterRetries(frame, step, key, 1, started, "item " + joined.failed() + ": "
					+ joined.failure().detail());
		}
		ArrayNode outputs = JsonNodeFactory.instance.arrayNode();
		for (int i = 0; i < list.size(); i++) {
			outputs.add(joined.output(i).output());
		}
		return interpreter.completed(frame, step, key, "succeeded", outputs, step.next(), 1, started);
	}

	/** The body, then again while the condition holds, at most {@code maxIterations} times. */
	Result loop(Frame frame, Step.Loop step, String key) {
		Instant started = clock.instant();
		JsonNode last = NullNode.getInstance();
		for (int i = 0; i < step.maxIterations(); i++) {
			Frame body = frame.nested(key + "#" + i + "/", frame.outputs(), frame.item(), frame.index(), i);
			Result result = interpreter.path(body, step.body());
			if (result instanceof Failed failed) {
				return interpreter.failedAfterRetries(frame, step, key, 1, started, "iteration " + i + ": " + failed.detail());
			}
			last = ((Next) result).output();
			boolean again;
			try {
				again = step.condition().test(body.scope());
			}
			catch (IllegalArgumentException ex) {
				return interpreter.failedAfterRetries(frame, step, key, 1, started, String.valueOf(ex.getMessage()));
			}
			if (!again) {
				return interpreter.completed(frame, step, key, "succeeded", last, step.next(), 1, started);
			}
		}
		return interpreter.failedAfterRetries(frame, step, key, 1, started, "maxIterations (" + step.maxIterations()
				+ ") reached with 'while' still true");
	}

	/** The child workflow inline, under the step's key, its version resolved once and kept in the checkpoint. */
	Result subWorkflow(Frame frame, Step.SubWorkflow step, String key) {
		Instant started = clock.instant();
		if (frame.depth() + 1 > MAX_DEPTH) {
			return interpreter.failedAfterRetries(frame, step, key, 1, started, "sub-workflows nest deeper than " + MAX_DEPTH);
		}
		JsonNode pinned = checkpoint.get("child:" + key);
		String version = pinned != null ? pinned.asString()
				: step.version() == null ? null : Integer.toString(step.version());
		WorkflowVersion child = workflows.resolve(interpreter.tenant(), step.workflowId(), version).orElse(null);
		if (child == null) {
			return interpreter.failedAfterRetries(frame, step, key, 1, started, "the workflow " + step.workflowId()
					+ (version == null ? "" : " version " + version) + " does not exist (any more)");
		}
		if (pinned == null) {
			checkpoint.set("child:" + key, Integer.toString(child.version()));
		}
		JsonNode input;
		try {
			input = step.input().resolve(frame.scope());
		}
		catch (IllegalArgumentException ex) {
			return interpreter.failedAfterRetries(frame, step, key, 1, started, String.valueOf(ex.getMessage()));
		}
		Frame inner = new Frame(child, key + "/", input, new ConcurrentHashMap<>(), null, null, null, frame.depth() + 1);
		Result result = interpreter.path(inner, child.definition().start());
		if (result instanceof Failed failed) {
			return interpreter.failedAfterRetries(frame, step, key, 1, started, "in the sub-workflow: " + failed.detail());
		}
		return interpreter.completed(frame, step, key, "succeeded", ((Next) result).output(), step.next(), 1, started);
	}
}
