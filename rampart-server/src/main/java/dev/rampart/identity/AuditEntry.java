package dev.rampart.identity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.rampart.shared.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * Something to put on the audit log. {@code actor} is a user id, an API key id, {@code anonymous} or
 * {@code system}; {@code details} holds before/after values and is masked on record, but callers
 * should still never put a secret in it.
 */
public record AuditEntry(TenantId tenant, String actor, @Nullable String actorIp, String action,
		@Nullable String targetType, @Nullable String targetId, String outcome, Map<String, ?> details) {

	public static final String SUCCEEDED = "succeeded";
	public static final String FAILED = "failed";
	public static final String DENIED = "denied";

	public AuditEntry {
		details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
	}
}
