package dev.rampart.events;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A notification to publish ({@link Notifications#publish}): either for one user ({@link #forUser}) or for every member
 * of the tenant who holds {@code permission} ({@link #forMembers}), checked when it is delivered, so a member whose role
 * changed stops seeing what the new role does not cover.
 *
 * @param type what happened, lower-case with underscores ({@code breaker_opened})
 * @param severity one of {@link #SEVERITIES}
 * @param title one sentence for people
 * @param data what the type names (ids, names, numbers); turned into JSON
 * @param recipient the one user it is for, or null
 * @param permission what a member needs to see a notice without recipient ({@code provider:read}); null: every member
 */
public record Notice(String type, String severity, String title, Map<String, ?> data, @Nullable UUID recipient,
		@Nullable String permission) {

	public static final String INFO = "info";
	public static final String WARNING = "warning";
	public static final String CRITICAL = "critical";
	public static final Set<String> SEVERITIES = Set.of(INFO, WARNING, CRITICAL);

	public Notice {
		if (!type.matches("[a-z][a-z_]{0,39}") || !SEVERITIES.contains(severity)) {
			throw new IllegalArgumentException("a notice has a lower-case type and a severity of " + SEVERITIES);
		}
		data = Map.copyOf(data);
	}

	public static Notice forUser(UUID user, String type, String severity, String title, Map<String, ?> data) {
		return new Notice(type, severity, title, data, user, null);
	}

	public static Notice forMembers(String permission, String type, String severity, String title, Map<String, ?> data) {
		return new Notice(type, severity, title, data, null, permission);
	}
}
