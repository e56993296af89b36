package dev.rampart.identity;

import java.util.Collection;

/**
 * The one place that decides whether a request is allowed: deny by default; allowed when any grant
 * of the principal's roles implies the needed permission and its condition holds for this request.
 * Whether the resource belongs to the principal's tenant is not decided here: services look
 * resources up by tenant, so another tenant's resource is simply not found (404, never 403).
 */
public final class AccessPolicy {

	private AccessPolicy() {
	}

	public static Decision decide(Collection<Role> roles, AccessRequest request) {
		for (Role role : roles) {
			for (Grant grant : role.grants()) {
				if (grant.allows(request)) {
					return new Decision(true, "granted by role " + role.name() + " (" + grant.permission() + ")");
				}
			}
		}
		return new Decision(false, "no role grants " + request.needed() + " under the request's conditions");
	}

	/**
	 * Whether the roles could allow the request for some resource: the endpoint check of a
	 * {@code perResource} handler, whose service then decides with {@link #decide} for the resource
	 * it loaded. Conditions on the request (network) still apply.
	 */
	public static Decision decideForSomeResource(Collection<Role> roles, AccessRequest request) {
		for (Role role : roles) {
			for (Grant grant : role.grants()) {
				if (grant.couldAllow(request)) {
					return new Decision(true, "role " + role.name() + " may hold " + request.needed() + " for some resources");
				}
			}
		}
		return new Decision(false, "no role grants " + request.needed() + " for any resource under the request's conditions");
	}

	/** The outcome and, for the audit log, why. */
	public record Decision(boolean allowed, String reason) {
	}
}
