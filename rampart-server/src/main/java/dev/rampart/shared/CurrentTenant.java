package dev.rampart.shared;

import java.util.Optional;

/**
 * The tenant the current request acts in: the tenant of its access token or API key. Implemented by
 * the identity module.
 */
@FunctionalInterface
public interface CurrentTenant {

	/** Empty outside an authenticated request. */
	Optional<TenantId> find();

	/** Throws outside an authenticated request. */
	default TenantId get() {
		return find().orElseThrow(() -> new IllegalStateException("no authenticated principal: the tenant is unknown"));
	}
}
