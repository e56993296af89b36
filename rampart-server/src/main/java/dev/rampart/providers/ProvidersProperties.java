package dev.rampart.providers;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.Range;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Built-in providers and model prices.
 *
 * @param sim the built-in LLM simulator, registered as provider {@code sim}
 * @param prices USD per million tokens by provider id, then model name
 *        ({@code rampart.providers.prices.<provider>.<model>.input|output}; a model name with dots goes in
 *        brackets: {@code prices.openai.[gpt-4.1].input}). A model without a price costs 0.
 */
@ConfigurationProperties("rampart.providers")
@Validated
public record ProvidersProperties(@DefaultValue @Valid Sim sim, @DefaultValue Map<String, Map<String, @Valid Price>> prices) {

	/**
	 * @param enabled start the simulator in-process at start-up ({@code RAMPART_PROVIDERS_SIM_ENABLED})
	 * @param port loopback port it listens on; 0 picks a free one
	 */
	public record Sim(@DefaultValue("true") boolean enabled, @DefaultValue("0") @Range(min = 0, max = 65535) int port) {
	}

	/**
	 * A model's price, exact to the millionth of a dollar per million tokens.
	 *
	 * @param input USD per million input (prompt) tokens
	 * @param output USD per million output (completion) tokens
	 */
	public record Price(@NotNull @DecimalMin("0") @Digits(integer = 9, fraction = 6) BigDecimal input,
			@NotNull @DecimalMin("0") @Digits(integer = 9, fraction = 6) BigDecimal output) {
	}
}
