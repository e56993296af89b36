package dev.rampart.shared;

import org.jspecify.annotations.Nullable;

/**
 * What a change of a versioned resource asked for with {@code If-Match}: the version the client read (null for none or
 * {@code *}) and whether it insists on it. Rampart resolves concurrent edits by last writer wins (docs/notifications.md,
 * "Conflicts"): a stale version is overwritten with a warning, unless the client sent {@code Prefer: strict-concurrency}
 * ({@link #strict}), which keeps the {@code 412 PRECONDITION_FAILED} of strict optimistic locking.
 *
 * @param version the version named by {@code If-Match}, or null
 * @param strict whether a stale version is refused instead of overwritten
 */
public record IfMatch(@Nullable Long version, boolean strict) {

	/** No {@code If-Match}: whatever is stored is replaced, without a warning. */
	public static final IfMatch ANY = new IfMatch(null, false);

	/** The {@code Prefer} token that asks for 412 on a stale {@code If-Match}. */
	public static final String STRICT = "strict-concurrency";

	/** Whether a stored {@code current} version is not the one the client read. */
	public boolean stale(long current) {
		return version != null && version != current;
	}

	/** Whether a {@code Prefer} header (a comma-separated list of preferences) holds {@value #STRICT}. */
	static boolean prefersStrict(@Nullable String prefer) {
		if (prefer == null) {
			return false;
		}
		for (String token : prefer.split(",")) {
			String name = token.strip();
			int semicolon = name.indexOf(';');
			if ((semicolon < 0 ? name : name.substring(0, semicolon).strip()).equalsIgnoreCase(STRICT)) {
				return true;
			}
		}
		return false;
	}
}
