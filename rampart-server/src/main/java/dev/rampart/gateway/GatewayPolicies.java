package dev.rampart.gateway;

import java.util.Map;

import dev.rampart.providers.spi.ScreeningAction;
import dev.rampart.shared.TenantId;

/**
 * Tenants' gateway policies. {@link #of} is on the path of every API response and model call, so it answers
 * from a per-node cache: a change is seen at once on the node that made it and within the cache's TTL
 * ({@code rampart.gateway.policy-cache-ttl}, 30 s) on the others.
 */
public interface GatewayPolicies {

	/** The tenant's effective policy: what it stored over the defaults. */
	GatewayPolicy of(TenantId tenant);

	/**
	 * Replaces the tenant's policy (categories left out go back to their defaults) and puts the change on the
	 * audit log, attributed to the current caller.
	 */
	GatewayPolicy replace(TenantId tenant, Map<MaskingCategory, MaskAction> masking, boolean maskPrompts,
			ScreeningAction screening);
}
