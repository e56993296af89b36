package dev.rampart.shared;

/**
 * The tenant the current request acts in. Until authentication (#4) provides one from the access
 * token, every request acts in {@link TenantId#DEFAULT}.
 */
@FunctionalInterface
public interface CurrentTenant {

	TenantId get();
}
