package dev.rampart.providers;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * A model a provider offers, as configured for it.
 *
 * @param name the provider's model name (for Azure OpenAI, the deployment name)
 * @param contextWindow the most tokens (input and output) one call may use, or null when not configured
 * @param inputPrice USD per million input tokens, exact to 10⁻⁶, or null for the node's configured price (else 0)
 * @param outputPrice USD per million output tokens, likewise
 */
public record ModelSpec(String name, @Nullable Integer contextWindow, @Nullable BigDecimal inputPrice,
		@Nullable BigDecimal outputPrice) {

	public static ModelSpec named(String name) {
		return new ModelSpec(name, null, null, null);
	}
}
