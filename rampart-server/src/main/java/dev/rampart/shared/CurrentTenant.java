package dev.rampart.shared;

/**
 * The tenant the current request acts in: the tenant of its access token or API key. Implemented by
 * the identity module; throws outside an authenticated request.
 */
@FunctionalInterface
public interface CurrentTenant {

	TenantId get();
}
