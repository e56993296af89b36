package dev.rampart.executions.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.rampart.agents.StepEvent;
import dev.rampart.agents.StepRecord;
import org.jspecify.annotations.Nullable;

/**
 * The {@code run_steps} content of an agent step's model calls and tool calls (docs/runs.md, "Recording and replay"):
 * the metadata of the events ({@code model_call}, {@code tool_finished}) with the content of the records the pipeline
 * hands over just before them (response text, tool calls, finish reason; tool arguments and output), complete enough
 * for {@link RunTapes} to answer the same calls again. {@code scope} names the agent step within its run: empty for an
 * agent run, the step key and attempt for an agent step of a workflow. Text above the caps is cut and the row marked
 * {@code incomplete}, which a tape does not answer from.
 */
final class StepRecords {

	/** Caps of what one row keeps: a tool's output is already capped at 16,000 characters by the tool invoker. */
	static final int MAX_TEXT = 100_000;
	static final int MAX_ARGUMENTS = 32_000;

	/** A row's content; the caller numbers and times it. */
	record Row(String kind, String name, String status, Map<String, Object> input, Map<String, Object> output) {
	}

	private final String scope;
	private StepRecord.@Nullable ModelResponse model;
	private final Map<String, StepRecord.ToolResult> tools = new HashMap<>();
	private int round;

	StepRecords(String scope) {
		this.scope = scope;
	}

	synchronized void recorded(StepRecord record) {
		switch (record) {
			case StepRecord.ModelResponse response -> model = response;
			case StepRecord.ToolResult result -> tools.put(result.callId(), result);
		}
	}

	/** The row of a {@code model_call} or {@code tool_finished} event, with its record's content; null for other events. */
	synchronized @Nullable Row row(StepEvent event) {
		return switch (event) {
			case StepEvent.ModelCalled called -> {
				round = called.round();
				Map<String, Object> input = scoped();
				input.put("round", called.round());
				Map<String, Object> output = new LinkedHashMap<>();
				output.put("inputTokens", called.inputTokens());
				output.put("outputTokens", called.outputTokens());
				output.put("toolCalls", called.toolCalls());
				StepRecord.ModelResponse response = model;
				model = null;
				if (response != null && response.round() == called.round()) {
					boolean incomplete = response.text().length() > MAX_TEXT
							|| response.toolCalls().stream().anyMatch(call -> call.arguments().length() > MAX_ARGUMENTS);
					output.put("text", cut(response.text(), MAX_TEXT));
					output.put("calls", response.toolCalls().stream().map(call -> Map.of("id", call.id(), "name", call.name(),
							"arguments", cut(call.arguments(), MAX_ARGUMENTS))).toList());
					output.put("finishReason", response.finishReason());
					output.put("replayed", response.replayed());
					if (incomplete) {
						output.put("incomplete", true);
					}
				}
				yield new Row("model_call", called.provider() + "/" + called.model(), "succeeded", input, output);
			}
			case StepEvent.ToolFinished finished -> {
				StepRecord.ToolResult result = tools.remove(finished.callId());
				Map<String, Object> input = scoped();
				input.put("callId", finished.callId());
				input.put("round", result == null ? round : result.round());
				Map<String, Object> output = new LinkedHashMap<>();
				output.put("tookMs", finished.tookMs());
				output.put("truncated", finished.truncated());
				if (result != null) {
					input.put("position", result.position());
					input.put("arguments", cut(result.arguments(), MAX_ARGUMENTS));
					output.put("output", cut(result.output(), MAX_TEXT));
					output.put("replayed", result.replayed());
					if (result.arguments().length() > MAX_ARGUMENTS || result.output().length() > MAX_TEXT) {
						output.put("incomplete", true);
					}
				}
				yield new Row("tool_call", finished.tool(), finished.status(), input, output);
			}
			default -> null;
		};
	}

	/** The row of a workflow tool step's call: its arguments and what the tool answered, under the step's scope. */
	static Row toolStep(String scope, StepRecord.ToolResult result) {
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("scope", scope);
		input.put("round", 0);
		input.put("position", 0);
		input.put("arguments", cut(result.arguments(), MAX_ARGUMENTS));
		Map<String, Object> output = new LinkedHashMap<>();
		output.put("tookMs", result.tookMs());
		output.put("truncated", result.truncated());
		output.put("output", cut(result.output(), MAX_TEXT));
		output.put("replayed", result.replayed());
		if (result.arguments().length() > MAX_ARGUMENTS || result.output().length() > MAX_TEXT) {
			output.put("incomplete", true);
		}
		return new Row("tool_call", result.tool(), result.status(), input, output);
	}

	private Map<String, Object> scoped() {
		Map<String, Object> input = new LinkedHashMap<>();
		if (!scope.isEmpty()) {
			input.put("scope", scope);
		}
		return input;
	}

	private static String cut(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max);
	}
}
