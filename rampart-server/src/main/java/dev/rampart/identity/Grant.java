package dev.rampart.identity;

/** A permission that applies when its condition holds. */
public record Grant(Permission permission, Condition condition) {

	public static Grant of(String permission) {
		return new Grant(Permission.of(permission), Condition.ALWAYS);
	}

	public static Grant of(String permission, Condition condition) {
		return new Grant(Permission.of(permission), condition);
	}

	/**
	 * Whether holding this grant includes holding {@code other}: the permission covers it, and this
	 * grant is unconditional or has exactly the same condition.
	 */
	public boolean covers(Grant other) {
		return permission.covers(other.permission())
				&& (condition.equals(Condition.ALWAYS) || condition.equals(other.condition()));
	}

	boolean allows(AccessRequest request) {
		return permission.implies(request.needed()) && condition.holds(request);
	}

	boolean couldAllow(AccessRequest request) {
		return permission.implies(request.needed()) && condition.couldHold(request);
	}
}
