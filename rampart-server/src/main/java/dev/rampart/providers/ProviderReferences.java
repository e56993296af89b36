package dev.rampart.providers;

import java.util.List;

import dev.rampart.shared.TenantId;

/**
 * Implemented by modules whose resources name a provider (agents' model chains, #7), so that a provider still in use
 * is not deleted from under them: {@code DELETE /api/v1/providers/{id}} answers {@code PROVIDER_IN_USE} with what
 * every implementation reports. Called inside the deleting transaction, bound to the tenant.
 */
public interface ProviderReferences {

	/** Short, user-readable names of what in the tenant still uses the provider (e.g. {@code agent support-bot}). */
	List<String> referencesTo(TenantId tenant, String providerId);
}
