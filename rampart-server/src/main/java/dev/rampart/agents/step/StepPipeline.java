package dev.rampart.agents.step;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rampart.agents.AgentActivity;
import dev.rampart.agents.AgentDefinition;
import dev.rampart.agents.AgentDefinition.Limits;
import dev.rampart.agents.AgentDefinition.ModelStep;
import dev.rampart.agents.AgentVersion;
import dev.rampart.agents.Agents;
import dev.rampart.agents.AgentInvocations;
import dev.rampart.agents.Invocation;
import dev.rampart.agents.InvocationResult;
import dev.rampart.agents.InvocationResult.ToolCallRecord;
import dev.rampart.agents.StepEvent;
import dev.rampart.agents.StepListener;
import dev.rampart.agents.StepRecord;
import dev.rampart.agents.StepTape;
import dev.rampart.providers.LlmGateway;
import dev.rampart.providers.ModelSpec;
import dev.rampart.providers.ProviderRegistry;
import dev.rampart.providers.spi.ModelMessage;
import dev.rampart.providers.spi.ModelRequest;
import dev.rampart.providers.spi.ModelTool;
import dev.rampart.providers.spi.ModelToolCall;
import dev.rampart.providers.spi.ServedBy;
import dev.rampart.providers.spi.Usage;
import dev.rampart.shared.ErrorCode;
import dev.rampart.shared.RampartException;
import dev.rampart.shared.TenantId;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@link AgentInvocations}: the agent step (docs/agents.md, "The step pipeline"). Resolves and pins the version, loads
 * what the step needs ({@link StepLoads}), then loops: a model call through the step's interceptor chain and the
 * provider gateway, the tool calls it asks for ({@link ToolRound}), until an answer, a limit, or a tool that needs a
 * person's approval. Also the {@link AgentActivity} the agent deletion check asks: an agent with a step in flight on
 * this node is running. Each step is a {@code rampart.agent.step} span and timer (docs/observability.md) with the
 * guidelines' attributes {@code agent.id}, {@code input.size}, {@code execution.success} and {@code error.type}.
 */
@Component
class StepPipeline implements AgentInvocations, AgentActivity {

	private final Agents agents;
	private final StepLoads loads;
	private final ToolRound tools;
	private final List<StepInterceptor> interceptors;
	private final LlmGateway gateway;
	private final ProviderRegistry providers;
	private final OutputCheck outputCheck;
	private final MemoryAccess memory;
	private final Clock clock;
	private final ObservationRegistry observations;
	private final Map<Key, AtomicInteger> inFlight = new ConcurrentHashMap<>();

	StepPipeline(Agents agents, StepLoads loads, ToolRound tools, List<StepInterceptor> interceptors,
			LlmGateway gateway, ProviderRegistry providers, OutputCheck outputCheck, MemoryAccess memory, Clock clock,
			ObservationRegistry observations) {
		this.observations = observations;
		this.agents = agents;
		this.loads = loads;
		this.tools = tools;
		this.interceptors = interceptors.stream().sorted(Comparator.comparingInt(StepInterceptor::getOrder)).toList();
		this.gateway = gateway;
		this.providers = providers;
		this.outputCheck = outputCheck;
		this.memory = memory;
		this.clock = clock;
	}

	private record Key(TenantId tenant, UUID agentId) {
	}

	@Override
	public boolean running(TenantId tenant, UUID agentId) {
		AtomicInteger count = inFlight.get(new Key(tenant, agentId));
		return count != null && count.get() > 0;
	}

	@Override
	public InvocationResult invoke(Invocation invocation, StepListener listener) {
		Observation observation = Observation.createNotStarted("rampart.agent.step", observations)
			.contextualName("agent step")
			.lowCardinalityKeyValue("status", "failed")
			.highCardinalityKeyValue("agent.id", invocation.agentId().toString())
			.highCardinalityKeyValue("tenant.id", invocation.tenant().toString())
			.highCardinalityKeyValue("input.size", Integer.toString(invocation.input().length()))
			.highCardinalityKeyValue("execution.success", "false");
		return observation.observe(() -> {
			try {
				InvocationResult result = invokeObserved(invocation, listener);
				observation.lowCardinalityKeyValue("status", result.status());
				observation.highCardinalityKeyValue("execution.success", "true");
				return result;
			}
			catch (RampartException ex) {
				observation.highCardinalityKeyValue("error.type", ex.code().name());
				throw ex;
			}
			catch (CancellationException ex) {
				observation.lowCardinalityKeyValue("status", "cancelled");
				observation.highCardinalityKeyValue("error.type", "CANCELLED");
				throw ex;
			}
			catch (RuntimeException ex) {
				observation.highCardinalityKeyValue("error.type", ex.getClass().getSimpleName());
				throw ex;
			}
		});
	}

	private InvocationResult invokeObserved(Invocation invocation, StepListener listener) {
		AgentVersion agent = agents.resolve(invocation.tenant(), invocation.agentId(), invocation.selector())
			.orElseThrow(() -> new RampartException(ErrorCode.RESOURCE_NOT_FOUND, invocation.selector() == null
					? "No agent with this id in this tenant."
					: "No agent with this id in this tenant, or it has no version or alias '" + invocation.selector() + "'."));
		Key key = new Key(invocation.tenant(), agent.agentId());
		inFlight.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
		StepRun run = new StepRun(agent, invocation, listener, clock);
		try {
			return run(run);
		}
		catch (RampartException ex) {
			run.emit(new StepEvent.Finished("failed", ex.code().name()));
			throw ex;
		}
		catch (CancellationException ex) {
			run.emit(new StepEvent.Finished("cancelled", null));
			throw ex;
		}
		finally {
			inFlight.computeIfPresent(key, (k, count) -> count.decrementAndGet() == 0 ? null : count);
		}
	}

	private InvocationResult run(StepRun run) {
		AgentDefinition definition = run.agent().definition();
		StepLoads.Loaded loaded = loads.load(run);
		List<ModelTool> offered = loaded.tools().values().stream()
			.map(tool -> new ModelTool(tool.tool().name(), tool.tool().description(), tool.tool().parameters()))
			.toList();
		List<ModelMessage> conversation = new ArrayList<>(loaded.prompt());
		List<ToolCallRecord> toolCalls = new ArrayList<>();
		String lastText = "";
		ModelStep primary = definition.models().getFirst();
		for (int round = 1; round <= definition.limits().maxSteps(); round++) {
			String limit = limitReached(run);
			if (limit != null) {
				return finish(run, "limit_reached", limit, lastText, toolCalls);
			}
			stopIfCancelled(run);
			StepReply reply = call(run, round, new ModelRequest(conversation, primary.maxTokens(), primary.temperature(), offered));
			stopIfCancelled(run);
			lastText = reply.text();
			if (reply.toolCalls().isEmpty()) {
				return finish(run, "completed", null, reply.text(), toolCalls);
			}
			conversation.add(ModelMessage.toolCalls(reply.text(), reply.toolCalls()));
			Map<String, Boolean> approvals = run.invocation().approvals();
			List<String> awaiting = reply.toolCalls().stream()
				.filter(call -> loaded.tools().containsKey(call.name())
						&& loaded.tools().get(call.name()).binding().approvalRequired()
						&& !approvals.containsKey(call.name()))
				.map(ModelToolCall::name)
				.distinct()
				.toList();
			if (!awaiting.isEmpty()) {
				// a run waits and is resumed with the answers (Invocation.approvals); a synchronous step stops and says why
				return finish(run, "waiting_approval", String.join(", ", awaiting), reply.text(), toolCalls);
			}
			for (ToolRound.Answered answer : tools.run(run, round, loaded.tools(), reply.toolCalls())) {
				conversation.add(answer.message());
				toolCalls.add(answer.record());
			}
		}
		return finish(run, "limit_reached", "maxSteps (" + definition.limits().maxSteps() + " model calls)", lastText, toolCalls);
	}

	/**
	 * One model call: answered from the invocation's tape when it holds the round (no provider is called, no cost),
	 * else through the interceptor chain and the gateway; a strict tape (a replay) without the round diverges.
	 */
	private StepReply call(StepRun run, int round, ModelRequest request) {
		StepTape tape = run.invocation().tape();
		StepRecord.ModelResponse recorded = tape.model(round);
		StepReply reply;
		if (recorded != null) {
			reply = new StepReply(recorded.text(), recorded.toolCalls().stream()
				.map(call -> new ModelToolCall(call.id(), call.name(), call.arguments())).toList(),
					new Usage(recorded.inputTokens(), recorded.outputTokens()),
					new ServedBy(recorded.provider(), recorded.model(), 0, false), recorded.finishReason());
			if (!reply.text().isEmpty()) {
				run.emit(new StepEvent.Token(reply.text()));
			}
		}
		else if (tape.strict()) {
			throw new RampartException(ErrorCode.REPLAY_DIVERGED, "Round " + round + ": the step asks for a model call that "
					+ tape.describe() + " does not have.");
		}
		else {
			StepInterceptor.ModelCall chain = new StreamedCall(gateway, run);
			for (StepInterceptor interceptor : interceptors.reversed()) {
				StepInterceptor.ModelCall inner = chain;
				chain = req -> interceptor.around(run, round, req, inner);
			}
			reply = chain.call(request);
		}
		BigDecimal cost = recorded != null ? BigDecimal.ZERO : cost(run, reply);
		run.spent(reply.usage().inputTokens(), reply.usage().outputTokens(), cost);
		String provider = reply.servedBy() == null ? "" : reply.servedBy().provider();
		String model = reply.servedBy() == null ? "" : reply.servedBy().model();
		run.record(new StepRecord.ModelResponse(round, reply.text(), reply.toolCalls().stream()
			.map(call -> new StepRecord.Call(call.id(), call.name(), call.arguments())).toList(), reply.finishReason(),
				reply.usage().inputTokens(), reply.usage().outputTokens(), provider, model, recorded != null));
		run.emit(new StepEvent.ModelCalled(round, provider, model, reply.usage().inputTokens(),
				reply.usage().outputTokens(), reply.toolCalls().size()));
		return reply;
	}

	/** The call's cost at the serving model's configured prices (USD per million tokens; unpriced models cost 0). */
	private BigDecimal cost(StepRun run, StepReply reply) {
		if (reply.servedBy() == null || reply.servedBy().cached()) {
			return BigDecimal.ZERO;
		}
		ModelSpec spec = providers.find(run.invocation().tenant(), reply.servedBy().provider())
			.flatMap(provider -> provider.model(reply.servedBy().model()))
			.orElse(null);
		if (spec == null) {
			return BigDecimal.ZERO;
		}
		BigDecimal input = spec.inputPrice() == null ? BigDecimal.ZERO : spec.inputPrice();
		BigDecimal output = spec.outputPrice() == null ? BigDecimal.ZERO : spec.outputPrice();
		return input.multiply(BigDecimal.valueOf(reply.usage().inputTokens()))
			.add(output.multiply(BigDecimal.valueOf(reply.usage().outputTokens())))
			.divide(BigDecimal.valueOf(1_000_000), 6, RoundingMode.HALF_UP);
	}

	private static void stopIfCancelled(StepRun run) {
		if (run.cancelled()) {
			throw new CancellationException("the step was cancelled");
		}
	}

	private static @Nullable String limitReached(StepRun run) {
		Limits limits = run.agent().definition().limits();
		if (run.pastDeadline()) {
			return "maxWallTimeSeconds (" + limits.maxWallTime().toSeconds() + " s)";
		}
		if (run.inputTokens() + run.outputTokens() >= limits.maxTokens()) {
			return "maxTokens (" + limits.maxTokens() + ")";
		}
		if (limits.maxCostUsd() != null && run.costUsd().compareTo(limits.maxCostUsd()) >= 0) {
			return "maxCostUsd (" + limits.maxCostUsd().toPlainString() + ")";
		}
		return null;
	}

	private InvocationResult finish(StepRun run, String status, @Nullable String detail, String output,
			List<ToolCallRecord> toolCalls) {
		AgentVersion agent = run.agent();
		OutputCheck.Checked checked = status.equals("completed") ? outputCheck.check(agent.definition().outputSchema(), output)
				: OutputCheck.Checked.NONE;
		if (status.equals("completed") && !run.invocation().tape().strict()) {
			// a replay has no effects: it saves no summary
			memory.summarize(run, output);
		}
		run.emit(new StepEvent.Finished(status, detail));
		return new InvocationResult(agent.agentId(), agent.version(), status, detail, output, checked.value(),
				checked.problems(), toolCalls, run.modelCalls(), run.inputTokens(), run.outputTokens(), run.costUsd(),
				run.events());
	}
}
