package dev.rampart.gateway.threats;

import java.util.LinkedHashMap;
import java.util.Map;

/** A window the models flagged, with its feature vector and the verdict. */
record Finding(ClosedWindow window, double[] vector, ThreatModels.Verdict verdict) {

	/** The feature values by {@link Feature#key()}, rounded to 4 decimals. */
	Map<String, Double> features() {
		Map<String, Double> named = new LinkedHashMap<>();
		for (Feature feature : Feature.values()) {
			named.put(feature.key(), Math.round(vector[feature.ordinal()] * 10_000) / 10_000.0);
		}
		return named;
	}
}
