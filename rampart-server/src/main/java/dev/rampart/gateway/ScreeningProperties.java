package dev.rampart.gateway;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Prompt-injection screening ({@code rampart.gateway.screening.*}, docs/prompt-screening.md).
 *
 * @param enabled whether texts are screened at all; when off every verdict is clean with reason {@code disabled}
 * @param threshold score from which a text counts as an injection; lower catches more and refuses more harmless text
 * @param maxWindows most pieces of one text the embedding classifier looks at (cost grows with it); heuristics always see the whole text
 * @param warmUp load the embedding model and the exemplars in the background at start-up, so the first screening is not slow
 */
@ConfigurationProperties("rampart.gateway.screening")
@Validated
public record ScreeningProperties(
		@DefaultValue("true") boolean enabled,
		@DefaultValue(DEFAULT_THRESHOLD) @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double threshold,
		@DefaultValue("16") @Min(1) @Max(256) int maxWindows,
		@DefaultValue("true") boolean warmUp) {

	public static final String DEFAULT_THRESHOLD = "0.5";

	/** The defaults, for code that builds a screener without Spring (tests, benchmarks). */
	public static ScreeningProperties defaults() {
		return new ScreeningProperties(true, Double.parseDouble(DEFAULT_THRESHOLD), 16, false);
	}
}
