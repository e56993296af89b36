package dev.rampart.executions.events;

import java.util.UUID;

import dev.rampart.shared.TenantId;

/**
 * Model token text streamed by a run's step as it arrives, for live viewers only: tokens are not stored and have no seq
 * (the step's stored output holds their text), so a viewer that misses some loses nothing it could not read later. The
 * text was already masked by the model-call interceptor chain under the tenant's policy.
 */
public record RunTokens(TenantId tenant, UUID runId, String text) {
}
