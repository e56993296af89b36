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
 * @param dedupeKey names the event when several nodes may report it ({@link #once}); null: always stored
 */
public record Notice(String type, String severity, String title, Map<String, ?> data, @Nullable UUID recipient,
		@Nullable String permission, @Nullable String dedupeKey) {

	public static final String INFO = "info";
	public static final String WARNING = "warning";
	public static final String CRITICAL = "critical";
	public static final Set<String> SEVERITIES = Set.of(INFO, WARNING, CRITICAL);
	private static final int MAX_KEY = 200;

	public Notice {
		if (!type.matches("[a-z][a-z_]{0,39}") || !SEVERITIES.contains(severity)) {
			throw new IllegalArgumentException("a notice has a lower-case type and a severity of " + SEVERITIES);
		}
		if (dedupeKey != null && (dedupeKey.isBlank() || dedupeKey.length() > MAX_KEY)) {
			throw new IllegalArgumentException("a dedupe key has 1 to " + MAX_KEY + " characters");
		}
		data = Map.copyOf(data);
	}

	public static Notice forUser(UUID user, String type, String severity, String title, Map<String, ?> data) {
		return new Notice(type, severity, title, data, user, null, null);
	}

	public static Notice forMembers(String permission, String type, String severity, String title, Map<String, ?> data) {
		return new Notice(type, severity, title, data, null, permission, null);
	}

	/**
	 * This notice, stored at most once per tenant under {@code key}: the same event reported by every node (a quota
	 * reached) becomes one notification, whichever node stores it first. The key names the event and its window or
	 * episode ({@code quota:<tenant>:tokens:<window>:80}), since it blocks its like until the notification is deleted.
	 */
	public Notice once(String key) {
		return new Notice(type, severity, title, data, recipient, permission, key);
	}
}
