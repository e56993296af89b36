package dev.rampart.gateway;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Threat detection ({@code rampart.gateway.threats.*}, docs/threat-detection.md): requests are
 * counted per principal and per tenant in fixed windows, each closed window is scored by isolation
 * forests, and an anomalous principal's rate limits are divided by {@code tighteningFactor} for
 * {@code coolDown} or until an administrator clears the anomaly.
 *
 * @param enabled whether requests are recorded and scored at all
 * @param window length of one observation window
 * @param retrainInterval how often the models are trained again on recent windows
 * @param coolDown how long an anomalous principal stays throttled unless cleared
 * @param tighteningFactor what a throttled principal's limits are divided by
 * @param minTenantWindows unflagged windows a tenant needs before it gets a model of its own
 * @param thresholdQuantile the share of training windows that score below a model's threshold
 * @param trees trees per isolation forest
 * @param sampleSize training points per tree
 * @param trainingWindows recent windows kept for training, per tenant and for the global baseline
 * @param maxKeys most principals (and tenants) counted in one window; later ones are dropped and counted
 * @param seed seed of the models' random choices, so a retraining is reproducible
 */
@ConfigurationProperties("rampart.gateway.threats")
@Validated
public record ThreatProperties(
		@DefaultValue("true") boolean enabled,
		@DefaultValue("1m") Duration window,
		@DefaultValue("10m") Duration retrainInterval,
		@DefaultValue("15m") Duration coolDown,
		@DefaultValue("10") @Min(2) int tighteningFactor,
		@DefaultValue("500") @Min(16) int minTenantWindows,
		@DefaultValue("0.998") double thresholdQuantile,
		@DefaultValue("100") @Min(10) int trees,
		@DefaultValue("256") @Min(16) int sampleSize,
		@DefaultValue("4096") @Min(256) int trainingWindows,
		@DefaultValue("100000") @Positive long maxKeys,
		@DefaultValue("42") long seed) {

	public ThreatProperties {
		if (window.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("rampart.gateway.threats.window must be at least 1s, not " + window);
		}
		if (retrainInterval.compareTo(window) < 0) {
			throw new IllegalArgumentException("rampart.gateway.threats.retrain-interval (" + retrainInterval
					+ ") must be at least one window (" + window + ")");
		}
		if (!coolDown.isPositive()) {
			throw new IllegalArgumentException("rampart.gateway.threats.cool-down must be positive, not " + coolDown);
		}
		if (!(thresholdQuantile >= 0.9 && thresholdQuantile < 1)) {
			throw new IllegalArgumentException("rampart.gateway.threats.threshold-quantile must be in [0.9, 1), not "
					+ thresholdQuantile);
		}
	}

	/** The defaults, for tests and tools that run the detector without Spring. */
	public static ThreatProperties defaults() {
		return new ThreatProperties(true, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(15), 10, 500, 0.998,
				100, 256, 4096, 100_000, 42);
	}
}
