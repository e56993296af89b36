package dev.rampart.providers;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.rampart.shared.TenantId;

/**
 * The LLM providers a tenant can call: the node's built-in ones, then the tenant's own configurations
 * (docs/providers.md, "Provider configurations"). Lookups are cached briefly; a change on this node is seen at once.
 */
public interface ProviderRegistry {

	/** The node's built-in providers, visible to every tenant. */
	List<Provider> builtIn();

	/** Built-in providers first, then the tenant's, by id. */
	List<Provider> providers(TenantId tenant);

	default Optional<Provider> find(TenantId tenant, String id) {
		return providers(tenant).stream().filter(provider -> provider.id().equals(id)).findFirst();
	}

	/**
	 * Takes a key the provider rejected as unauthorized out of rotation: recorded in the configuration, audited
	 * ({@code provider.key_disabled}) and logged. Saving the provider again puts its keys back in use. Does nothing
	 * for a built-in provider or a key already disabled.
	 */
	void disableKey(Provider provider, UUID credentialId, String reason);
}
