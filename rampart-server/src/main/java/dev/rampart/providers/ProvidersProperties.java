package dev.rampart.providers;

import jakarta.validation.Valid;
import org.hibernate.validator.constraints.Range;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Built-in providers.
 *
 * @param sim the built-in LLM simulator, registered as provider {@code sim}
 */
@ConfigurationProperties("rampart.providers")
@Validated
public record ProvidersProperties(@DefaultValue @Valid Sim sim) {

	/**
	 * @param enabled start the simulator in-process at start-up ({@code RAMPART_PROVIDERS_SIM_ENABLED})
	 * @param port loopback port it listens on; 0 picks a free one
	 */
	public record Sim(@DefaultValue("true") boolean enabled, @DefaultValue("0") @Range(min = 0, max = 65535) int port) {
	}
}
