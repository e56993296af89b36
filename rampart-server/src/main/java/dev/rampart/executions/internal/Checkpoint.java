package dev.rampart.executions.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A workflow run's checkpoint as the executor holds it (docs/runs.md, "Workflow runs"): a flat object of small state —
 * failed attempts per step key, final failures, answers, the waiting step, resolved sub-workflow versions, the saga's
 * phase and cause, the retry epoch. Changes are collected as a {@link RunJournal.Delta} and written with the next
 * transition, so a transaction merges only what changed. Step outputs are not here: each is its step row's output.
 * Concurrent branches of one run share it, so every access is synchronized.
 */
final class Checkpoint {

	static final String PHASE = "phase";
	static final String CAUSE = "cause";
	static final String WAITING = "waiting";
	static final String EPOCH = "epoch";
	/** An agent run's answers to its tool approvals, by tool name. */
	static final String APPROVALS = "approvals";

	private final ObjectNode state;
	private final Map<String, JsonNode> set = new LinkedHashMap<>();
	private final List<String> removed = new ArrayList<>();

	Checkpoint(JsonNode stored) {
		this.state = stored.isObject() ? (ObjectNode) stored.deepCopy() : JsonNodeFactory.instance.objectNode();
	}

	synchronized @Nullable JsonNode get(String key) {
		JsonNode value = state.get(key);
		return value == null || value.isNull() ? null : value;
	}

	synchronized void set(String key, JsonNode value) {
		state.set(key, value);
		set.put(key, value);
		removed.remove(key);
	}

	synchronized void set(String key, String value) {
		set(key, JsonNodeFactory.instance.stringNode(value));
	}

	synchronized void set(String key, int value) {
		set(key, JsonNodeFactory.instance.numberNode(value));
	}

	synchronized void remove(String key) {
		if (state.has(key)) {
			state.remove(key);
			set.remove(key);
			removed.add(key);
		}
	}

	/** Failed attempts of the step under {@code key} in this epoch. */
	synchronized int attempts(String key) {
		JsonNode value = get("attempt:" + key);
		return value == null ? 0 : value.asInt();
	}

	/** How often the run was retried from its failed step ({@code POST /runs/{id}/retry}); part of idempotency keys. */
	synchronized int epoch() {
		JsonNode value = get(EPOCH);
		return value == null ? 0 : value.asInt();
	}

	synchronized boolean compensating() {
		JsonNode phase = get(PHASE);
		return phase != null && phase.asString().equals("compensating");
	}

	/** The changes since the last call, and forgets them (they are written with the transition at hand). */
	synchronized RunJournal.Delta drain() {
		RunJournal.Delta delta = new RunJournal.Delta(new LinkedHashMap<>(set), List.copyOf(removed));
		set.clear();
		removed.clear();
		return delta;
	}
}
