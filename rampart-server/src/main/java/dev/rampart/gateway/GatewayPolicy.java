package dev.rampart.gateway;

import java.time.Instant;
import java.util.Map;

import dev.rampart.providers.spi.ScreeningAction;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's gateway policy: how secrets and personal data are masked in API responses, model replies and
 * streams, whether prompts sent to models are masked too, and what prompt-injection screening does by default.
 *
 * @param masking the action per category (missing categories have {@link MaskingPolicy}'s defaults)
 * @param maskPrompts whether untrusted messages sent to a model (user input, tool output, memories) are masked
 *        with the same actions before the call; off by default, since users may send their own data on purpose
 * @param screening the default screening action for untrusted text that looks like an injection
 * @param explicit the categories the tenant set itself (the rest are defaults)
 * @param updatedAt when the tenant last changed it, null for the defaults
 * @param updatedBy who last changed it (user or API key id), null for the defaults
 */
public record GatewayPolicy(MaskingPolicy masking, boolean maskPrompts, ScreeningAction screening,
		Map<MaskingCategory, MaskAction> explicit, @Nullable Instant updatedAt, @Nullable String updatedBy) {

	private static final GatewayPolicy DEFAULTS = new GatewayPolicy(MaskingPolicy.defaults(), false, ScreeningAction.FLAG,
			Map.of(), null, null);

	public GatewayPolicy {
		explicit = Map.copyOf(explicit);
	}

	/** Secrets masked, personal data partially masked, prompts not masked, screening flags. */
	public static GatewayPolicy defaults() {
		return DEFAULTS;
	}
}
