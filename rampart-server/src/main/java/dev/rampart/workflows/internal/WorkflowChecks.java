package dev.rampart.workflows.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.rampart.agents.Agents;
import dev.rampart.shared.InvalidFieldsException;
import dev.rampart.shared.Problems.FieldProblem;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.schema.JsonSchemas;
import dev.rampart.tools.Tools;
import dev.rampart.workflows.Expression;
import dev.rampart.workflows.Mapping;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Every check a workflow definition must pass before it is stored, all at once (docs/workflows.md, "Validation"): the
 * {@code workflow-definition} schema, then — when the schema holds — the fields each step type takes, duplicate ids,
 * step references, cycles (repetition is for loop and map steps), unreachable steps, expressions that do not compile,
 * {@code $steps.<id>} references to steps that do not run before, retry and timeout sanity, and what only the tenant can
 * answer: agents, tools and sub-workflows exist. Runs inside a transaction bound to the tenant.
 */
@Component
class WorkflowChecks {

	private static final Set<String> COMMON = Set.of("id", "type", "name", "optional");
	private static final Map<String, Set<String>> FIELDS = Map.ofEntries(
			Map.entry("agent", Set.of("next", "retry", "timeoutSeconds", "compensation", "agent", "input")),
			Map.entry("tool", Set.of("next", "retry", "timeoutSeconds", "compensation", "tool", "input")),
			Map.entry("transform", Set.of("next", "retry", "expression")),
			Map.entry("condition", Set.of("branches", "default")),
			Map.entry("switch", Set.of("expression", "cases", "default")),
			Map.entry("parallel", Set.of("next", "timeoutSeconds", "branches", "join")),
			Map.entry("map", Set.of("next", "timeoutSeconds", "over", "do", "maxConcurrency")),
			Map.entry("loop", Set.of("next", "timeoutSeconds", "do", "while", "maxIterations")),
			Map.entry("approval", Set.of("next", "timeoutSeconds", "prompt", "onTimeout", "onReject")),
			Map.entry("wait", Set.of("next", "timeoutSeconds", "prompt", "inputSchema", "onTimeout")),
			Map.entry("sub_workflow", Set.of("next", "retry", "timeoutSeconds", "compensation", "workflow", "input")));

	/** The longest an agent, tool or sub-workflow attempt may be given; longer waits belong in a wait step. */
	static final int MAX_WORK_TIMEOUT_SECONDS = 86_400;

	private final JsonSchemas schemas;
	private final Agents agents;
	private final Tools tools;
	private final WorkflowRows rows;

	WorkflowChecks(JsonSchemas schemas, Agents agents, Tools tools, WorkflowRows rows) {
		this.schemas = schemas;
		this.agents = agents;
		this.tools = tools;
		this.rows = rows;
	}

	/**
	 * @param self the workflow being replaced, or null for a new one (a workflow cannot run itself)
	 */
	List<FieldProblem> problems(TenantId tenant, JsonNode definition, @Nullable UUID self) {
		List<FieldProblem> problems = new ArrayList<>(schemas.violations("workflow-definition", definition));
		if (!problems.isEmpty()) {
			return problems;
		}
		JsonNode steps = definition.path("steps");
		Map<String, Integer> first = new HashMap<>();
		for (int i = 0; i < steps.size(); i++) {
			JsonNode step = steps.get(i);
			String at = "steps[" + i + "]";
			Integer earlier = first.putIfAbsent(step.path("id").asString(), i);
			if (earlier != null) {
				problems.add(new FieldProblem(at + ".id", "'" + step.path("id").asString() + "' is already the id of steps["
						+ earlier + "]"));
			}
			String type = step.path("type").asString();
			for (String field : step.propertyNames()) {
				if (!COMMON.contains(field) && !FIELDS.get(type).contains(field)) {
					problems.add(new FieldProblem(at + "." + field, "does not apply to " + article(type) + " " + type + " step"
							+ hint(type, field)));
				}
			}
		}
		StepGraph graph = new StepGraph(steps);
		String start = definition.path("start").asString();
		if (!graph.has(start)) {
			problems.add(new FieldProblem("start", "no step '" + start + "' in this workflow"));
		}
		for (StepGraph.Edge edge : graph.edges()) {
			if (!graph.has(edge.to())) {
				problems.add(new FieldProblem(edge.field(), "no step '" + edge.to() + "' in this workflow"));
			}
		}
		graph.cycles().forEach((edge, cycle) -> problems.add(new FieldProblem(edge.field(), "closes a cycle "
				+ String.join(" → ", cycle) + "; repeat steps with a loop or map step instead")));
		if (graph.has(start)) {
			reachability(steps, graph, start, problems);
		}
		Map<String, Set<String>> before = graph.before();
		for (int i = 0; i < steps.size(); i++) {
			step(tenant, steps.get(i), "steps[" + i + "]", self, graph, before, problems);
		}
		schema(definition, "inputSchema", problems);
		return problems;
	}

	private static String article(String type) {
		return type.startsWith("a") ? "an" : "a";
	}

	private static String hint(String type, String field) {
		if (field.equals("next") && (type.equals("condition") || type.equals("switch"))) {
			return "; it goes where its " + (type.equals("condition") ? "branches" : "cases") + " or default say";
		}
		return "";
	}

	private static void reachability(JsonNode steps, StepGraph graph, String start, List<FieldProblem> problems) {
		Set<String> main = graph.mainFlow(start);
		Set<String> undo = graph.compensationFlow(main);
		for (int i = 0; i < steps.size(); i++) {
			JsonNode step = steps.get(i);
			String id = step.path("id").asString();
			if (graph.position(id) != i) {
				continue;
			}
			if (!main.contains(id) && !undo.contains(id)) {
				problems.add(new FieldProblem("steps[" + i + "]", "step '" + id + "' is never reached from start '" + start
						+ "', nor as a compensation"));
			}
			String compensation = step.path("compensation").asString(null);
			if (compensation != null && main.contains(compensation)) {
				problems.add(new FieldProblem("steps[" + i + "].compensation", "names step '" + compensation
						+ "', which is part of the normal flow; a compensation is a step of its own that only undoes"));
			}
		}
	}

	private void step(TenantId tenant, JsonNode step, String at, @Nullable UUID self, StepGraph graph,
			Map<String, Set<String>> before, List<FieldProblem> problems) {
		String id = step.path("id").asString();
		String type = step.path("type").asString();
		Set<String> readable = new HashSet<>(before.getOrDefault(id, Set.of()));
		for (String field : List.of("expression", "over")) {
			if (step.has(field)) {
				expression(new Expression(step.get(field).asString()), at + "." + field, graph, readable, problems);
			}
		}
		if (step.has("while")) {
			// the loop's condition is evaluated after each iteration: it reads the body's steps too
			Set<String> withBody = new HashSet<>(readable);
			withBody.addAll(graph.reachable(step.path("do").asString()));
			expression(new Expression(step.get("while").asString()), at + ".while", graph, withBody, problems);
		}
		if (type.equals("condition")) {
			JsonNode branches = step.path("branches");
			for (int b = 0; b < branches.size(); b++) {
				expression(new Expression(branches.get(b).path("when").asString()), at + ".branches[" + b + "].when", graph,
						readable, problems);
			}
		}
		if (step.has("input")) {
			new Mapping(step.get("input")).expressions().forEach((path, expression) -> expression(expression,
					at + ".input" + path, graph, readable, problems));
		}
		retry(step, type, at, problems);
		timeout(step, type, at, problems);
		if (type.equals("parallel")) {
			parallel(step, at, problems);
		}
		switch (type) {
			case "agent" -> agent(tenant, step.path("agent").asString(), at + ".agent", problems);
			case "tool" -> {
				String name = step.path("tool").asString();
				if (tools.find(tenant, name).isEmpty()) {
					problems.add(new FieldProblem(at + ".tool", "no tool '" + name + "' in this tenant (see GET /api/v1/tools)"));
				}
			}
			case "sub_workflow" -> workflow(tenant, step.path("workflow").asString(), at + ".workflow", self, problems);
			case "wait" -> schema(step, "inputSchema", problems, at + ".");
			default -> {
			}
		}
	}

	private static void expression(Expression expression, String at, StepGraph graph, Set<String> readable,
			List<FieldProblem> problems) {
		String invalid = expression.compileProblem();
		if (invalid != null) {
			problems.add(new FieldProblem(at, invalid));
			return;
		}
		for (String referenced : expression.referencedSteps()) {
			if (!graph.has(referenced)) {
				problems.add(new FieldProblem(at, "reads $steps." + referenced + ", but there is no step '" + referenced
						+ "' in this workflow"));
			}
			else if (!readable.contains(referenced)) {
				problems.add(new FieldProblem(at, "reads $steps." + referenced + ", but step '" + referenced
						+ "' does not run before this one"));
			}
		}
	}

	private static void retry(JsonNode step, String type, String at, List<FieldProblem> problems) {
		JsonNode retry = step.path("retry");
		if (retry.isMissingNode()) {
			return;
		}
		int attempts = retry.path("maxAttempts").asInt(1);
		if (attempts == 1 && (retry.has("backoff") || retry.has("initialBackoffSeconds") || retry.has("maxBackoffSeconds")
				|| retry.has("retryOn"))) {
			problems.add(new FieldProblem(at + ".retry.maxAttempts", "is 1 (the default), so nothing is retried; "
					+ "set 2 to 10 attempts or drop the retry settings"));
		}
		if (retry.has("initialBackoffSeconds") && retry.has("maxBackoffSeconds")
				&& retry.get("initialBackoffSeconds").asDouble() > retry.get("maxBackoffSeconds").asDouble()) {
			problems.add(new FieldProblem(at + ".retry.maxBackoffSeconds", "is less than initialBackoffSeconds"));
		}
		if (type.equals("transform") && retry.has("retryOn")) {
			for (JsonNode kind : retry.get("retryOn")) {
				if (!kind.asString().equals("timeout") && !kind.asString().equals("any") && !kind.asString().equals("retriable")) {
					problems.add(new FieldProblem(at + ".retry.retryOn", "'" + kind.asString()
							+ "' never happens in a transform step"));
				}
			}
		}
	}

	private static void timeout(JsonNode step, String type, String at, List<FieldProblem> problems) {
		boolean human = type.equals("approval") || type.equals("wait");
		if (step.has("onTimeout") && !step.has("timeoutSeconds")) {
			problems.add(new FieldProblem(at + ".onTimeout", "needs timeoutSeconds: without a timeout the step waits until "
					+ "answered"));
		}
		if (!human && step.has("timeoutSeconds") && step.get("timeoutSeconds").asInt() > MAX_WORK_TIMEOUT_SECONDS) {
			problems.add(new FieldProblem(at + ".timeoutSeconds", "may be at most " + MAX_WORK_TIMEOUT_SECONDS
					+ " (a day) for " + article(type) + " " + type + " step; wait for people with an approval or wait step"));
		}
	}

	private static void parallel(JsonNode step, String at, List<FieldProblem> problems) {
		JsonNode branches = step.path("branches");
		Set<String> seen = new HashSet<>();
		for (int b = 0; b < branches.size(); b++) {
			if (!seen.add(branches.get(b).asString())) {
				problems.add(new FieldProblem(at + ".branches[" + b + "]", "names '" + branches.get(b).asString()
						+ "' a second time"));
			}
		}
		JsonNode join = step.path("join");
		if (join.isInt() && join.asInt() > branches.size()) {
			problems.add(new FieldProblem(at + ".join", "waits for " + join.asInt() + " branches, but the step has "
					+ branches.size()));
		}
	}

	private void agent(TenantId tenant, String text, String at, List<FieldProblem> problems) {
		Targets.AgentTarget target = Targets.agent(text);
		if (target == null) {
			problems.add(new FieldProblem(at, "must be an agent id, optionally with @version or @alias "
					+ "(such as 0190f5c2-...@prod)"));
			return;
		}
		if (agents.latest(tenant, target.id()).isEmpty()) {
			problems.add(new FieldProblem(at, "no agent with id " + target.id() + " in this tenant (see GET /api/v1/agents)"));
		}
		else if (target.selector() != null && agents.resolve(tenant, target.id(), target.selector()).isEmpty()) {
			problems.add(new FieldProblem(at, "the agent has no version or alias '" + target.selector() + "'"));
		}
	}

	private void workflow(TenantId tenant, String text, String at, @Nullable UUID self, List<FieldProblem> problems) {
		Targets.WorkflowTarget target = Targets.workflow(text);
		if (target == null) {
			problems.add(new FieldProblem(at, "must be a workflow id, optionally with @version"));
			return;
		}
		if (target.id().equals(self)) {
			problems.add(new FieldProblem(at, "names this workflow; a workflow cannot run itself"));
		}
		else if (!rows.live(tenant, target.id())) {
			problems.add(new FieldProblem(at, "no workflow with id " + target.id() + " in this tenant"));
		}
		else if (target.version() != null && !rows.hasVersion(tenant, target.id(), target.version())) {
			problems.add(new FieldProblem(at, "the workflow has no version " + target.version()));
		}
	}

	private void schema(JsonNode owner, String field, List<FieldProblem> problems) {
		schema(owner, field, problems, "");
	}

	private void schema(JsonNode owner, String field, List<FieldProblem> problems, String prefix) {
		if (!owner.has(field)) {
			return;
		}
		try {
			schemas.compile(owner.get(field));
		}
		catch (InvalidFieldsException invalid) {
			for (FieldProblem problem : invalid.errors()) {
				String inner = problem.field().equals("(root)") ? "" : problem.field().startsWith("[") ? problem.field()
						: "." + problem.field();
				problems.add(new FieldProblem(prefix + field + inner, problem.message()));
			}
		}
	}
}
