package dev.rampart.identity;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A permission {@code resource:action}, e.g. {@code agent:execute}. Either side may be {@code *},
 * so {@code workflow:*} grants every action on workflows and {@code *:*} everything a tenant has.
 * The resource {@code platform} is the exception: a wildcard never reaches it, so only platform
 * admins, who are granted {@link #PLATFORM_ADMIN} by name, hold it; tenant roles and API keys never do.
 */
public record Permission(String resource, String action) {

	private static final Pattern PART = Pattern.compile("\\*|[a-z][a-z-]{0,39}");

	/** The resource of installation-wide administration (tenants, key-encryption keys). */
	public static final String PLATFORM = "platform";

	/** What a platform admin holds, and nobody else. */
	public static final Permission PLATFORM_ADMIN = new Permission(PLATFORM, "admin");

	/**
	 * The resources a tenant's role or API key may be granted. A module that protects a new kind of
	 * resource adds it here (a test fails when an endpoint needs a resource missing from this list).
	 */
	public static final Set<String> TENANT_RESOURCES = Set.of("agent", "workflow", "run", "template", "tool", "memory",
			"thread", "credential", "provider", "member", "role", "api-key", "audit", "usage", "policy", "anomaly",
			"budget", "schedule", "notification");

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

	/**
	 * A permission a tenant may hand out, to a custom role or an API key: well-formed, on a
	 * {@link #TENANT_RESOURCES known resource} (or {@code *}), never on the platform.
	 *
	 * @throws IllegalArgumentException with a message safe to show, naming the known resources
	 */
	public static Permission grantable(String text) {
		Permission permission = of(text);
		if (!permission.resource().equals("*") && !TENANT_RESOURCES.contains(permission.resource())) {
			throw new IllegalArgumentException("'" + permission.resource() + "' is not a known resource; known: *, "
					+ String.join(", ", new TreeSet<>(TENANT_RESOURCES)));
		}
		return permission;
	}

	/** Whether holding this permission allows {@code needed} (which must be concrete: no wildcards). */
	public boolean implies(Permission needed) {
		return covers(needed);
	}

	/**
	 * Whether this permission includes all of {@code other}, wildcards included: {@code agent:*}
	 * covers {@code agent:read} and {@code agent:*}, not {@code *:read}. A wildcard resource does not
	 * cover {@code platform}.
	 */
	public boolean covers(Permission other) {
		boolean resourceCovered = resource.equals(other.resource())
				|| (resource.equals("*") && !other.resource().equals(PLATFORM));
		return resourceCovered && (action.equals("*") || action.equals(other.action()));
	}

	@Override
	public String toString() {
		return resource + ":" + action;
	}
}
