package dev.rampart.identity;

/** A permission that applies when its condition holds. */
public record Grant(Permission permission, Condition condition) {

	public static Grant of(String permission) {
		return new Grant(Permission.of(permission), Condition.ALWAYS);
	}

	public static Grant of(String permission, Condition condition) {
		return new Grant(Permission.of(permission), condition);
	}

	boolean allows(AccessRequest request) {
		return permission.implies(request.needed()) && condition.holds(request);
	}
}
