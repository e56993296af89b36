package dev.rampart.agents.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A template as stored: a built-in one ({@code builtin:<name>}, read-only, no timestamps) or a tenant's own (a UUID).
 *
 * @param definition the template-definition document
 * @param version 1 for a built-in one; raised by every change of a tenant's
 */
public record Template(String id, boolean builtIn, JsonNode definition, int version, @Nullable Instant createdAt,
		@Nullable String createdBy, @Nullable Instant updatedAt, @Nullable String updatedBy) {

	public static final String BUILT_IN_PREFIX = "builtin:";

	static Template builtIn(String name, JsonNode definition) {
		return new Template(BUILT_IN_PREFIX + name, true, definition, 1, null, null, null, null);
	}
}
