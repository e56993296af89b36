package dev.rampart.executions.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;

import dev.rampart.executions.internal.WorkflowInterpreter.Failed;
import dev.rampart.executions.internal.WorkflowInterpreter.Frame;
import dev.rampart.executions.internal.WorkflowInterpreter.Next;
import dev.rampart.executions.internal.WorkflowInterpreter.Result;
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
 * memoized on its own; the container records one row when it ends. Branches and items run one after another on the
 * worker; the join and order semantics are the definition's.
 */
final class CompositeSteps {

	/** Sub-workflows nest at most this deep (the validator cannot see chains longer than one). */
	static final int MAX_DEPTH = 5;
	/** A map step takes at most this many items. */
	static final int MAX_ITEMS = 1_000;

	private final WorkflowInterpreter interpreter;
	private final Checkpoint checkpoint;
	private final Workflows workflows;
	private final Clock clock;

	CompositeSteps(WorkflowInterpreter interpreter, Checkpoint checkpoint, Workflows workflows, Clock clock) {
		this.interpreter = interpreter;
		this.checkpoint = checkpoint;
		this.workflows = workflows;
		this.clock = clock;
	}

	/** Branches one after another; stops once the join is met; fails once it no longer can be. */
	Result parallel(Frame frame, Step.Parallel step, String key) {
		Instant started = clock.instant();
		int needed = step.join().needed(step.branches().size());
		int failures = 0;
		ObjectNode outputs = JsonNodeFactory.instance.objectNode();
		String lastFailure = "";
		for (String branch : step.branches()) {
			if (outputs.size() >= needed) {
				break;
			}
			Result result = interpreter.path(frame, branch);
			if (result instanceof Next next) {
				outputs.set(branch, next.output());
			}
			else {
				failures++;
				lastFailure = ((Failed) result).detail();
				if (step.branches().size() - failures < needed) {
					return interpreter.failedAfterRetries(frame, step, key, 1, started, "the join cannot be met any more: branch '" + branch
							+ "' failed (" + lastFailure + ")");
				}
			}
		}
		return interpreter.completed(frame, step, key, "succeeded", outputs, step.next(), 1, started);
	}

	/** The body once per item, in item order, each with its own {@code $item}, {@code $index} and outputs. */
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
		ArrayNode outputs = JsonNodeFactory.instance.arrayNode();
		for (int i = 0; i < items.size(); i++) {
			Frame item = frame.nested(key + "[" + i + "]/", new HashMap<>(frame.outputs()), items.get(i), i,
					frame.iteration());
			Result result = interpreter.path(item, step.body());
			if (result instanceof Failed failed) {
				return interpreter.failedAfterRetries(frame, step, key, 1, started, "item " + i + ": " + failed.detail());
			}
			outputs.add(((Next) result).output());
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
		Frame inner = new Frame(child, key + "/", input, new HashMap<>(), null, null, null, frame.depth() + 1);
		Result result = interpreter.path(inner, child.definition().start());
		if (result instanceof Failed failed) {
			return interpreter.failedAfterRetries(frame, step, key, 1, started, "in the sub-workflow: " + failed.detail());
		}
		return interpreter.completed(frame, step, key, "succeeded", ((Next) result).output(), step.next(), 1, started);
	}
}
