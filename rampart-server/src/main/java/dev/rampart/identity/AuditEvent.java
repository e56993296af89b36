package dev.rampart.identity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * A stored audit entry: {@code seq} counts 1, 2, 3 ... per tenant without gaps, and {@code hash}
 * (hex SHA-256) covers the previous entry's hash and every other field, so it is the value to export
 * when anchoring the chain elsewhere.
 */
public record AuditEvent(UUID id, TenantId tenant, long seq, Instant occurredAt, String actor, @Nullable String actorIp,
		String action, @Nullable String targetType, @Nullable String targetId, String outcome, Map<String, Object> details,
		String hash) {
}
