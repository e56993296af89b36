package dev.rampart.executions.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.rampart.agents.AgentInvocations;
import dev.rampart.agents.Interruptible;
import dev.rampart.agents.Invocation;
import dev.rampart.agents.InvocationResult;
import dev.rampart.agents.StepListener;
import dev.rampart.agents.StepRecord;
import dev.rampart.agents.StepTape;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import dev.rampart.shared.TenantScope;
import dev.rampart.shared.TracedThreads;
import dev.rampart.tools.Tool;
import dev.rampart.tools.ToolCall;
import dev.rampart.tools.ToolInvoker;
import dev.rampart.tools.ToolOutcome;
import dev.rampart.tools.ToolPolicy;
import dev.rampart.tools.Tools;
import dev.rampart.workflows.RetryPolicy.RetryOn;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/**
 * The side-effecting work of workflow steps: one attempt of a tool call or an agent step, classified for the step's
 * retry policy ({@link RetryOn}). A tool gets the attempt's idempotency key (per run, step key, retry epoch and attempt),
 * so an attempt repeated after a takeover does not repeat the effect; an agent step gets it as its run id, from which
 * its own tool calls derive theirs.
 */
@Component
class StepWork {

	/** One attempt's result: an output, or a failure of a kind with a message that may be shown. */
	record Attempt(@Nullable JsonNode output, @Nullable RetryOn failure, String detail) {

		static Attempt ok(JsonNode output) {
			return new Attempt(output, null, "");
		}

		static Attempt failed(RetryOn kind, String detail) {
			return new Attempt(null, kind, detail);
		}

		boolean succeeded() {
			return failure == null;
		}
	}

	private final Tools tools;
	private final ToolInvoker invoker;
	private final AgentInvocations agents;
	private final JsonMapper json;

	StepWork(Tools tools, ToolInvoker invoker, AgentInvocations agents, JsonMapper json) {
		this.tools = tools;
		this.invoker = invoker;
		this.agents = agents;
		this.json = json;
	}

	/**
	 * One attempt of a tool step, answered from {@code tape} when it recorded the same tool with the same arguments (the
	 * tool is not called); else live, unless the tape is strict (a replay): then {@code REPLAY_DIVERGED}. What the call
	 * returned goes to {@code recorded}, to be kept in the run's record. A cancel through {@code listener} interrupts the
	 * call in flight.
	 *
	 * @throws CancellationException when the cancel arrived while the tool ran
	 */
	Attempt tool(TenantId tenant, UUID runId, String name, JsonNode arguments, @Nullable Duration timeout,
			String idempotencyKey, StepListener listener, StepTape tape, Consumer<StepRecord.ToolResult> recorded) {
		StepRecord.ToolResult taped = tape.tool(0, 0);
		if (taped != null && taped.tool().equals(name) && sameArguments(taped.arguments(), arguments)) {
			recorded.accept(new StepRecord.ToolResult(0, 0, "", name, taped.arguments(), taped.status(), taped.output(),
					taped.truncated(), taped.tookMs(), true));
			return attempt(name, ToolOutcome.Status.valueOf(taped.status().toUpperCase(Locale.ROOT)), taped.output());
		}
		if (tape.strict()) {
			throw new RampartException(ErrorCode.REPLAY_DIVERGED, "The step calls the tool '" + name + "' with "
					+ abbreviated(json.writeValueAsString(arguments)) + ", but " + tape.describe() + (taped == null
							? " has no tool call there." : " has '" + taped.tool() + "' with " + abbreviated(taped.arguments()) + "."));
		}
		Tool tool = tools.find(tenant, name).orElse(null);
		if (tool == null) {
			return Attempt.failed(RetryOn.TOOL_ERROR, "the tool '" + name + "' is not available to this tenant");
		}
		ToolPolicy policy = ToolPolicy.defaults().withRequired(true);
		if (timeout != null) {
			policy = policy.withTimeout(timeout.compareTo(ToolPolicy.MAX_TIMEOUT) > 0 ? ToolPolicy.MAX_TIMEOUT : timeout);
		}
		ToolPolicy limits = policy;
		ToolOutcome outcome = Interruptible.call(listener, () -> invoker.invoke(tool, limits, new ToolCall(tenant, arguments,
				runId.toString(), idempotencyKey)));
		recorded.accept(new StepRecord.ToolResult(0, 0, "", name, json.writeValueAsString(arguments),
				outcome.status().name().toLowerCase(Locale.ROOT), outcome.output(), outcome.truncated(),
				outcome.took().toMillis(), false));
		return attempt(name, outcome.status(), outcome.output());
	}

	private Attempt attempt(String name, ToolOutcome.Status status, String output) {
		return switch (status) {
			case OK -> Attempt.ok(parsed(output));
			case TIMED_OUT -> Attempt.failed(RetryOn.TIMEOUT, "the tool '" + name + "' timed out");
			case UNAVAILABLE -> Attempt.failed(RetryOn.RETRIABLE, "the tool '" + name + "' is unavailable (its breaker is open)");
			case INVALID_ARGUMENTS -> Attempt.failed(RetryOn.TOOL_ERROR, "the arguments do not fit the tool '" + name + "': "
					+ output);
			case FAILED -> Attempt.failed(RetryOn.TOOL_ERROR, "the tool '" + name + "' failed: " + output);
		};
	}

	private boolean sameArguments(String recorded, JsonNode arguments) {
		try {
			return json.readTree(recorded).equals(arguments);
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	private static String abbreviated(String text) {
		return text.length() <= 200 ? text : text.substring(0, 200) + "...";
	}

	/** A tool's answer as JSON when it is JSON, else as text. */
	private JsonNode parsed(String output) {
		try {
			return json.readTree(output);
		}
		catch (JacksonException ex) {
			return StringNode.valueOf(output);
		}
	}

	/**
	 * One agent step; the invocation's run id names the run, step key and attempt, so the agent's tool calls get
	 * idempotency keys of their own per workflow step and attempt.
	 *
	 * @throws CancellationException when {@code listener} asked the step to stop
	 */
	Attempt agent(Invocation invocation, StepListener listener) {
		InvocationResult result;
		try {
			result = agents.invoke(invocation, listener);
		}
		catch (RampartException ex) {
			if (ex.code() == ErrorCode.REPLAY_DIVERGED) {
				// not a failure of the agent: the replay stops here
				throw ex;
			}
			return Attempt.failed(ex.code().retryable() ? RetryOn.RETRIABLE : RetryOn.AGENT_ERROR,
					"the agent step failed with " + ex.code().name() + ": " + ex.technicalDetails());
		}
		return switch (result.status()) {
			case "completed" -> Attempt.ok(result.structuredOutput() != null ? result.structuredOutput()
					: StringNode.valueOf(result.output()));
			case "waiting_approval" -> Attempt.failed(RetryOn.AGENT_ERROR, "the agent wants approval for " + result.detail()
					+ ", which an agent step of a workflow cannot ask for; use an approval step before it");
			default -> Attempt.failed(RetryOn.AGENT_ERROR, "the agent step stopped: " + result.detail());
		};
	}

	/**
	 * {@link #agent(Invocation, StepListener)} under the step's timeout (null: none): the step runs on a virtual thread
	 * of a scope of its own (ADR 0022); past the timeout it is asked to stop (its listener answers cancelled, its thread is
	 * interrupted) and the attempt fails as a {@link RetryOn#TIMEOUT}. The scope waits for the step to end, so no model
	 * or tool call outlives the attempt.
	 */
	Attempt agent(Invocation invocation, StepListener listener, @Nullable Duration timeout) {
		if (timeout == null) {
			return agent(invocation, listener);
		}
		AtomicBoolean late = new AtomicBoolean();
		StepListener bounded = new StepListener() {
			@Override
			public void on(dev.rampart.agents.StepEvent event) {
				listener.on(event);
			}

			@Override
			public void recorded(StepRecord record) {
				listener.recorded(record);
			}

			@Override
			public boolean cancelled() {
				return late.get() || listener.cancelled();
			}

			@Override
			public Registration onCancel(Runnable stop) {
				return listener.onCancel(stop);
			}
		};
		try (ExecutorService scope = Executors.newThreadPerTaskExecutor(TracedThreads.virtual("wf-agent-"))) {
			Future<Attempt> attempt = scope.submit(() -> TenantScope.call(invocation.tenant(), () -> agent(invocation, bounded)));
			try {
				return attempt.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				late.set(true);
				attempt.cancel(true);
				return Attempt.failed(RetryOn.TIMEOUT, "the agent step took longer than its timeout (" + timeout.toSeconds()
						+ " s)");
			}
			catch (InterruptedException ex) {
				late.set(true);
				attempt.cancel(true);
				Thread.currentThread().interrupt();
				throw new CancellationException("the agent step was interrupted");
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof RuntimeException cause) {
					throw cause;
				}
				throw new IllegalStateException(ex.getCause());
			}
		}
	}

	/** Text an agent takes as its input: a string as it is, other JSON as JSON. */
	String text(JsonNode input) {
		return input.isString() ? input.stringValue() : json.writeValueAsString(input);
	}
}
