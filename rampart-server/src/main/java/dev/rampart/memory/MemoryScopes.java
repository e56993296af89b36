package dev.rampart.memory;

import java.util.regex.Pattern;

/**
 * The scopes a memory can have, so that the pipeline can keep what one user or thread said from another's
 * conversations: the whole agent ({@code ""}), one thread ({@code thread:<id>}) or one user ({@code user:<id>}).
 */
public final class MemoryScopes {

	/** The agent-wide scope. */
	public static final String AGENT = "";

	/** What a valid scope looks like (also checked by the table), for {@code @Pattern}. */
	public static final String REGEX = "((thread|user):[A-Za-z0-9][A-Za-z0-9._@:-]{0,127})?";

	private static final Pattern PATTERN = Pattern.compile(REGEX);

	private MemoryScopes() {
	}

	public static boolean isValid(String scope) {
		return PATTERN.matcher(scope).matches();
	}

	public static String thread(String threadId) {
		return checked("thread:" + threadId);
	}

	public static String user(String userId) {
		return checked("user:" + userId);
	}

	private static String checked(String scope) {
		if (!isValid(scope)) {
			throw new IllegalArgumentException("not a memory scope: ids are letters, digits and ._@:- (at most 128)");
		}
		return scope;
	}
}
