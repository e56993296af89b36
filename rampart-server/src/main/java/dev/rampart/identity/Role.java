package dev.rampart.identity;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A named set of grants. The built-in roles are {@link #OWNER}, {@link #ADMIN}, {@link #DEVELOPER},
 * {@link #OPERATOR} and {@link #VIEWER}; tenants add custom roles with conditional grants.
 */
public record Role(String name, List<Grant> grants) {

	public Role {
		grants = List.copyOf(grants);
	}

	public static final Role OWNER = new Role("owner", grants("*:*"));

	public static final Role ADMIN = new Role("admin", grants("agent:*", "workflow:*", "run:*", "template:*", "tool:*",
			"memory:*", "thread:*", "credential:*", "member:read", "member:manage", "role:manage", "api-key:manage",
			"audit:read", "usage:read", "provider:read"));

	public static final Role DEVELOPER = new Role("developer", grants("agent:*", "workflow:*", "run:*", "template:*",
			"tool:*", "memory:*", "thread:*", "credential:read", "credential:use", "member:read", "usage:read", "provider:read"));

	public static final Role OPERATOR = new Role("operator", grants("agent:read", "agent:execute", "workflow:read",
			"workflow:execute", "run:read", "run:cancel", "run:resume", "thread:read", "usage:read", "provider:read"));

	public static final Role VIEWER = new Role("viewer", grants("agent:read", "workflow:read", "run:read", "template:read",
			"tool:read", "thread:read", "usage:read", "provider:read"));

	public static final List<Role> BUILT_IN = List.of(OWNER, ADMIN, DEVELOPER, OPERATOR, VIEWER);

	public static Optional<Role> builtIn(String name) {
		return BUILT_IN.stream().filter(role -> role.name().equals(name)).findFirst();
	}

	private static List<Grant> grants(String... permissions) {
		return Arrays.stream(permissions).map(Grant::of).toList();
	}
}
