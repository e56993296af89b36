package dev.rampart.executions.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.rampart.executions.internal.WorkflowInterpreter.Failed;
import dev.rampart.executions.internal.WorkflowInterpreter.Frame;
import dev.rampart.executions.internal.WorkflowInterpreter.Result;
import dev.rampart.workflows.Step;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Approval and wait steps (docs/runs.md, "Approval and wait"): without an answer the run goes {@code waiting} — the lease
 * is given up and no worker holds it — with the step in the checkpoint and, for a step with a timeout, a deadline the
 * workers' poll claims the run at (compared with the injected clock). {@code POST /runs/{id}/resume} stores the answer
 * and queues the run; the walk then reaches the step again and routes by the answer, or by the deadline when it passed.
 */
final class HumanStep {

	private final WorkflowInterpreter interpreter;
	private final Checkpoint checkpoint;
	private final WorkflowRecorder recorder;
	private final Clock clock;

	HumanStep(WorkflowInterpreter interpreter, Checkpoint checkpoint, WorkflowRecorder recorder, Clock clock) {
		this.interpreter = interpreter;
		this.checkpoint = checkpoint;
		this.recorder = recorder;
		this.clock = clock;
	}

	Result approval(Frame frame, Step.Approval step, String key) {
		JsonNode answer = checkpoint.get("answer:" + key);
		Instant started = clock.instant();
		if (answer != null) {
			checkpoint.remove("answer:" + key);
			if (answer.path("approved").asBoolean(false)) {
				return interpreter.completed(frame, step, key, "succeeded", answer, step.next(), 1, started);
			}
			if (step.onReject() != null) {
				return interpreter.completed(frame, step, key, "succeeded", answer, step.onReject(), 1, started);
			}
			checkpoint.set("failure:" + key, "the approval was rejected");
			recorder.advance(null, interpreter.row(frame, step, key, "failed", null, null, 1, started,
					"the approval was rejected"), "step_failed", Map.of("step", key, "reason", "the approval was rejected"));
			return new Failed(key, "the approval was rejected");
		}
		return timedOutOrWait(frame, step, key, "approval", step.prompt(), null, step.onTimeout(), started);
	}

	Result await(Frame frame, Step.Wait step, String key) {
		JsonNode answer = checkpoint.get("answer:" + key);
		Instant started = clock.instant();
		if (answer != null) {
			checkpoint.remove("answer:" + key);
			return interpreter.completed(frame, step, key, "succeeded", answer.path("input"), step.next(), 1, started);
		}
		return timedOutOrWait(frame, step, key, "wait", step.prompt(), step.inputSchema(), step.onTimeout(), started);
	}

	private Result timedOutOrWait(Frame frame, Step step, String key, String kind, @Nullable String prompt,
			@Nullable JsonNode inputSchema, @Nullable String onTimeout, Instant started) {
		JsonNode waiting = checkpoint.get(Checkpoint.WAITING);
		Instant deadline = null;
		if (waiting != null && waiting.path("key").asString().equals(key) && waiting.hasNonNull("deadline")) {
			deadline = Instant.parse(waiting.get("deadline").asString());
		}
		else if (step.options().timeout() != null) {
			deadline = clock.instant().plus(step.options().timeout());
		}
		if (deadline != null && !clock.instant().isBefore(deadline)) {
			if (waiting != null && waiting.path("key").asString().equals(key)) {
				checkpoint.remove(Checkpoint.WAITING);
			}
			return interpreter.completed(frame, step, key, "timed_out", NullNode.getInstance(), onTimeout, 1, started);
		}
		ObjectNode state = JsonNodeFactory.instance.objectNode();
		state.put("key", key);
		state.put("kind", kind);
		state.put("prompt", prompt);
		state.put("deadline", deadline == null ? null : deadline.toString());
		state.set("inputSchema", inputSchema == null ? NullNode.getInstance() : inputSchema);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("step", key);
		data.put("kind", kind);
		data.put("prompt", prompt);
		data.put("deadline", deadline == null ? null : deadline.toString());
		// written (the checkpoint's waiting entry with it) once every concurrent path has stopped
		throw interpreter.suspend(new WorkflowRecorder.Suspension("waiting", null, deadline, null, "run_waiting", data, state));
	}
}
