package dev.rampart.gateway;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * A window of one principal's (or one tenant's) traffic that threat detection found unusual.
 * {@code score} is the model's score divided by its threshold (at or above 1 is anomalous);
 * {@code features} are the window's feature values; {@code reasons} the largest departures from
 * what the model was trained on, in words. {@code level} is {@code principal} or {@code tenant}.
 */
public record Anomaly(UUID id, TenantId tenant, String principalKey, String level, Instant windowStart, Instant windowEnd,
		double score, Map<String, Double> features, List<String> reasons, Status status, @Nullable Instant throttledUntil,
		@Nullable String clearedBy, @Nullable Instant clearedAt, @Nullable String clearReason, Instant createdAt) {

	public enum Status {
		OPEN, CLEARED
	}
}
