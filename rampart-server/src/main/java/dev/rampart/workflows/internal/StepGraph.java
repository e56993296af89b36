package dev.rampart.workflows.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The control flow of a definition that passed the schema, for the graph checks: which step may follow which
 * ({@code next}, branches, cases, {@code default}, bodies, {@code onTimeout}, {@code onReject}), what a compensation
 * chain is, what is reachable, where the cycles are, and which steps surely ran before a given one.
 */
final class StepGraph {

	/** A way from one step to another, with the path of the field that names the target. */
	record Edge(String from, String field, String to) {
	}

	private final Map<String, Integer> index = new LinkedHashMap<>();
	private final Map<String, List<Edge>> control = new LinkedHashMap<>();
	private final Map<String, List<Edge>> compensations = new LinkedHashMap<>();
	private final Map<String, String> types = new HashMap<>();

	StepGraph(JsonNode steps) {
		for (int i = 0; i < steps.size(); i++) {
			index.putIfAbsent(steps.get(i).path("id").asString(), i);
		}
		for (int i = 0; i < steps.size(); i++) {
			JsonNode step = steps.get(i);
			String id = step.path("id").asString();
			if (index.get(id) != i) {
				continue; // a duplicate: reported on its own
			}
			types.put(id, step.path("type").asString());
			List<Edge> out = new ArrayList<>();
			String at = "steps[" + i + "].";
			target(step, "next", at, id, out);
			target(step, "default", at, id, out);
			target(step, "do", at, id, out);
			target(step, "onTimeout", at, id, out);
			target(step, "onReject", at, id, out);
			JsonNode branches = step.path("branches");
			for (int b = 0; b < branches.size(); b++) {
				JsonNode branch = branches.get(b);
				String to = branch.isString() ? branch.stringValue() : branch.path("next").asString(null);
				if (to != null) {
					out.add(new Edge(id, at + "branches[" + b + "]" + (branch.isString() ? "" : ".next"), to));
				}
			}
			step.path("cases").properties().forEach(c -> out.add(new Edge(id, at + "cases." + c.getKey(), c.getValue().asString())));
			control.put(id, out);
			List<Edge> undo = new ArrayList<>();
			target(step, "compensation", at, id, undo);
			compensations.put(id, undo);
		}
	}

	private static void target(JsonNode step, String field, String at, String from, List<Edge> out) {
		if (step.has(field)) {
			out.add(new Edge(from, at + field, step.get(field).asString()));
		}
	}

	boolean has(String id) {
		return index.containsKey(id);
	}

	int position(String id) {
		return index.get(id);
	}

	/** Every edge, control and compensation, in document order. */
	List<Edge> edges() {
		List<Edge> all = new ArrayList<>();
		control.values().forEach(all::addAll);
		compensations.values().forEach(all::addAll);
		return all;
	}

	/** Steps reachable from {@code from} (itself included) over control edges. */
	Set<String> reachable(String from) {
		Set<String> seen = new LinkedHashSet<>();
		Deque<String> todo = new ArrayDeque<>(List.of(from));
		while (!todo.isEmpty()) {
			String id = todo.pop();
			if (has(id) && seen.add(id)) {
				control.getOrDefault(id, List.of()).forEach(edge -> todo.push(edge.to()));
			}
		}
		return seen;
	}

	/** Steps that run on the normal path from {@code start}. */
	Set<String> mainFlow(String start) {
		return reachable(start);
	}

	/** Steps that run as a compensation, or after one, of a step of the main flow. */
	Set<String> compensationFlow(Set<String> main) {
		Set<String> seen = new LinkedHashSet<>();
		Deque<String> todo = new ArrayDeque<>(main);
		Set<String> visited = new HashSet<>();
		while (!todo.isEmpty()) {
			String id = todo.pop();
			if (!visited.add(id)) {
				continue;
			}
			for (Edge undo : compensations.getOrDefault(id, List.of())) {
				for (String step : reachable(undo.to())) {
					if (seen.add(step)) {
						todo.push(step);
					}
				}
			}
		}
		return seen;
	}

	/** One edge per cycle of the control graph: the edge that closes it, with the cycle's ids in order. */
	Map<Edge, List<String>> cycles() {
		Map<Edge, List<String>> found = new LinkedHashMap<>();
		Map<String, Integer> state = new HashMap<>(); // 1 on the stack, 2 done
		for (String id : index.keySet()) {
			if (!state.containsKey(id)) {
				visit(id, state, new ArrayList<>(), found);
			}
		}
		return found;
	}

	private void visit(String id, Map<String, Integer> state, List<String> stack, Map<Edge, List<String>> found) {
		state.put(id, 1);
		stack.add(id);
		for (Edge edge : control.getOrDefault(id, List.of())) {
			if (!has(edge.to())) {
				continue;
			}
			Integer seen = state.get(edge.to());
			if (seen == null) {
				visit(edge.to(), state, stack, found);
			}
			else if (seen == 1) {
				List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(edge.to()), stack.size()));
				cycle.add(edge.to());
				found.put(edge, cycle);
			}
		}
		stack.removeLast();
		state.put(id, 2);
	}

	/**
	 * For each step, the steps whose output it may read: those that run before it on some path, also the steps of a
	 * parallel's branches or a loop's body for the steps after it, and the compensated step (and what ran before it)
	 * for a compensation.
	 */
	Map<String, Set<String>> before() {
		Map<String, Set<String>> successors = new HashMap<>();
		for (List<Edge> edges : control.values()) {
			for (Edge edge : edges) {
				successors.computeIfAbsent(edge.from(), k -> new LinkedHashSet<>()).add(edge.to());
			}
		}
		for (List<Edge> edges : compensations.values()) {
			edges.forEach(edge -> successors.computeIfAbsent(edge.from(), k -> new LinkedHashSet<>()).add(edge.to()));
		}
		for (Map.Entry<String, List<Edge>> step : control.entrySet()) {
			String type = types.get(step.getKey());
			if (!type.equals("parallel") && !type.equals("loop")) {
				continue;
			}
			String next = step.getValue().stream().filter(e -> e.field().endsWith(".next")).map(Edge::to).findFirst()
				.orElse(null);
			if (next == null) {
				continue;
			}
			for (Edge edge : step.getValue()) {
				if (!edge.field().endsWith(".next")) {
					reachable(edge.to()).forEach(inner -> successors.computeIfAbsent(inner, k -> new LinkedHashSet<>()).add(next));
				}
			}
		}
		Map<String, Set<String>> before = new HashMap<>();
		for (String id : index.keySet()) {
			Set<String> after = new LinkedHashSet<>();
			Deque<String> todo = new ArrayDeque<>(successors.getOrDefault(id, Set.of()));
			while (!todo.isEmpty()) {
				String next = todo.pop();
				if (after.add(next)) {
					todo.addAll(successors.getOrDefault(next, Set.of()));
				}
			}
			for (String later : after) {
				if (!later.equals(id)) {
					before.computeIfAbsent(later, k -> new HashSet<>()).add(id);
				}
			}
		}
		return before;
	}
}
