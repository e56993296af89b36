package dev.rampart.identity;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A named set of grants. The built-in roles are {@link #OWNER}, {@link #ADMIN}, {@link #DEVELOPER},
 * {@link #OPERATOR} and {@link #VIEWER}; tenants add custom roles with conditional grants, under
 * names that are neither built-in nor {@link #RESERVED_NAMES reserved}.
 */
public record Role(String name, List<Grant> grants) {

	public Role {
		grants = List.copyOf(grants);
	}

	public static final Role OWNER = new Role("owner", grants("*:*"));

	public static final Role ADMIN = new Role("admin", grants("agent:*", "workflow:*", "run:*", "template:*", "tool:*",
			"memory:*", "thread:*", "credential:*", "member:read", "member:manage", "role:read", "role:manage",
			"api-key:read", "api-key:manage", "audit:read", "usage:read", "provider:read", "provider:use", "provider:write",
			"policy:read", "policy:write", "anomaly:read", "anomaly:clear", "budget:write", "schedule:*", "notification:read"));

	public static final Role DEVELOPER = new Role("developer", grants("agent:*", "workflow:*", "run:*", "template:*",
			"tool:*", "memory:*", "thread:*", "credential:read", "credential:use", "member:read", "role:read", "api-key:read",
			"api-key:manage", "usage:read", "provider:read", "provider:use", "policy:read", "schedule:*", "notification:read"));

	public static final Role OPERATOR = new Role("operator", grants("agent:read", "agent:execute", "workflow:read",
			"workflow:execute", "run:read", "run:cancel", "run:resume", "thread:read", "usage:read", "provider:read",
			"provider:use", "policy:read", "anomaly:read", "schedule:read", "notification:read"));

	public static final Role VIEWER = new Role("viewer", grants("agent:read", "workflow:read", "run:read", "template:read",
			"tool:read", "thread:read", "usage:read", "provider:read", "policy:read", "schedule:read",
			"notification:read"));

	public static final List<Role> BUILT_IN = List.of(OWNER, ADMIN, DEVELOPER, OPERATOR, VIEWER);

	/** What a platform admin holds on top of their role in the tenant; never part of a tenant's role. */
	public static final Role PLATFORM_ADMIN = new Role("platform-admin",
			List.of(new Grant(Permission.PLATFORM_ADMIN, Condition.ALWAYS)));

	/** Names a custom role may not take: the built-in ones and those Rampart uses internally. */
	public static final Set<String> RESERVED_NAMES = Set.of("owner", "admin", "developer", "operator", "viewer",
			"platform-admin", "api-key", "none");

	public static Optional<Role> builtIn(String name) {
		return BUILT_IN.stream().filter(role -> role.name().equals(name)).findFirst();
	}

	/** The grants of {@code wanted} that no grant of this role {@link Grant#covers covers}. */
	public List<Grant> uncovered(Collection<Grant> wanted) {
		return wanted.stream().filter(want -> grants.stream().noneMatch(held -> held.covers(want))).toList();
	}

	/** Whether this role holds everything {@code other} grants. */
	public boolean covers(Role other) {
		return uncovered(other.grants()).isEmpty();
	}

	private static List<Grant> grants(String... permissions) {
		return Arrays.stream(permissions).map(Grant::of).toList();
	}
}
