package dev.rampart.agents;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * A request to run one step of an agent.
 *
 * @param tenant the tenant the agent belongs to (and the step is billed to)
 * @param principal who asks: {@code user:<id>} or {@code api-key:<id>}
 * @param agentId the agent
 * @param selector which version runs: null for the latest, a version number, or an alias name ({@code prod})
 * @param input the user's message
 * @param threadId the conversation the step belongs to, or null; thread-scoped memories use it
 * @param userId the end user the step is for, as the client names them, or null; user-scoped memories use it
 * @param runId the run the step belongs to (#8), or null for a synchronous invocation
 * @param approvals what a person answered for tools that need approval, by tool name: true runs their calls, false
 *     answers them as refused; a tool that needs approval and is not here stops the step ({@code waiting_approval})
 * @param history the earlier turns of the thread, oldest first, that the model sees before {@code input}; empty outside a
 *     thread
 * @param tape recorded answers the step takes instead of calling a model or a tool (a replay, a takeover);
 *     {@link StepTape#LIVE} calls them all
 */
public record Invocation(TenantId tenant, String principal, UUID agentId, @Nullable String selector, String input,
		@Nullable String threadId, @Nullable String userId, @Nullable String runId, Map<String, Boolean> approvals,
		List<Turn> history, StepTape tape) {

	public Invocation {
		approvals = Map.copyOf(approvals);
		history = List.copyOf(history);
	}

	/** A live step: nothing recorded answers its calls. */
	public Invocation(TenantId tenant, String principal, UUID agentId, @Nullable String selector, String input,
			@Nullable String threadId, @Nullable String userId, @Nullable String runId, Map<String, Boolean> approvals,
			List<Turn> history) {
		this(tenant, principal, agentId, selector, input, threadId, userId, runId, approvals, history, StepTape.LIVE);
	}

	/** A step without earlier turns. */
	public Invocation(TenantId tenant, String principal, UUID agentId, @Nullable String selector, String input,
			@Nullable String threadId, @Nullable String userId, @Nullable String runId, Map<String, Boolean> approvals) {
		this(tenant, principal, agentId, selector, input, threadId, userId, runId, approvals, List.of());
	}

	/** A step nobody has answered approvals for. */
	public Invocation(TenantId tenant, String principal, UUID agentId, @Nullable String selector, String input,
			@Nullable String threadId, @Nullable String userId, @Nullable String runId) {
		this(tenant, principal, agentId, selector, input, threadId, userId, runId, Map.of());
	}
}
