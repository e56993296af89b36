package dev.rampart.tools;

import java.util.UUID;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One call of a tool.
 *
 * @param tenant the tenant the call is made for; its policies (egress allowlist, credentials) apply
 * @param arguments the arguments the model gave, already validated against the tool's schema
 * @param runId the run the call belongs to, or null outside a run
 * @param idempotencyKey per run, step and attempt (#8): a tool with side effects passes it on, so a resumed step does
 *     not repeat a completed effect; null outside a run
 * @param agent the agent that makes the call, or null outside an agent (the playground, tests); memory tools need it
 */
public record ToolCall(TenantId tenant, JsonNode arguments, @Nullable String runId, @Nullable String idempotencyKey,
		@Nullable Agent agent) {

	public ToolCall(TenantId tenant, JsonNode arguments, @Nullable String runId, @Nullable String idempotencyKey) {
		this(tenant, arguments, runId, idempotencyKey, null);
	}

	/**
	 * Who calls: an agent version, and the conversation it is in.
	 *
	 * @param id the agent
	 * @param version the agent version that runs
	 * @param threadId the conversation (thread) the run belongs to, or null
	 * @param userId the end user the run is for (as the client names them), or null
	 */
	public record Agent(UUID id, int version, @Nullable String threadId, @Nullable String userId) {
	}
}
