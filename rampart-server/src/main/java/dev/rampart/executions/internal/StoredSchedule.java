package dev.rampart.executions.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A cron schedule as stored (docs/runs.md, "Schedules"): what the API shows, and what the ticker needs to fire it.
 *
 * @param cron as the client sent it: 5 or 6 fields or a macro, evaluated in {@code timezone}
 * @param targetKind {@code agent} or {@code workflow}
 * @param targetVersion the selector each firing resolves: null for the latest, digits, or an alias
 * @param input what each run gets
 * @param nextFireAt the next tick, null while disabled
 * @param lastError the problem that kept the last firing from creating a run (target deleted ...), or null
 * @param version raised by every change: the ETag
 */
public record StoredSchedule(UUID id, String name, String cron, String timezone, String targetKind, UUID targetId,
		@Nullable String targetVersion, JsonNode input, boolean enabled, @Nullable Instant nextFireAt,
		@Nullable Instant lastFiredAt, @Nullable UUID lastRunId, @Nullable JsonNode lastError, long version,
		Instant createdAt, String createdBy, Instant updatedAt) {

	/** A page of schedules in creation order; {@code next} goes in {@code after} for the following page. */
	public record Page(List<StoredSchedule> items, @Nullable UUID next) {
	}
}
