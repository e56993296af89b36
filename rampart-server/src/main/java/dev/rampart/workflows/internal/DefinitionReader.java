package dev.rampart.workflows.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.rampart.workflows.Expression;
import dev.rampart.workflows.Mapping;
import dev.rampart.workflows.RetryPolicy;
import dev.rampart.workflows.Step;
import dev.rampart.workflows.StepOptions;
import dev.rampart.workflows.WorkflowDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a definition that passed {@link WorkflowChecks} into its typed form, applying the named defaults of the API's
 * records. A document that did not pass the checks may throw.
 */
final class DefinitionReader {

	private DefinitionReader() {
	}

	static WorkflowDefinition read(JsonNode node) {
		List<Step> steps = new ArrayList<>();
		for (JsonNode step : node.path("steps")) {
			steps.add(step(step));
		}
		Map<String, String> tags = new LinkedHashMap<>();
		node.path("tags").properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().asString()));
		return new WorkflowDefinition(node.path("name").asString(), text(node, "description"), node.path("start").asString(),
				node.has("inputSchema") ? node.get("inputSchema").deepCopy() : null, steps, tags);
	}

	static Step step(JsonNode step) {
		String id = step.path("id").asString();
		String next = text(step, "next");
		StepOptions options = new StepOptions(retry(step.path("retry")),
				step.has("timeoutSeconds") ? Duration.ofSeconds(step.get("timeoutSeconds").asLong()) : null,
				step.path("optional").asBoolean(false), text(step, "compensation"));
		return switch (step.path("type").asString()) {
			case "agent" -> {
				Targets.AgentTarget agent = Targets.agent(step.path("agent").asString());
				yield new Step.Agent(id, next, options, agent.id(), agent.selector(), mapping(step));
			}
			case "tool" -> new Step.Tool(id, next, options, step.path("tool").asString(), mapping(step));
			case "transform" -> new Step.Transform(id, next, options, expression(step, "expression"));
			case "condition" -> {
				List<Step.Condition.Branch> branches = new ArrayList<>();
				step.path("branches").forEach(b -> branches.add(new Step.Condition.Branch(expression(b, "when"),
						b.path("next").asString())));
				yield new Step.Condition(id, options, branches, text(step, "default"));
			}
			case "switch" -> {
				Map<String, String> cases = new LinkedHashMap<>();
				step.path("cases").properties().forEach(c -> cases.put(c.getKey(), c.getValue().asString()));
				yield new Step.Switch(id, options, expression(step, "expression"), cases, text(step, "default"));
			}
			case "parallel" -> {
				List<String> branches = new ArrayList<>();
				step.path("branches").forEach(b -> branches.add(b.asString()));
				JsonNode join = step.path("join");
				Step.Join policy = join.isInt() ? new Step.Join(Step.Join.Policy.COUNT, join.asInt())
						: join.asString("all").equals("any") ? Step.Join.ANY : Step.Join.ALL;
				yield new Step.Parallel(id, next, options, branches, policy);
			}
			case "map" -> new Step.ForEach(id, next, options, expression(step, "over"), step.path("do").asString(),
					step.path("maxConcurrency").asInt(Step.ForEach.DEFAULT_MAX_CONCURRENCY));
			case "loop" -> new Step.Loop(id, next, options, step.path("do").asString(), expression(step, "while"),
					step.path("maxIterations").asInt());
			case "approval" -> new Step.Approval(id, next, options, step.path("prompt").asString(), text(step, "onTimeout"),
					text(step, "onReject"));
			case "wait" -> new Step.Wait(id, next, options, text(step, "prompt"),
					step.has("inputSchema") ? step.get("inputSchema").deepCopy() : null, text(step, "onTimeout"));
			case "sub_workflow" -> {
				Targets.WorkflowTarget workflow = Targets.workflow(step.path("workflow").asString());
				yield new Step.SubWorkflow(id, next, options, workflow.id(), workflow.version(), mapping(step));
			}
			default -> throw new IllegalArgumentException("unknown step type " + step.path("type").asString());
		};
	}

	private static RetryPolicy retry(JsonNode retry) {
		if (retry.isMissingNode()) {
			return RetryPolicy.NONE;
		}
		Set<RetryPolicy.RetryOn> on = EnumSet.noneOf(RetryPolicy.RetryOn.class);
		retry.path("retryOn").forEach(kind -> on.add(RetryPolicy.RetryOn.valueOf(kind.asString().toUpperCase(Locale.ROOT))));
		return new RetryPolicy(retry.path("maxAttempts").asInt(1),
				RetryPolicy.Backoff.valueOf(retry.path("backoff").asString("exponential").toUpperCase(Locale.ROOT)),
				retry.has("initialBackoffSeconds") ? seconds(retry.get("initialBackoffSeconds"))
						: RetryPolicy.DEFAULT_INITIAL_BACKOFF,
				retry.has("maxBackoffSeconds") ? seconds(retry.get("maxBackoffSeconds")) : RetryPolicy.DEFAULT_MAX_BACKOFF,
				retry.path("jitter").asBoolean(true), on.isEmpty() ? RetryPolicy.DEFAULT_RETRY_ON : on);
	}

	private static Duration seconds(JsonNode value) {
		return Duration.ofMillis(Math.round(value.asDouble() * 1000));
	}

	private static Mapping mapping(JsonNode step) {
		return step.has("input") ? new Mapping(step.get("input").deepCopy()) : Mapping.RUN_INPUT;
	}

	private static Expression expression(JsonNode node, String field) {
		return new Expression(node.path(field).asString());
	}

	private static @Nullable String text(JsonNode node, String field) {
		return node.has(field) ? node.get(field).asString() : null;
	}
}
