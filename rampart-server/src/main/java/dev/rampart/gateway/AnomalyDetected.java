package dev.rampart.gateway;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.rampart.shared.TenantId;

/**
 * Published when threat detection stores an anomaly: the notification that the events module
 * delivers. {@code tenant} is {@link TenantId#PLATFORM} for unauthenticated sources; {@code reasons}
 * name the features that made the window unusual, in words.
 */
public record AnomalyDetected(UUID anomalyId, TenantId tenant, String principalKey, Instant windowStart, Instant windowEnd,
		double score, List<String> reasons) {
}
