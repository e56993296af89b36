package dev.rampart.events;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A stored notification of a tenant (docs/notifications.md). Its {@code id} orders the tenant's notifications without
 * gaps in what a reader can see: a client that resumes after the last id it received misses none and gets none twice.
 *
 * @param id the tenant's sequence number, from 1
 * @param type what happened: one of the {@code Notice} types ({@code breaker_opened}, {@code conflict}, ...)
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param title one sentence for people
 * @param data what the type names: ids, names, numbers
 * @param recipient the one user it is for; null for the tenant's members allowed to see it
 * @param createdAt when
 */
public record Notification(long id, String type, String severity, String title, JsonNode data, @Nullable UUID recipient,
		Instant createdAt) {
}
