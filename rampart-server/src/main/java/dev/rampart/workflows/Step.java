package dev.rampart.workflows;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One step of a workflow, a type per step kind (docs/workflows.md, "Steps"). A step's output is what later steps read
 * as {@code $steps.<id>.output}; {@code next} is the step that follows, null where a path ends (the end of the workflow,
 * of a parallel branch, or of a loop or map body). Steps that route by their own fields ({@link Condition},
 * {@link Switch}) have no {@code next}.
 */
public sealed interface Step {

	String id();

	@Nullable String next();

	StepOptions options();

	/**
	 * Runs an agent with the input the mapping gives; the output is the agent's final answer.
	 *
	 * @param selector null: the agent's latest version at run start; digits: that version; otherwise an alias
	 */
	record Agent(String id, @Nullable String next, StepOptions options, UUID agentId, @Nullable String selector,
			Mapping input) implements Step {
	}

	/** Calls a tool by name with the arguments the mapping gives; the output is the tool's result. */
	record Tool(String id, @Nullable String next, StepOptions options, String tool, Mapping arguments) implements Step {
	}

	/** Computes its output from the run's data with a JSONata expression; no side effects. */
	record Transform(String id, @Nullable String next, StepOptions options, Expression expression) implements Step {
	}

	/**
	 * Goes to the first branch whose {@code when} is true, else to {@code otherwise}; with neither, the path ends.
	 *
	 * @param otherwise the {@code default} step, or null
	 */
	record Condition(String id, StepOptions options, List<Branch> branches, @Nullable String otherwise) implements Step {

		public Condition {
			branches = List.copyOf(branches);
		}

		@Override
		public @Nullable String next() {
			return null;
		}

		/** A guarded way out of a condition. */
		public record Branch(Expression when, String next) {
		}
	}

	/**
	 * Evaluates {@code expression} to a string and goes to the step its case names, else to {@code otherwise}; with
	 * neither, the path ends.
	 *
	 * @param cases value (as a string; numbers and booleans as JSON writes them) → step id
	 */
	record Switch(String id, StepOptions options, Expression expression, Map<String, String> cases,
			@Nullable String otherwise) implements Step {

		public Switch {
			cases = Map.copyOf(cases);
		}

		@Override
		public @Nullable String next() {
			return null;
		}
	}

	/**
	 * Runs each branch (a path starting at the named step and ending at a step without {@code next}) concurrently, then
	 * goes on at {@code next} once the join is satisfied; branches still running then are cancelled. The output is an
	 * object of each finished branch's last output, by the branch's first step id.
	 */
	record Parallel(String id, @Nullable String next, StepOptions options, List<String> branches, Join join)
			implements Step {

		public Parallel {
			branches = List.copyOf(branches);
		}
	}

	/**
	 * When a {@link Parallel} goes on: {@code ALL} branches succeeded, {@code ANY} one did, or {@code count} did. A
	 * failed branch fails the step once the join can no longer be satisfied.
	 */
	record Join(Policy policy, int count) {

		public static final Join ALL = new Join(Policy.ALL, 0);
		public static final Join ANY = new Join(Policy.ANY, 1);

		/** How many successful branches of {@code branches} satisfy this join. */
		public int needed(int branches) {
			return switch (policy) {
				case ALL -> branches;
				case ANY -> 1;
				case COUNT -> count;
			};
		}

		/** The join policies. */
		public enum Policy {
			ALL, ANY, COUNT
		}
	}

	/**
	 * Runs the body (a path from {@code body} to a step without {@code next}) once per item of the list {@code items}
	 * evaluates to, at most {@code maxConcurrency} at a time; the body sees {@code $item} and {@code $index}. The output
	 * is the list of the bodies' last outputs, in item order.
	 */
	record ForEach(String id, @Nullable String next, StepOptions options, Expression items, String body,
			int maxConcurrency) implements Step {

		public static final int DEFAULT_MAX_CONCURRENCY = 4;
	}

	/**
	 * Runs the body (a path from {@code body} to a step without {@code next}), then again while {@code condition} is
	 * true, at most {@code maxIterations} times; the body sees {@code $iteration} (0-based). The output is the last
	 * iteration's last output. Reaching the maximum with the condition still true fails the step.
	 */
	record Loop(String id, @Nullable String next, StepOptions options, String body, Expression condition,
			int maxIterations) implements Step {
	}

	/**
	 * Waits for a human to approve ({@code POST /runs/{id}/resume}). Approval goes on at {@code next}; rejection at
	 * {@code onReject}, or fails the run when that is null; no answer within {@code options().timeout()} goes to
	 * {@code onTimeout}. The output is the answer.
	 */
	record Approval(String id, @Nullable String next, StepOptions options, String prompt, @Nullable String onTimeout,
			@Nullable String onReject) implements Step {
	}

	/**
	 * Waits for input ({@code POST /runs/{id}/resume}) that satisfies {@code inputSchema} when there is one; the input
	 * is the output. No input within {@code options().timeout()} goes to {@code onTimeout}.
	 */
	record Wait(String id, @Nullable String next, StepOptions options, @Nullable String prompt,
			@Nullable JsonNode inputSchema, @Nullable String onTimeout) implements Step {
	}

	/**
	 * Runs another workflow of the tenant as a child run with the input the mapping gives; its output is the child's.
	 *
	 * @param version null: the child's latest version when this step starts; otherwise that version
	 */
	record SubWorkflow(String id, @Nullable String next, StepOptions options, UUID workflowId, @Nullable Integer version,
			Mapping input) implements Step {
	}
}
