package dev.rampart.agents.step;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.rampart.agents.AgentDefinition.ToolBinding;
import dev.rampart.agents.InvocationResult.ToolCallRecord;
import dev.rampart.agents.StepEvent;
import dev.rampart.agents.StepRecord;
import dev.rampart.agents.StepTape;
import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelToolCall;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TracedThreads;
import dev.rampart.tools.Tool;
import dev.rampart.tools.ToolCall;
import dev.rampart.tools.ToolInvoker;
import dev.rampart.tools.ToolOutcome;
import dev.rampart.tools.ToolPolicy;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the tool calls of one model answer, in parallel on virtual threads (each under its tool's timeout, breaker and
 * policy through {@link ToolInvoker}), and turns each outcome into the tool message the model reads next. A call the
 * model should not have made (an unknown tool, over its per-run limit, arguments that are not JSON) is answered with
 * the reason, so the model can correct itself. A required tool that fails fails the step once every call has ended. A
 * cancel interrupts the calls in flight: each ends {@code cancelled} and the round throws
 * {@link CancellationException}.
 */
@Component
class ToolRound {

	private final ToolInvoker invoker;
	private final JsonMapper json;

	ToolRound(ToolInvoker invoker, JsonMapper json) {
		this.invoker = invoker;
		this.json = json;
	}

	/** A tool the step offers the model, with the binding's policy. */
	record Offered(Tool tool, ToolBinding binding) {

		ToolPolicy policy() {
			return new ToolPolicy(binding.required(), binding.timeout(), binding.maxCallsPerRun(),
					binding.approvalRequired());
		}
	}

	/** One call's result: the message for the model and the record for the step's result. */
	record Answered(ModelMessage message, ToolCallRecord record, @Nullable String requiredFailure) {
	}

	List<Answered> run(StepRun run, int round, Map<String, Offered> offered, List<ModelToolCall> calls) {
		List<Answered> answers = new ArrayList<>(calls.size());
		if (calls.size() == 1) {
			answers.add(answer(run, round, 0, offered, calls.getFirst()));
		}
		else {
			// the scope: no call outlives the round, and close() waits for every one of them
			try (ExecutorService scope = Executors.newThreadPerTaskExecutor(TracedThreads.virtual("tool-call-"))) {
				List<Future<Answered>> futures = new ArrayList<>(calls.size());
				for (int i = 0; i < calls.size(); i++) {
					int position = i;
					futures.add(scope.submit(() -> answer(run, round, position, offered, calls.get(position))));
				}
				for (Future<Answered> future : futures) {
					answers.add(join(future));
				}
			}
		}
		List<String> failed = answers.stream().map(Answered::requiredFailure).filter(reason -> reason != null).toList();
		if (!failed.isEmpty()) {
			throw new RampartException(ErrorCode.AGENT_TOOL_FAILED, String.join("; ", failed));
		}
		return answers;
	}

	private Answered answer(StepRun run, int round, int position, Map<String, Offered> offered, ModelToolCall call) {
		Offered tool = offered.get(call.name());
		if (tool == null) {
			return refused(call, "No tool named '" + call.name() + "' is available to you; use only the tools offered.");
		}
		if (tool.binding().approvalRequired() && Boolean.FALSE.equals(run.invocation().approvals().get(call.name()))) {
			run.emit(new StepEvent.ToolSkipped(call.name(), "a person did not approve the call"));
			return refused(call, "A person did not approve calling '" + call.name() + "'; answer without it and say so.");
		}
		int calls = run.countCall(call.name());
		if (calls > tool.binding().maxCallsPerRun()) {
			String reason = "The tool '" + call.name() + "' may be called at most " + tool.binding().maxCallsPerRun()
					+ " times in one run; answer without calling it again.";
			run.emit(new StepEvent.ToolSkipped(call.name(), "call limit reached (" + tool.binding().maxCallsPerRun() + " per run)"));
			return refused(call, reason);
		}
		JsonNode arguments;
		try {
			arguments = json.readTree(call.arguments().isBlank() ? "{}" : call.arguments());
		}
		catch (JacksonException ex) {
			return new Answered(ModelMessage.toolResult(call.id(), call.name(),
					"The arguments were not valid JSON; call the tool again with a JSON object that matches its schema."),
					new ToolCallRecord(call.id(), call.name(), "invalid_arguments", false), null);
		}
		run.emit(new StepEvent.ToolStarted(call.id(), call.name()));
		StepRecord.ToolResult recorded = recorded(run, round, position, call, arguments);
		long start = System.nanoTime();
		ToolOutcome outcome;
		if (recorded != null) {
			outcome = new ToolOutcome(recorded.output(), ToolOutcome.Status.valueOf(recorded.status().toUpperCase(Locale.ROOT)),
					Duration.ofMillis(recorded.tookMs()), recorded.truncated());
		}
		else {
			try {
				outcome = run.interruptibly(() -> invoker.invoke(tool.tool(), tool.policy(), new ToolCall(
						run.invocation().tenant(), arguments, run.invocation().runId(), idempotencyKey(run, round, position, call),
						agent(run))));
			}
			catch (CancellationException ex) {
				run.emit(new StepEvent.ToolFinished(call.id(), call.name(), "cancelled",
						TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), false));
				throw ex;
			}
		}
		String status = outcome.status().name().toLowerCase(Locale.ROOT);
		run.record(new StepRecord.ToolResult(round, position, call.id(), call.name(), call.arguments(), status,
				outcome.output(), outcome.truncated(), outcome.took().toMillis(), recorded != null));
		run.emit(new StepEvent.ToolFinished(call.id(), call.name(), status, outcome.took().toMillis(), outcome.truncated()));
		if (outcome.status() == ToolOutcome.Status.OK || outcome.status() == ToolOutcome.Status.INVALID_ARGUMENTS) {
			// invalid arguments are the model's to correct, not a failure of the tool
			return new Answered(ModelMessage.toolResult(call.id(), call.name(), outcome.output()),
					new ToolCallRecord(call.id(), call.name(), status, false), null);
		}
		if (tool.binding().required()) {
			return new Answered(ModelMessage.toolResult(call.id(), call.name(), outcome.output()),
					new ToolCallRecord(call.id(), call.name(), status, false),
					"required tool '" + call.name() + "' " + status.replace('_', ' ') + ": " + outcome.output());
		}
		run.emit(new StepEvent.ToolSkipped(call.name(), status.replace('_', ' ')));
		return new Answered(ModelMessage.toolResult(call.id(), call.name(), "The tool '" + call.name()
				+ "' failed and was skipped (" + outcome.output() + "). Answer as well as you can without it, and say "
				+ "that this information is missing."), new ToolCallRecord(call.id(), call.name(), status, true), null);
	}

	/**
	 * The tape's result for this call when it recorded the same tool with the same arguments at this place (the tool is
	 * then not invoked); null to call it live. A strict tape (a replay) without it diverges.
	 */
	private StepRecord.@Nullable ToolResult recorded(StepRun run, int round, int position, ModelToolCall call,
			JsonNode arguments) {
		StepTape tape = run.invocation().tape();
		StepRecord.ToolResult recorded = tape.tool(round, position);
		if (recorded != null && recorded.tool().equals(call.name()) && sameArguments(recorded.arguments(), arguments)) {
			return recorded;
		}
		if (tape.strict()) {
			throw new RampartException(ErrorCode.REPLAY_DIVERGED, "Round " + round + ", tool call " + (position + 1) + ": the step calls '"
					+ call.name() + "' with " + abbreviated(call.arguments()) + ", but " + tape.describe() + (recorded == null
							? " has no tool call there." : " has '" + recorded.tool() + "' with " + abbreviated(recorded.arguments()) + "."));
		}
		return null;
	}

	private boolean sameArguments(String recorded, JsonNode arguments) {
		try {
			return json.readTree(recorded.isBlank() ? "{}" : recorded).equals(arguments);
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	private static String abbreviated(String text) {
		return text.length() <= 200 ? text : text.substring(0, 200) + "...";
	}

	private static Answered refused(ModelToolCall call, String reason) {
		return new Answered(ModelMessage.toolResult(call.id(), call.name(), reason),
				new ToolCallRecord(call.id(), call.name(), "refused", false), null);
	}

	/**
	 * The same for the same logical call when a run's step is executed again after a takeover: the round, the call's
	 * position in it and the tool, not the model's call id (a model, the simulator included, names its calls anew on every
	 * response, so a key with the call id would let a resumed run repeat an effect it had completed).
	 */
	private static @Nullable String idempotencyKey(StepRun run, int round, int position, ModelToolCall call) {
		String runId = run.invocation().runId();
		return runId == null ? null : runId + ":" + round + ":" + position + ":" + call.name();
	}

	private static ToolCall.Agent agent(StepRun run) {
		return new ToolCall.Agent(run.agent().agentId(), run.agent().version(), run.invocation().threadId(),
				run.invocation().userId());
	}

	private static Answered join(Future<Answered> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RampartException(ErrorCode.SERVICE_UNAVAILABLE, "The step was interrupted while its tools ran.");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}
}
