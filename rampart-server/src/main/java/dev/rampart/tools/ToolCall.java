package dev.rampart.tools;

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
 */
public record ToolCall(TenantId tenant, JsonNode arguments, @Nullable String runId, @Nullable String idempotencyKey) {
}
