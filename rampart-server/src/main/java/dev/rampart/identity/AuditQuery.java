package dev.rampart.identity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Filters and cursor of an audit page; null filters match everything. {@code action} matches as a
 * prefix ({@code auth.} finds every login event), {@code from} is inclusive and {@code to}
 * exclusive, {@code before} returns events with a smaller seq (newest first), and {@code limit} is
 * 1 to {@link #MAX_LIMIT}.
 */
public record AuditQuery(@Nullable String action, @Nullable String actor, @Nullable String targetType,
		@Nullable String targetId, @Nullable Instant from, @Nullable Instant to, @Nullable Long before, int limit) {

	public static final int MAX_LIMIT = 200;
	public static final int DEFAULT_LIMIT = 50;

	public AuditQuery {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
		}
	}

	public static AuditQuery newest(int limit) {
		return new AuditQuery(null, null, null, null, null, null, null, limit);
	}
}
