package dev.rampart.identity.internal;

import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import dev.rampart.identity.AuditEvent;
import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One row of {@code audit_events} exactly as stored, hashes included. */
record AuditRow(UUID id, TenantId tenant, long seq, Instant occurredAt, String actor, @Nullable String actorIp,
		String action, @Nullable String targetType, @Nullable String targetId, String outcome, JsonNode details,
		byte[] prevHash, byte[] hash) {

	AuditEvent toEvent() {
		return new AuditEvent(id, tenant, seq, occurredAt, actor, actorIp, action, targetType, targetId, outcome,
				AuditDetails.toMap(details), HexFormat.of().formatHex(hash));
	}
}
