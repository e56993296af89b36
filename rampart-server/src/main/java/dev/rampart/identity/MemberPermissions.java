package dev.rampart.identity;

import java.util.Optional;
import java.util.UUID;

import dev.rampart.shared.TenantId;

/**
 * Questions about a member of a tenant asked outside their own requests: whether they hold a permission now (so a
 * notification stream delivers a tenant-wide notice only to members allowed to see what it is about, and stops when
 * their role changes) and how to name them to others (a conflict notice names who overwrote a change).
 */
public interface MemberPermissions {

	/**
	 * Whether {@code user} is an enabled member of {@code tenant} whose role grants {@code permission} for some
	 * resource; false for anyone else.
	 *
	 * @param permission concrete, {@code resource:action}
	 */
	boolean holds(TenantId tenant, UUID user, String permission);

	/** The member's name, else their email address; empty when they are not a member. */
	Optional<String> displayName(TenantId tenant, UUID user);
}
