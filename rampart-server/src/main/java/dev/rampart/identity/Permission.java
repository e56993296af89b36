package dev.rampart.identity;

import java.util.regex.Pattern;

/**
 * A permission {@code resource:action}, e.g. {@code agent:execute}. Either side may be {@code *},
 * so {@code workflow:*} grants every action on workflows and {@code *:*} everything.
 */
public record Permission(String resource, String action) {

	private static final Pattern PART = Pattern.compile("\\*|[a-z][a-z-]{0,39}");

	public Permission {
		if (!PART.matcher(resource).matches() || !PART.matcher(action).matches()) {
			throw new IllegalArgumentException("a permission reads resource:action in lower case, e.g. agent:read");
		}
	}

	public static Permission of(String text) {
		int colon = text.indexOf(':');
		if (colon < 0 || colon != text.lastIndexOf(':')) {
			throw new IllegalArgumentException("a permission reads resource:action, e.g. agent:read");
		}
		return new Permission(text.substring(0, colon), text.substring(colon + 1));
	}

	/** Whether holding this permission allows {@code needed} (which must be concrete: no wildcards). */
	public boolean implies(Permission needed) {
		return (resource.equals("*") || resource.equals(needed.resource()))
				&& (action.equals("*") || action.equals(needed.action()));
	}

	@Override
	public String toString() {
		return resource + ":" + action;
	}
}
