package dev.rampart.providers.spi;

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
 */
public record ModelCallContext(TenantId tenant, String principal, String provider, String model, @Nullable String agentId,
		@Nullable ScreeningAction screeningOverride, @Nullable String runId) {

	/** A call outside any run. */
	public ModelCallContext(TenantId tenant, String principal, String provider, String model, @Nullable String agentId,
			@Nullable ScreeningAction screeningOverride) {
		this(tenant, principal, provider, model, agentId, screeningOverride, null);
	}
}
