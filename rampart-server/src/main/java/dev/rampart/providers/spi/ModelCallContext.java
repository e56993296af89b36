package dev.rampart.providers.spi;

import java.util.Map;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * Who makes a model call and for what. Where each message's text came from (and so whether it is
 * untrusted) travels with the message: {@link ModelMessage#origin()}.
 *
 * @param tenant the tenant the call is made and billed for; its policies apply
 * @param principal who the call is made for: {@code user:<id>} or {@code api-key:<id>}
 * @param provider the provider id (e.g. {@code sim})
 * @param model the model name
 * @param agentId the agent that makes the call, or null outside an agent run (the playground)
 * @param screeningOverride a screening action for this call instead of the tenant's default, or null
 * @param runId the run the call belongs to, or null outside a run; usage is attributed to it
 * @param masking an agent's own masking actions by category label ({@code email} → {@code mask}); masking applies
 *     whichever of these and the tenant's policy is stricter, so an agent can tighten its tenant's masking, never loosen it
 */
public record ModelCallContext(TenantId tenant, String principal, String provider, String model, @Nullable String agentId,
		@Nullable ScreeningAction screeningOverride, @Nullable String runId, Map<String, String> masking) {

	public ModelCallContext {
		masking = Map.copyOf(masking);
	}

	/** A call with the tenant's masking policy alone. */
	public ModelCallContext(TenantId tenant, String principal, String provider, String model, @Nullable String agentId,
			@Nullable ScreeningAction screeningOverride, @Nullable String runId) {
		this(tenant, principal, provider, model, agentId, screeningOverride, runId, Map.of());
	}

	/** A call outside any run. */
	public ModelCallContext(TenantId tenant, String principal, String provider, String model, @Nullable String agentId,
			@Nullable ScreeningAction screeningOverride) {
		this(tenant, principal, provider, model, agentId, screeningOverride, null, Map.of());
	}
}
